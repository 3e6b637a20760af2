"""What keeping the item search index costs the database when documents are stored.

Parses large generated minutes (28 KB, 13 items) once, then stores them into a fresh
schema twice: by plain Core inserts (``bench_import.bare_insert``) and by the importer's
storing step (``bench_import.store_only``). Prints the CPU milliseconds a document of
the PostgreSQL backends that did the work (read from ``/proc/<pid>/stat`` when each
connection opens and again just before it closes, so other clients of a shared server
do not count), and of this process. With no ``--postgres``, SQLite: this process only.

    .venv/bin/python benchmarks/bench_search_refresh.py [--documents 200] [--postgres URL]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event
from sqlalchemy.pool import Pool

from benchmarks.bench_import import Databases, bare_insert, store_only
from benchmarks.import_corpus import write_documents
from ingest import parse_document
from storage.db import make_engine, upgrade

_TICK = os.sysconf("SC_CLK_TCK")


def _process_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime, stime


def all_postgres_cpu() -> float:
    """CPU seconds of every ``postgres`` process, and of those that have ended (the
    postmaster's reaped children): autovacuum and GIN clean-ups too, and any other
    client's work on a shared server."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name, rest = stat.split("(", 1)[1].rsplit(")", 1)
        if name != "postgres":
            continue
        fields = rest.split()
        total += (int(fields[11]) + int(fields[12])) / _TICK
        if fields[1] == "1" or not (Path("/proc") / fields[1]).exists():
            total += (int(fields[13]) + int(fields[14])) / _TICK  # reaped children
    return total


class ServerCpu:
    """CPU seconds of every backend this process connected to, summed as they close."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.started: dict[int, tuple[int, float]] = {}
        event.listen(Pool, "connect", self._opened)
        event.listen(Pool, "close", self._closed)

    def _opened(self, dbapi_connection: Any, _record: Any) -> None:
        pid = getattr(dbapi_connection, "info", None)
        backend = getattr(pid, "backend_pid", None)
        if backend is not None:
            self.started[id(dbapi_connection)] = (backend, _process_cpu(backend))

    def _closed(self, dbapi_connection: Any, _record: Any) -> None:
        found = self.started.pop(id(dbapi_connection), None)
        if found is not None:
            self.seconds += _process_cpu(found[0]) - found[1]


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--postgres", help="a PostgreSQL URL: fresh schemas instead of SQLite")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    server = ServerCpu()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "docs"
        folder.mkdir()
        paths = write_documents(folder, args.documents, large=True)
        parsed = [(str(p), f"{i}", parse_document(p)) for i, p in enumerate(paths)]
        databases = Databases(Path(temp), args.postgres)
        count = len(parsed)
        steps: list[tuple[str, Callable[[str], None]]] = [
            ("bare insert", lambda url: bare_insert(url, [doc for _, _, doc in parsed])),
            ("store only", lambda url: store_only(url, parsed)),
        ]
        try:
            for label, step in steps:
                for _ in range(args.runs):
                    url = databases.fresh()
                    engine = make_engine(url)
                    upgrade(engine)
                    engine.dispose()
                    before = server.seconds, all_postgres_cpu(), _own_cpu()
                    step(url)
                    backend, every, own = (
                        (after - start) / count * 1000
                        for after, start in zip(
                            (server.seconds, all_postgres_cpu(), _own_cpu()), before, strict=True
                        )
                    )
                    print(
                        f"{label:<12} backends {backend:5.2f} ms/document  "
                        f"all postgres processes {every:5.2f}  this process {own:5.2f}"
                    )
        finally:
            databases.drop_all()


if __name__ == "__main__":
    main()
