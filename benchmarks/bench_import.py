"""Import speed through the CLI: 1,000 generated minutes into a fresh SQLite database.

Each run writes the documents to a temporary folder, then measures on the same
files, each figure the median of a few runs, a fresh database for every run:

- parse only: read and parse every file, one process, nothing stored;
- bare insert (the baseline): the rows the import stores (meetings, items,
  decisions, attendance, actions, documents) inserted with plain Core
  executemany, one transaction per document, nothing parsed, matched or looked up;
- store only: the importer's storing step on documents parsed beforehand
  (the work the CLI's writer process does);
- CLI: ``boardclerk import FOLDER``, the command function run in this process
  (parsing processes, matching, one transaction per file), and the same as a
  subprocess, Python start-up included.

Prints documents/second, the CPU milliseconds per document (this process and the
ones it started; on a shared machine the rate falls but these stay put) and the
ratios between them. Run:

    .venv/bin/python benchmarks/bench_import.py [--documents 1000] [--runs 3] [--postgres URL]
        [--large] [--cli-only]

With ``--postgres`` every run writes to a fresh schema of that database instead.
``--large`` imports the large shape instead (about 28 KB: 13 items, 12 attendees
and four officers, a few actions); the targets there are 100 documents/s on
SQLite and 60 on PostgreSQL through ``boardclerk import`` with start-up. The
corpus's narrative is drawn sentence by sentence at random, so no paragraph
repeats: a parser caching text it has seen gains no more here than on real minutes.
``--cli-only`` measures the subprocess CLI and the bare-insert baseline only.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, insert, text
from sqlalchemy.orm import sessionmaker

from benchmarks.import_corpus import BOARDS, write_documents
from bot.cli.app import app
from ingest import ParsedDocument, parse_document
from storage.db import RELAXED_COMMIT, held_connection, make_engine, transaction, upgrade
from storage.models import (
    Action,
    AgendaItem,
    Attendance,
    AttendanceSource,
    Board,
    Decision,
    Document,
    Meeting,
    MeetingStatus,
)
from storage.persist import import_document
from storage.persist.base import table_of


def cpu_seconds() -> float:
    """CPU time of this process and of the finished processes it started (parsers, CLI)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# CPU milliseconds a document of the last figure ``timed`` printed.
last_cpu_ms = 0.0


def timed(label: str, count: int, runs: int, work: Callable[[], None]) -> float:
    """Median documents/second of ``work`` over ``runs`` runs, printed as it goes.

    The CPU time beside it tells a busy machine from slow code: on a shared machine
    the wall-clock rate falls while the CPU milliseconds per document stay put.
    """
    global last_cpu_ms
    times, cpu = [], []
    for _ in range(runs):
        started, used = time.perf_counter(), cpu_seconds()
        work()
        times.append(time.perf_counter() - started)
        cpu.append(cpu_seconds() - used)
    rate = count / statistics.median(times)
    spread = ", ".join(f"{count / t:.0f}" for t in times)
    per_document = last_cpu_ms = statistics.median(cpu) / count * 1000
    print(
        f"  {label:<32} {rate:6.0f} documents/s  cpu {per_document:5.2f} ms/document"
        f"  (runs: {spread})"
    )
    return rate


