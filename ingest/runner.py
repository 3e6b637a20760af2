"""Importing many files: folders walked, one transaction per file, failures reported, not fatal.

Parsing is pure CPU work and the database takes one writer at a time, so for a
big folder worker processes parse ahead while this process stores what they
return, each file still in its own transaction. They parse a bounded number of
files ahead, at a lower priority: a writer slower than its parsers never holds a
whole folder of parsed documents in memory, and never waits for a CPU they hold.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ingest.parsers.parse import parse_document
from ingest.readers.files import read_limited
from ingest.readers.text import MAX_BYTES
from storage import search_later
from storage.db import RELAXED_COMMIT, held_connection, transaction
from storage.parsed import ParsedDocument
from storage.parsed_errors import DocumentError
from storage.persist import ImportSummary, already_imported, import_document

SUFFIXES = frozenset({".txt", ".md", ".text", ".html", ".htm", ".xhtml", ".pdf"})
# Below this many files a process pool costs more to start than it saves.
POOL_THRESHOLD = 24
# Files a worker parses per task, and tasks queued per worker ahead of the writer.
CHUNK = 8
AHEAD = 4
# Parsers run this much nicer than the writer: it is the slower end, so on a busy
# machine it should be the last to wait for a CPU (about a quarter faster when shared).
PARSER_NICENESS = 10

FileResult = ImportSummary
Progress = Callable[[ImportSummary], None]


@dataclass(frozen=True)
class _Read:
    """A file as a worker hands it back: its hash and parse, or why it could not be read."""

    path: Path
    digest: str | None = None
    parsed: ParsedDocument | None = None
    error: str | None = None


def document_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files named, and the importable files under the folders named, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
            )
        else:
            yield path


def import_paths(
    database: sessionmaker[Session] | Callable[[], sessionmaker[Session]],
    paths: Iterable[str | Path],
    board: str | None = None,
    progress: Progress | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    workers: int | None = None,
) -> list[FileResult]:
    """Import every document under ``paths``; one file failing never stops the others.

    ``database``: the session factory, or a function that opens it. A function is
    called only once the parsers have started, so they parse while the database
    opens (a first import creates the schema, most of a second on PostgreSQL).
    ``workers``: parsing processes (default: one per CPU, up to four, for big folders;
    none for a few files, which this process parses itself).
    """
    files = list(document_files(paths))
    if workers is None:
        workers = min(4, os.cpu_count() or 1) if len(files) >= POOL_THRESHOLD else 0
    results: list[FileResult] = []
    # A big folder's search rows are refreshed beside it on PostgreSQL (storage.search_later).
    later = len(files) >= POOL_THRESHOLD
    with ExitStack() as stack:
        reads = _read_all(stack, files, max_bytes, workers)
        factory = database if isinstance(database, sessionmaker) else database()
        settings = dict(RELAXED_COMMIT)  # a file stored twice changes nothing
        if later:
            stack.enter_context(search_later.Refresher(factory.kw["bind"]))
            settings |= search_later.INDEX_LATER
        held = stack.enter_context(held_connection(factory, settings))
        for read in reads:
            result = _store(held, read, board)
            results.append(result)
            if progress is not None:
                progress(result)
    return results


def import_file(
    session_factory: sessionmaker[Session],
    path: Path,
    *,
    board: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> FileResult:
    """One file in one transaction: all of it is stored, or (on any error) none of it."""
    with held_connection(session_factory, RELAXED_COMMIT) as held:
        return _store(held, _read(path, max_bytes), board)


def _read_all(stack: ExitStack, files: list[Path], max_bytes: int, workers: int) -> Iterator[_Read]:
    """Every file read and parsed, in order: here, or by ``workers`` processes ahead of us.

    The workers start, and are given their first files, before this returns: parsing
    begins at once. They stop when ``stack`` closes, files not yet parsed cancelled.
    """
    if workers < 1 or len(files) < 2:
        return (_read(path, max_bytes) for path in files)
    chunks = iter([files[start : start + CHUNK] for start in range(0, len(files), CHUNK)])
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_parser_priority)
    stack.callback(pool.shutdown, cancel_futures=True)
    pending = deque(
        pool.submit(_read_chunk, chunk, max_bytes) for chunk in islice(chunks, AHEAD * workers)
    )

    def in_order() -> Iterator[_Read]:
        while pending:
            reads = pending.popleft().result()
            chunk = next(chunks, None)
            if chunk is not None:
                pending.append(pool.submit(_read_chunk, chunk, max_bytes))
            yield from reads

    return in_order()


def _parser_priority() -> None:
    if hasattr(os, "nice"):  # not on Windows
        os.nice(PARSER_NICENESS)
    # The heap a worker inherits (the whole application) is never garbage: full collections
    # need not walk it again for every few documents parsed.
    gc.freeze()


def _read_chunk(paths: list[Path], max_bytes: int) -> list[_Read]:
    return [_read(path, max_bytes) for path in paths]


def _read(path: Path, max_bytes: int) -> _Read:
    """Read, hash and parse one file (runs in a worker process for big imports)."""
    try:
        data = read_limited(path, max_bytes)
        digest = hashlib.sha256(data).hexdigest()
        return _Read(path, digest, parse_document(data, name=path.name, max_bytes=max_bytes))
    except DocumentError as error:
        return _Read(path, error=str(error))
    except OSError as error:
        return _Read(path, error=f"cannot read {path}: {error.strerror or error}")
    except Exception as error:  # a parser bug on one file must not stop a folder import
        return _Read(path, error=f"could not parse ({type(error).__name__}: {error})")


def _store(session_factory: sessionmaker[Session], read: _Read, board: str | None) -> FileResult:
    shown = str(read.path)
    if read.parsed is None or read.digest is None:
        return FileResult(path=shown, error=read.error or "could not read the file")
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
        return FileResult(path=shown, error=str(error))
    except SQLAlchemyError as error:
        first = str(getattr(error, "orig", None) or error).strip().splitlines()
        return FileResult(path=shown, error=f"database error: {first[0] if first else error}")
    except Exception as error:  # one broken file must not stop a folder import
        return FileResult(path=shown, error=f"could not import ({type(error).__name__}: {error})")


def _store_once(
    session_factory: sessionmaker[Session],
    parsed: ParsedDocument,
    digest: str,
    shown: str,
    board: str | None,
) -> FileResult:
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
