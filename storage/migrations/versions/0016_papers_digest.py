"""papers digest: each member's /digest off|on

Revision ID: 0016_papers_digest
Revises: 0015_email
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_papers_digest"
down_revision: str | None = "0015_email"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "digest_choices",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("member_id"),
    )


def downgrade() -> None:
    op.drop_table("digest_choices")
