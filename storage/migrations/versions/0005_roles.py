"""board roles remember since when and from whom: older minutes never unseat a newer chair;
actions indexed by meeting, which every import of minutes looks up

Revision ID: 0005_roles
Revises: 0004_ranked_search
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_roles"
down_revision: str | None = "0004_ranked_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("board_roles") as batch:
        batch.add_column(sa.Column("as_of", sa.Date(), nullable=True))
        batch.add_column(sa.Column("set_by", sa.String(length=20), nullable=True))
    op.create_index("ix_actions_meeting_id", "actions", ["meeting_id"])


def downgrade() -> None:
    op.drop_index("ix_actions_meeting_id", table_name="actions")
    with op.batch_alter_table("board_roles") as batch:
        batch.drop_column("set_by")
        batch.drop_column("as_of")
