"""A pack imported the way a sync imports papers, in a process of its own, for bench_papers.

The tests' fake ModernGov site (served from the calling process) lists the June meeting's
papers with the pack as the budget report; a fresh process follows the committee into a
new SQLite database and syncs it once: the pack is fetched through the bounded client, read
page by page and stored in one transaction. It prints the pages stored, the seconds the
sync took and its peak resident set (``VmHWM``: its own, not the forked parent's).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACK_ID = "9102"  # the budget report's document id in tests/ingest/moderngov/papers_site.py


def high_water(pid: int) -> float:
    """A process's peak resident set in MB since it began its program (``VmHWM``; the
    rusage figure would count the forked parent's pages too)."""
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(match[1]) / 1024 if match else 0.0


def import_runs(data: bytes, runs: int) -> list[dict[str, float]]:
    """``runs`` syncs importing ``data`` as a meeting's paper, each in a fresh process."""
    from tests.ingest.moderngov.council import running_site
    from tests.ingest.moderngov.papers_site import publish_papers

    found: list[dict[str, float]] = []
    for site in running_site():
        publish_papers(site)
        site.files[f"pdf:{PACK_ID}"] = data
        for _ in range(runs):
            done = subprocess.run(
                [sys.executable, __file__, site.url],
                env=os.environ | {"PYTHONPATH": str(ROOT)},
                capture_output=True,
                text=True,
                check=True,
                timeout=900,
            )
            found.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return found


def child(url: str) -> None:
    """One sync in this fresh process, with the default limits (a PDF may be 100 MB)."""
    from sqlalchemy import select

    from bot.settings import Settings
    from bot.site_clients import client_factory
    from ingest.moderngov.sync import sync_all
    from ingest.moderngov.xml import Committee
    from storage.db import open_database, transaction
    from storage.papers.tables import Paper
    from storage.sources import registry
    from tests.ingest.moderngov.council import COMMITTEE, NOW, TITLE

    with tempfile.TemporaryDirectory() as folder:
        factory = open_database(f"sqlite:///{folder}/bench.db")
        with transaction(factory) as session:
            registry.add_source(session, "moderngov", url, Committee(str(COMMITTEE), TITLE), None)
        settings = Settings(
            sync_timeout=dt.timedelta(seconds=300),
            sync_retries=0,
            sync_requests_per_second=0,
        )
        started = time.monotonic()
        [result] = sync_all(factory, NOW, make_client=client_factory(settings))
        seconds = time.monotonic() - started
        with transaction(factory) as session:
            pages = session.scalar(
                select(Paper.page_count).where(Paper.url.endswith(f"ID={PACK_ID}"))
            )
    if result.papers_failed or not pages:
        raise SystemExit(f"the pack was not imported: {result.papers_failed}")
    peak = high_water(os.getpid())
    print(json.dumps({"pages": pages, "seconds": seconds, "peak_mb": peak}))


if __name__ == "__main__":
    child(sys.argv[1])