class Databases:
    """A fresh database for every run: a SQLite file, or a PostgreSQL schema."""

    def __init__(self, folder: Path, postgres: str | None) -> None:
        self.folder = folder
        self.postgres = postgres
        self.schemas: list[str] = []

    def fresh(self) -> str:
        if self.postgres is None:
            return f"sqlite:///{self.folder / f'bench-{uuid.uuid4().hex[:8]}.db'}"
        schema = f"bench_{uuid.uuid4().hex[:12]}"
        self.schemas.append(schema)
        with create_engine(self.postgres).begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        separator = "&" if "?" in self.postgres else "?"
        return f"{self.postgres}{separator}options=-csearch_path%3D{schema}"

    def drop_all(self) -> None:
        if self.postgres is not None and self.schemas:
            with create_engine(self.postgres).begin() as connection:
                for schema in self.schemas:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def bare_insert(url: str, documents: list[ParsedDocument]) -> None:
    """The baseline: each document's rows by plain Core executemany, one transaction each."""
    engine = make_engine(url)
    upgrade(engine)
    with engine.begin() as connection:
        boards = {
            name.casefold(): board_id
            for name, board_id in connection.execute(
                insert(table_of(Board)).returning(table_of(Board).c.name, table_of(Board).c.id),
                [{"name": name, "aliases": []} for name in BOARDS],
            )
        }
    # One connection, with the import's own commit setting.
    with held_connection(sessionmaker(engine), RELAXED_COMMIT) as held:
        for number, parsed in enumerate(documents):
            with transaction(held) as session:
                connection = session.connection()
                for table, rows in _rows(connection, boards, parsed, number):
                    if rows:
                        connection.execute(insert(table), rows)
    engine.dispose()


def _rows(
    connection: Any, boards: dict[str, int], parsed: ParsedDocument, number: int
) -> Iterator[tuple[Any, list[dict[str, Any]]]]:
    board = boards[(parsed.board_name or "").casefold()]
    meetings, items = table_of(Meeting), table_of(AgendaItem)
    meeting = connection.execute(
        insert(meetings).returning(meetings.c.id),
        {
            "board_id": board,
            "date": parsed.date,
            "venue": parsed.venue,
            "status": MeetingStatus.HELD,
        },
    ).scalar_one()
    if parsed.next_meeting is not None:
        yield meetings, [{"board_id": board, "date": parsed.next_meeting.date}]
    item_rows = [
        {
            "meeting_id": meeting,
            "position": position,
            "number": item.number,
            "title": item.title,
            "presenters": list(item.presenters),
            "minutes_text": item.minutes_text,
        }
        for position, item in enumerate(parsed.items)
    ]
    ids = dict(
        connection.execute(insert(items).returning(items.c.position, items.c.id), item_rows).all()
    )
    yield (
        table_of(Decision),
        [
            {
                "item_id": ids[position],
                "position": order,
                "text": decision.text,
                "kind": decision.kind,
            }
            for position, item in enumerate(parsed.items)
            for order, decision in enumerate(item.decisions)
        ],
    )
    yield (
        table_of(Attendance),
        [
            {
                "meeting_id": meeting,
                "person_key": person.match_key,
                "name": person.as_printed,
                "status": person.status.replace("_", " "),
                "note": person.note,
                "source": AttendanceSource.MINUTES,
            }
            for person in {p.match_key: p for p in parsed.attendance}.values()
        ],
    )
    yield (
        table_of(Action),
        [
            {
                "board_id": board,
                "meeting_id": meeting,
                "item_id": ids.get(action.item_position),
                "text": action.text,
                "owner_text": action.owner,
                "due": action.due,
            }
            for action in parsed.actions
        ],
    )
    yield (
        table_of(Document),
        [
            {
                "path": f"doc-{number}",
                "content_hash": f"{number}",
                "kind": "minutes",
                "format": "text",
            }
        ],
    )


