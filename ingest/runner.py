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
from typing import TYPE_CHECKING

from ingest.parsers.parse import parse_document
from ingest.readers.files import read_limited
from ingest.readers.text import MAX_BYTES
from storage.import_summary import ImportSummary
from storage.parsed import ParsedDocument
from storage.parsed_errors import DocumentError

if TYPE_CHECKING:  # SQLAlchemy loads once the parsers have started (ingest.storing)
    from sqlalchemy.orm import Session, sessionmaker

SUFFIXES = frozenset({".txt", ".md", ".text", ".html", ".htm", ".xhtml", ".pdf"})
# Below this many files a process pool costs more to start than it saves.
POOL_THRESHOLD = 24
# Files a worker parses per task, and tasks queued per worker ahead of the writer: enough
# for the workers, started before this process has loaded its database code, to be a
# second or so ahead when it is ready to store.
CHUNK = 8
AHEAD = 8
# Parsers run this much nicer than the writer: it is the slower end, so on a busy
# machine it should be the last to wait for a CPU (about a quarter faster when shared).
PARSER_NICENESS = 10

FileResult = ImportSummary
Progress = Callable[[ImportSummary], None]  # called with each file's result, in order


@dataclass(frozen=True)
class Read:
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
    with ExitStack() as stack:
        reads = _read_all(stack, files, max_bytes, workers)
        from ingest import storing  # now that the parsers are running: see its docstring

        # A big folder's search rows are refreshed beside it on PostgreSQL (search_later).
        later = len(files) >= POOL_THRESHOLD
        return storing.store_all(database, reads, board, progress, index_later=later)


def import_file(
    session_factory: sessionmaker[Session],
    path: Path,
    *,
    board: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> FileResult:
    """One file in one transaction: all of it is stored, or (on any error) none of it."""
    from ingest import storing

    [result] = storing.store_all(
        session_factory, [_read(path, max_bytes)], board, None, index_later=False
    )
    return result


def _read_all(stack: ExitStack, files: list[Path], max_bytes: int, workers: int) -> Iterator[Read]:
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

    def in_order() -> Iterator[Read]:
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


def _read_chunk(paths: list[Path], max_bytes: int) -> list[Read]:
    return [_read(path, max_bytes) for path in paths]


def _read(path: Path, max_bytes: int) -> Read:
    """Read, hash and parse one file (runs in a worker process for big imports)."""
    try:
        data = read_limited(path, max_bytes)
        digest = hashlib.sha256(data).hexdigest()
        return Read(path, digest, parse_document(data, name=path.name, max_bytes=max_bytes))
    except DocumentError as error:
        return Read(path, error=str(error))
    except OSError as error:
        return Read(path, error=f"cannot read {path}: {error.strerror or error}")
    except Exception as error:  # a parser bug on one file must not stop a folder import
        return Read(path, error=f"could not parse ({type(error).__name__}: {error})")
