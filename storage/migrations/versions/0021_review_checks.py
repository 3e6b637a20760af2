"""review findings a clerk has checked, so the console lists only what is left

Revision ID: 0021_review_checks
Revises: 0020_roles_end
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0021_review_checks"
down_revision: str | None = "0020_roles_end"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "review_checks",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=False),
        sa.Column("checked_by", sa.String(length=200), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["board_id"], ["boards.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index(op.f("ix_review_checks_board_id"), "review_checks", ["board_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_review_checks_board_id"), table_name="review_checks")
    op.drop_table("review_checks")
