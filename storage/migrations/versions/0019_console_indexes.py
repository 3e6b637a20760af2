"""console indexes: actions by board, status and due date; deliveries by meeting; audit by time

The console lists a board's actions a page at a time by status, re-queues one meeting's
reminders, and shows the audit log newest first; each reads through one of these.

Revision ID: 0019_console_indexes
Revises: 0018_paper_search
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019_console_indexes"
down_revision: str | None = "0018_paper_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_actions_board_status_due", "actions", ["board_id", "status", "due"])
    op.create_index("ix_deliveries_meeting_id", "deliveries", ["meeting_id"])
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_index("ix_deliveries_meeting_id", table_name="deliveries")
    op.drop_index("ix_actions_board_status_due", table_name="actions")
