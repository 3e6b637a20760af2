"""search batch: on SQLite an importer's new items are indexed once, after their resolutions

Revision 0004's FTS5 triggers index an item when it is inserted and again for each of its
resolutions: each time FTS5 reads the row's old text back to delete it and tokenizes the
whole item anew, so a 13-item minutes document was tokenized 37 times where 13 would do,
a third of the CPU storing it cost. SQLite has no deferred triggers (PostgreSQL's refresh
at commit is revision 0023), so the importer marks the items it inserts
``search_pending``: the triggers leave a pending item alone, and the importer clears the
mark once its resolutions are in, which indexes each item once (``storage.persist``). Any
other writer leaves the mark false and is indexed at once, as before. An update that
changes nothing searched no longer re-indexes the item.

PostgreSQL gets the column (one schema for both) and ignores it.

Revision ID: 0024_search_batch
Revises: 0023_search_refresh
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.migrations import earlier
from storage.migrations.dialect import run_on

revision: str = "0024_search_batch"
down_revision: str | None = "0023_search_refresh"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_0004 = earlier.revision("0004_ranked_search")
_refresh = _0004._sqlite_refresh
# What an item's search row is made of (FTS5 columns title, presenters, agenda, minutes).
_SEARCHED = " OR ".join(
    f"old.{c} IS NOT new.{c}" for c in ("title", "presenters", "agenda_text", "minutes_text")
)
_NOT_PENDING = "NOT EXISTS (SELECT 1 FROM agenda_items WHERE id = new.item_id AND search_pending)"
_TRIGGERS = ("item_search_ai", "item_search_au", "item_search_decision_ai")

SQLITE_UPGRADE = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in _TRIGGERS),
    "CREATE TRIGGER item_search_ai AFTER INSERT ON agenda_items "
    f"WHEN NOT new.search_pending BEGIN {_refresh('new.id')} END",
    "CREATE TRIGGER item_search_au AFTER UPDATE ON agenda_items "
    f"WHEN NOT new.search_pending AND (old.search_pending OR {_SEARCHED}) BEGIN "
    f"DELETE FROM item_search WHERE rowid = old.id; {_refresh('new.id')} END",
    "CREATE TRIGGER item_search_decision_ai AFTER INSERT ON decisions "
    f"WHEN {_NOT_PENDING} BEGIN {_refresh('new.item_id')} END",
]
# Revision 0004's three, as they were.
SQLITE_DOWNGRADE = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in _TRIGGERS),
    *(s for s in _0004.SQLITE_UPGRADE if s.startswith(tuple(f"CREATE TRIGGER {n} " for n in _TRIGGERS))),
]


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch copy (see 0010).
    op.add_column(
        "agenda_items",
        sa.Column("search_pending", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    run_on("sqlite", SQLITE_UPGRADE)


def downgrade() -> None:
    run_on("sqlite", SQLITE_DOWNGRADE)
    op.drop_column("agenda_items", "search_pending")
