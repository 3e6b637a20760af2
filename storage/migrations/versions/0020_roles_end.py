"""roles that end (former members) and approved absences that are withdrawn

Revision ID: 0020_roles_end
Revises: 0019_console_indexes
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_roles_end"
down_revision: str | None = "0019_console_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (see 0010): no batch copy of tables other migrations put triggers on.
    op.add_column("board_roles", sa.Column("ended_on", sa.Date(), nullable=True))
    op.add_column(
        "approved_absences",
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.add_column(
        "approved_absences", sa.Column("withdrawn_by", sa.String(length=200), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("approved_absences", "withdrawn_by")
    op.drop_column("approved_absences", "withdrawn_at")
    op.drop_column("board_roles", "ended_on")
