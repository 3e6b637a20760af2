"""search later: a bulk import on PostgreSQL may leave its items' search rows to a
refresher running beside it, instead of refreshing them at each commit

Revision 0023 refreshes the items a transaction wrote when it commits, and the commit
waits for it: for an import that is about 6 ms of the server's time for every document,
on the path every document waits for in turn. A transaction that sets
``boardclerk.search_later`` to ``on`` (``storage.search_later``) notes its items as
before but leaves out its mark, so its commit refreshes nothing; the importer's refresher
refreshes the noted items on a connection of its own while the import goes on, and once
more when it ends. Any later commit that refreshes also refreshes whatever is left noted.

Revision ID: 0025_search_later
Revises: 0024_search_batch
"""

from collections.abc import Sequence

from alembic import op

from storage.migrations import earlier
from storage.migrations.dialect import run_on

revision: str = "0025_search_later"
down_revision: str | None = "0024_search_batch"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_MARK = "SELECT -pg_backend_pid() ON CONFLICT"
_MARK_UNLESS_LATER = (
    "SELECT -pg_backend_pid() "
    "WHERE current_setting('boardclerk.search_later', true) IS DISTINCT FROM 'on' ON CONFLICT"
)
# Revision 0023's three functions that note items, as it made them, to be replaced.
_NOTES = [
    statement.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)
    for statement in earlier.revision("0023_search_refresh").POSTGRES_UPGRADE
    if statement.startswith("CREATE FUNCTION item_search_note_")
]
assert len(_NOTES) == 3 and all(_MARK in statement for statement in _NOTES)

POSTGRES_UPGRADE = [statement.replace(_MARK, _MARK_UNLESS_LATER) for statement in _NOTES]
POSTGRES_DOWNGRADE = ["SELECT item_search_flush()", *_NOTES]


def upgrade() -> None:
    run_on("postgresql", POSTGRES_UPGRADE)


def downgrade() -> None:
    run_on("postgresql", POSTGRES_DOWNGRADE)
