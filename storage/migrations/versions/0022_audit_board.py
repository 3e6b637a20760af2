"""the board an audit entry is about, so the console shows each clerk their boards' entries;
the actions index covers the console's sort

Revision ID: 0022_audit_board
Revises: 0021_review_checks

Entries the console logged about a meeting name its board in ``subject``: those are
given the board's id; older entries about no one board keep none. The actions list sorts
thousands of a board's actions by due date (or their due-back meeting's) for one page:
with those columns in the index, SQLite sorts without reading each row (9 ms -> 5 ms).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0022_audit_board"
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
    op.drop_index("ix_actions_board_status_due", table_name="actions")
    op.create_index(
        "ix_actions_board_listing",
        "actions",
        ["board_id", "status", "due", "due_meeting_id", "owner_member_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_actions_board_listing", table_name="actions")
    op.create_index("ix_actions_board_status_due", "actions", ["board_id", "status", "due"])
    op.drop_index(op.f("ix_audit_log_board_id"), table_name="audit_log")
    op.drop_column("audit_log", "board_id")
