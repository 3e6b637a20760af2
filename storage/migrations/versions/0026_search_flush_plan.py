"""search flush plan: PostgreSQL refreshes search rows without compiling the statement
to machine code, and works out an item's heading once, not twice

Revision 0023's ``item_search_flush()`` plans its statement without knowing how many
items are noted, and the estimate grows with the size of ``item_search_pending``'s
file, which a busy database's inserts and deletes leave bigger than its rows. Past
PostgreSQL's ``jit_above_cost`` every call then compiled the statement with LLVM first:
about 11 ms of a 16 ms refresh of a 13-item document, at every commit that wrote an
item. The function now runs with ``jit = off``. Its heading (title, presenters and
resolutions, weighted) was also computed twice an item, once for each column it fills;
``OFFSET 0`` keeps the lateral subquery from being pulled up, so it is computed once.

SQLite: unchanged.

Revision ID: 0026_search_flush_plan
Revises: 0025_search_later
"""

from collections.abc import Sequence

from alembic import op

from storage.migrations import earlier
from storage.migrations.dialect import run_on

revision: str = "0026_search_flush_plan"
down_revision: str | None = "0025_search_later"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_FLUSH = next(
    statement.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)
    for statement in earlier.revision("0023_search_refresh").POSTGRES_UPGRADE
    if statement.startswith("CREATE FUNCTION item_search_flush()")
)
_LANGUAGE, _HEADING = "LANGUAGE plpgsql AS $$", "AS heading) AS h"
assert _FLUSH.count(_LANGUAGE) == 1 and _FLUSH.count(_HEADING) == 1

POSTGRES_UPGRADE = [
    _FLUSH.replace(_LANGUAGE, "LANGUAGE plpgsql SET jit = off AS $$").replace(
        _HEADING, "AS heading OFFSET 0) AS h"
    )
]
# CREATE OR REPLACE replaces the function's settings too: none, as 0023 made it.
POSTGRES_DOWNGRADE = [_FLUSH]


def upgrade() -> None:
    run_on("postgresql", POSTGRES_UPGRADE)


def downgrade() -> None:
    run_on("postgresql", POSTGRES_DOWNGRADE)
