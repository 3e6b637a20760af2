"""Parsed files into the database, in order, each in its own transaction.

The folder runner (``ingest.runner``) loads this module only once its parsing processes
have started: this is where SQLAlchemy and the models come in, most of an import's
start-up, and the parsers neither need them nor wait for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import ExitStack
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from storage import search_later
from storage.db import RELAXED_COMMIT, held_connection, transaction
from storage.import_summary import ImportSummary
from storage.parsed import ParsedDocument
from storage.parsed_errors import DocumentError
from storage.persist import already_imported, import_document

if TYPE_CHECKING:
    from ingest.runner import Progress, Read


def store_all(
    database: sessionmaker[Session] | Callable[[], sessionmaker[Session]],
    reads: Iterable[Read],
    board: str | None,
    progress: Progress | None,
    *,
    index_later: bool,
) -> list[ImportSummary]:
    """Store each read file in turn; one failing never stops the others.

    ``database`` is opened only now if it is a function. All files go through one
    connection (``storage.db.held_connection``) whose commits do not wait for the disk
    (a file stored twice changes nothing). ``index_later``: a ``search_later.Refresher``
    refreshes the files' search rows beside them, on PostgreSQL.
    """
    results: list[ImportSummary] = []
    with ExitStack() as stack:
        factory = database if isinstance(database, sessionmaker) else database()
        settings = dict(RELAXED_COMMIT)
        if index_later:
            stack.enter_context(search_later.Refresher(factory.kw["bind"]))
            settings |= search_later.INDEX_LATER
        held = stack.enter_context(held_connection(factory, settings))
        for read in reads:
            result = _store(held, read, board)
            results.append(result)
            if progress is not None:
                progress(result)
    return results


def _store(session_factory: sessionmaker[Session], read: Read, board: str | None) -> ImportSummary:
    shown = str(read.path)
    if read.parsed is None or read.digest is None:
        return ImportSummary(path=shown, error=read.error or "could not read the file")
    try:
        try:
            return _store_once(session_factory, read.parsed, read.digest, shown, board)
        except DBAPIError as error:
            if not error.connection_invalidated:
                raise
            # The held connection broke (a restart, a network blip) and nothing of this
            # file was written: once more, on the new connection the next use opens.
            return _store_once(session_factory, read.parsed, read.digest, shown, board)
    except DocumentError as error:
        return ImportSummary(path=shown, error=str(error))
    except SQLAlchemyError as error:
        first = str(getattr(error, "orig", None) or error).strip().splitlines()
        return ImportSummary(path=shown, error=f"database error: {first[0] if first else error}")
    except Exception as error:  # one broken file must not stop a folder import
        reason = f"could not import ({type(error).__name__}: {error})"
        return ImportSummary(path=shown, error=reason)


def _store_once(
    session_factory: sessionmaker[Session],
    parsed: ParsedDocument,
    digest: str,
    shown: str,
    board: str | None,
) -> ImportSummary:
    with transaction(session_factory) as session:
        seen = already_imported(session, digest, shown)
        if seen is not None:
            return seen
        return import_document(
            session,
            parsed,
            board_name_override=board,
            path=shown,
            content_hash=digest,
            checked=True,
        )
