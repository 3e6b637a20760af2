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
    with op.batch_alter_table("sources") as batch:
        batch.add_column(
            sa.Column("failed_meetings", sa.JSON(), nullable=False, server_default="[]")
        )
    with op.batch_alter_table("meetings") as batch:
        batch.add_column(sa.Column("status_note", sa.String(length=200), nullable=True))
    with op.batch_alter_table("agenda_items") as batch:
        batch.add_column(sa.Column("decision_url", sa.String(length=400), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agenda_items") as batch:
        batch.drop_column("decision_url")
    with op.batch_alter_table("meetings") as batch:
        batch.drop_column("status_note")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("failed_meetings")