def store_only(url: str, documents: list[tuple[str, str, ParsedDocument]]) -> None:
    """The importer's storing step alone, one transaction per document, in this process."""
    engine = make_engine(url)
    upgrade(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    with held_connection(factory, RELAXED_COMMIT) as held:
        for path, digest, parsed in documents:
            with transaction(held) as session:
                import_document(session, parsed, path=path, content_hash=digest)
    engine.dispose()


def cli_in_process(url: str, folder: Path, count: int) -> None:
    """``boardclerk import FOLDER`` through the command function, output captured."""
    os.environ["BOARDCLERK_DATABASE_URL"] = url
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = app(["import", str(folder)], standalone_mode=False)
    assert not code and _summaries(out.getvalue()) == count, err.getvalue()[-500:]


def cli_subprocess(url: str, folder: Path, count: int) -> None:
    """``python -m bot import FOLDER``: what a clerk runs, Python start-up included."""
    env = {**os.environ, "BOARDCLERK_DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "import", str(folder)],
        env=env,
        cwd=folder.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and _summaries(done.stdout) == count, done.stderr[-500:]


def _summaries(output: str) -> int:
    """Summary lines (one a file); what a file could not place follows on indented lines."""
    return sum(1 for line in output.splitlines() if line and not line.startswith(" "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", help="a PostgreSQL URL: fresh schemas instead of SQLite")
    parser.add_argument("--large", action="store_true", help="the 28 KB shape (13 items)")
    parser.add_argument("--cli-only", action="store_true", help="CLI with start-up and baseline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "docs"
        folder.mkdir()
        paths = write_documents(folder, args.documents, large=args.large)
        count = len(paths)
        databases = Databases(Path(temp), args.postgres)
        size = sum(p.stat().st_size for p in paths) / count / 1024
        print(
            f"{count} documents, {size:.1f} KB each on average, "
            f"{'PostgreSQL' if args.postgres else 'SQLite'}, {os.cpu_count()} CPUs, "
            f"load average {os.getloadavg()[0]:.1f} at the start"
        )

        def parse_all() -> None:
            for path in paths:
                parse_document(path.read_bytes(), name=path.name)

        try:
            if args.cli_only:
                _cli_and_baseline(databases, folder, paths, args)
                return
            # The CLI first: its parsing processes fork from this one, which must not yet
            # hold a thousand parsed documents they would have to walk and copy.
            cli = timed(
                "boardclerk import (in process)",
                count,
                args.runs,
                lambda: cli_in_process(databases.fresh(), folder, count),
            )
            whole = timed(
                "boardclerk import (subprocess)",
                count,
                args.runs,
                lambda: cli_subprocess(databases.fresh(), folder, count),
            )
            parse = timed("parse only, 1 process", count, args.runs, parse_all)
            parsed = [
                (str(p), hashlib.sha256(p.read_bytes()).hexdigest(), parse_document(p))
                for p in paths
            ]
            bare = timed(
                "bare insert (baseline)",
                count,
                args.runs,
                lambda: bare_insert(databases.fresh(), [doc for _, _, doc in parsed]),
            )
            store = timed(
                "store only, 1 process",
                count,
                args.runs,
                lambda: store_only(databases.fresh(), parsed),
            )
        finally:
            databases.drop_all()
    print(f"CLI import: {cli:.0f} documents/s (target >= 150), {whole:.0f}/s with start-up")
    print(
        f"ratios: CLI / parse-only {cli / parse:.2f}, CLI / bare insert {cli / bare:.2f}, "
        f"CLI with start-up / bare insert {whole / bare:.2f}, "
        f"store-only / bare insert {store / bare:.2f}"
    )


def _cli_and_baseline(
    databases: Databases, folder: Path, paths: list[Path], args: argparse.Namespace
) -> None:
    """The headline figure alone: the CLI with start-up, and its ratio to the baseline."""
    count = len(paths)
    whole = timed(
        "boardclerk import (subprocess)",
        count,
        args.runs,
        lambda: cli_subprocess(databases.fresh(), folder, count),
    )
    cpu_ms = last_cpu_ms
    parsed = [parse_document(p) for p in paths]
    bare = timed(
        "bare insert (baseline)",
        count,
        args.runs,
        lambda: bare_insert(databases.fresh(), parsed),
    )
    target = 60 if args.postgres else 100
    print(f"CLI import with start-up: {whole:.0f} documents/s (target >= {target})")
    print(f"ratio: CLI with start-up / bare insert {whole / bare:.2f}")
    # On a shared machine the rate measures the neighbours; the CPU a document costs does not.
    cpus = os.cpu_count() or 1
    print(
        f"CPU {cpu_ms:.1f} ms a document with start-up (this process and the ones it started):"
        f" at most {cpus * 1000 / cpu_ms:.0f} documents/s on {cpus} idle CPUs"
    )


if __name__ == "__main__":
    main()
