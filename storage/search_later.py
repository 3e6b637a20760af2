"""Search rows refreshed beside a bulk import on PostgreSQL, not at each of its commits.

Revision 0023 refreshes an item's search row when the transaction that wrote it commits,
and the commit waits: for an import that is the biggest part of the database's work on
each document, and the documents are stored one after another. A folder import marks
its connection ``INDEX_LATER`` and runs a ``Refresher``, which refreshes what they noted
on a connection of its own while they go on (the database's second CPU), and everything
left when the import ends. Until then a new item may be missing from search for a moment;
nothing is lost if the import stops early, as the next commit that refreshes also
refreshes whatever is still noted (revision 0025). SQLite indexes as it writes: both are
no-ops there.
"""

from __future__ import annotations

import logging
import threading
from types import TracebackType

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)
# How long the refresher waits between refreshes: each then takes the items of the few
# documents stored meanwhile, which costs the server less than one call a document.
BATCH_SECONDS = 0.1
_FLUSH = text("SELECT item_search_flush()")


# The setting of a connection whose transactions leave their items to a ``Refresher``
# (``storage.db.held_connection``); no-op on SQLite.
INDEX_LATER = {"boardclerk.search_later": "on"}


class Refresher:
    """Refreshes noted items on its own connection while the block runs, and all at the end."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Refresher:
        if self.engine.dialect.name == "postgresql":
            self._thread = threading.Thread(target=self._run, name="search-refresher", daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _error: BaseException | None,
        _trace: TracebackType | None,
    ) -> None:
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join()
        try:
            self._flush()
        except SQLAlchemyError as error:  # the next commit that refreshes will do it
            log.warning("search rows not refreshed after the import: %s", error)

    def _run(self) -> None:
        try:
            while not self._stop.wait(BATCH_SECONDS):
                self._flush()
        except SQLAlchemyError as error:  # left to the final refresh
            log.warning("search refresher stopped: %s", error)

    def _flush(self) -> None:
        with self.engine.begin() as connection:
            connection.execute(_FLUSH)
