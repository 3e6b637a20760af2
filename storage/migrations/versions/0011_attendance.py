"""approved absences: the clerk's record that silences six-month attendance warnings

Revision ID: 0011_attendance
Revises: 0010_sync_heals
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0011_attendance"
down_revision: str | None = "0010_sync_heals"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "approved_absences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_approved_absences_member_id", "approved_absences", ["member_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_approved_absences_member_id", table_name="approved_absences")
    op.drop_table("approved_absences")
