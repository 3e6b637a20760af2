"""the board an audit entry is about, so the console shows each clerk their boards' entries

Revision ID: 0023_audit_board
Revises: 0021_review_checks

Entries the console logged about a meeting name its board in ``subject``: those are
given the board's id; older entries about no one board keep none.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0023_audit_board"
down_revision: str | None = "0021_review_checks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("board_id", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_audit_log_board_id"), "audit_log", ["board_id"], unique=False)
    op.execute(
        "UPDATE audit_log SET board_id = "
        "(SELECT boards.id FROM boards WHERE boards.name = audit_log.subject) "
        "WHERE board_id IS NULL AND action IN "
        "('meeting-moved', 'meeting-cancelled', 'attendance-marked', 'reminders-resent')"
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_log_board_id"), table_name="audit_log")
    op.drop_column("audit_log", "board_id")
