"""Peak memory and speed of ``boardclerk import --pack`` on a generated 900-page agenda pack.

``PYTHONPATH=. python -m benchmarks.bench_pack_import [pages] [runs]``: each run imports the
pack into a fresh SQLite database in its own process, which reports its peak resident
memory (VmHWM); the baseline is the same process doing everything but the import (Python,
Board Clerk's modules, the database created). Medians of ``runs`` (default 3). The target
is a peak under 300 MB. ``pdftotext`` (poppler) on the same file is printed beside the
import's pages/s when it is installed.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.ingest.pdfmaker import make_pages_pdf

TARGET_MB = 300
LINE = (
    "The Board is recommended to note the placement sufficiency position and approve the "
    "revised commissioning plan for residential care in {n}."
)

_CHILD = """
import datetime as dt, json, sys, time
from pathlib import Path
from sqlalchemy.orm import sessionmaker
from storage.db import make_engine, upgrade
engine = make_engine(f"sqlite:///{sys.argv[2]}")
upgrade(engine)
factory = sessionmaker(engine, expire_on_commit=False)
from ingest.packs import import_pack
started = time.perf_counter()
result = None
if sys.argv[3] == "import":
    result = import_pack(factory, Path(sys.argv[1]), dt.datetime.now(dt.UTC), board="Cabinet")
    assert result.ok, result.summary.error
seconds = time.perf_counter() - started
peak = next(l for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps({"peak_kb": int(peak.split()[1]), "seconds": seconds,
                  "pages": result.pages if result else 0}))
"""


def pack(pages: int) -> bytes:
    """An agenda (contents with page references), then 30 reports sharing the other pages."""
    items = 30
    each = (pages - 1) // items
    contents = ["CABINET", "Date: Wednesday, 9 December 2026", "Time: 10.00 am", "AGENDA"]
    for n in range(items):
        first = 2 + n * each
        contents.append(f"{n + 1}. Report {n + 1} (Pages {first} - {first + each - 1})")
    body = [[LINE.format(n=p)] * 45 + [f"Page {p}"] for p in range(2, pages + 1)]
    return make_pages_pdf([[*contents, "Page 1"], *body])


def _run(path: Path, mode: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.db"
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, str(path), str(database), mode],
            capture_output=True,
            text=True,
            check=True,
        )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main(pages: int = 900, runs: int = 3) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pack.pdf"
        path.write_bytes(pack(pages))
        size = path.stat().st_size / 2**20
        baseline = [_run(path, "baseline") for _ in range(runs)]
        imports = [_run(path, "import") for _ in range(runs)]
        poppler = None
        if shutil.which("pdftotext"):
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
                times.append(time.perf_counter() - started)
            poppler = pages / statistics.median(times)
    base_mb = statistics.median(r["peak_kb"] for r in baseline) / 1024
    peak_mb = statistics.median(r["peak_kb"] for r in imports) / 1024
    seconds = statistics.median(r["seconds"] for r in imports)
    print(f"pack: {pages} pages, {size:.1f} MB; medians of {runs} runs")
    print(
        f"peak memory: import {peak_mb:.0f} MB, baseline (no import) {base_mb:.0f} MB, "
        f"ratio {peak_mb / base_mb:.2f}; target < {TARGET_MB} MB: "
        f"{'met' if peak_mb < TARGET_MB else 'MISSED'}"
    )
    line = f"import: {seconds:.1f} s, {pages / seconds:.0f} pages/s (read, split, stored)"
    if poppler is not None:
        line += f"; pdftotext alone on the same file {poppler:.0f} pages/s"
    print(line)


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:3]]
    main(*arguments)
