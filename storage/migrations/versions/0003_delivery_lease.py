"""delivery claims become leases; chat identities and channels record their Slack workspace

A claim left "claimed" by a process that died mid-send is retried once its
lease has passed; existing claims get an already-expired lease, so the
reminders they stand for are retried too (if still useful).

Revision ID: 0003_delivery_lease
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_delivery_lease"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=100), nullable=True))
        batch_op.add_column(
            sa.Column("attempts", sa.Integer(), nullable=False, server_default="1")
        )
        batch_op.add_column(sa.Column("group_key", sa.String(length=200), nullable=True))
        batch_op.create_index(batch_op.f("ix_deliveries_group_key"), ["group_key"], unique=False)
    op.execute("UPDATE deliveries SET lease_until = claimed_at WHERE outcome = 'claimed'")
    with op.batch_alter_table("chat_identities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("team_id", sa.String(length=32), nullable=True))
    with op.batch_alter_table("board_channels", schema=None) as batch_op:
        batch_op.add_column(sa.Column("team_id", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("board_channels", schema=None) as batch_op:
        batch_op.drop_column("team_id")
    with op.batch_alter_table("chat_identities", schema=None) as batch_op:
        batch_op.drop_column("team_id")
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deliveries_group_key"))
        batch_op.drop_column("group_key")
        batch_op.drop_column("attempts")
        batch_op.drop_column("claimed_by")
        batch_op.drop_column("lease_until")
