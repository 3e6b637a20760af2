"""papers: each agenda item's documents, kept with their text page by page

Revision ID: 0013_papers
Revises: 0012_unplaced
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_papers"
down_revision: str | None = "0012_unplaced"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "papers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=60), nullable=False),
        sa.Column("item_number", sa.String(length=40), nullable=True),
        sa.Column("item_title", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("url", sa.String(length=600), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("restricted", sa.Boolean(), nullable=False),
        sa.Column("listing", sa.String(length=64), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meeting_id", "item_key", "url"),
    )
    op.create_index("ix_papers_meeting_id", "papers", ["meeting_id"])
    op.create_table(
        "paper_pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("paper_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["paper_id"], ["papers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("paper_id", "number"),
    )


def downgrade() -> None:
    op.drop_table("paper_pages")
    op.drop_index("ix_papers_meeting_id", table_name="papers")
    op.drop_table("papers")
