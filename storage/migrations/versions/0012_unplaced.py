"""nothing dropped in silence: unplaced passages kept on the meeting, coverage per document

Revision ID: 0012_unplaced
Revises: 0011_attendance
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_unplaced"
down_revision: str | None = "0011_attendance"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "unplaced_passages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_unplaced_passages_meeting_id"), "unplaced_passages", ["meeting_id"], unique=False
    )
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("coverage", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("coverage")
    op.drop_index(op.f("ix_unplaced_passages_meeting_id"), table_name="unplaced_passages")
    op.drop_table("unplaced_passages")
