"""conversation references, so Teams can message members and channels proactively

Revision ID: 0009_teams
Revises: 0008_privacy
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0009_teams"
down_revision: str | None = "0008_privacy"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conversation_references",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("platform", "kind", "key"),
    )


def downgrade() -> None:
    op.drop_table("conversation_references")
