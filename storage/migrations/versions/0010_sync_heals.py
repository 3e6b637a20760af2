"""a sync that heals itself: failed meetings kept per source, status notes, decision links

Revision ID: 0010_sync_heals
Revises: 0009_teams
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_sync_heals"
down_revision: str | None = "0009_teams"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch copy: SQLite's search triggers on agenda_items (0004) name
    # the table, so recreating it under a temporary name fails there.
    op.add_column(
        "sources", sa.Column("failed_meetings", sa.JSON(), nullable=False, server_default="[]")
    )
    op.add_column("meetings", sa.Column("status_note", sa.String(length=200), nullable=True))
    op.add_column("agenda_items", sa.Column("decision_url", sa.String(length=400), nullable=True))


def downgrade() -> None:
    op.drop_column("agenda_items", "decision_url")
    op.drop_column("meetings", "status_note")
    op.drop_column("sources", "failed_meetings")
