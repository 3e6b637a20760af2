"""Parse time of inputs that make naive patterns backtrack, and how it grows with their length.

Each case of tests/ingest/pathological.py is parsed at half and at full size (20,000
repeats); the figure is the median CPU time of a few runs. Linear work doubles with the size
(growth 2.0; quadratic would be 4.0); each kilobyte's cost is set against an ordinary
document's: the large import-benchmark document, parsed in the same run (last run: 1.4 to
6 times, growth 1.9 to 2.0). Targets: growth <= 2.5, and no case over 3 seconds. Run:

    PYTHONPATH=. .venv/bin/python benchmarks/bench_pathological.py [--runs 3]
"""

from __future__ import annotations

import argparse
import contextlib
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.import_corpus import large_document
from ingest import DocumentError, parse_document
from tests.ingest.pathological import CASES, FULL


def seconds(data: bytes, runs: int) -> float:
    """Median CPU seconds to parse ``data`` (a clear refusal counts as parsed); CPU time, as
    on a shared machine the wall clock measures the neighbours."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        with contextlib.suppress(DocumentError):
            parse_document(data)
        times.append(time.process_time() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ordinary = large_document(0, random.Random(20261123)).encode()
    parse_document(ordinary)  # the first parse in a process also builds lazy state
    base = seconds(ordinary, args.runs) / (len(ordinary) / 1024)
    print(f"baseline: an ordinary document, {base * 1000:.2f} ms/KB")
    print(f"{'case':<24} {'KB':>6} {'half ms':>8} {'full ms':>8} {'growth':>7} {'x baseline':>11}")
    worst_growth, slowest = 0.0, 0.0
    for name, make in CASES.items():
        half, full = make(FULL // 2).encode(), make(FULL).encode()
        small, large = seconds(half, args.runs), seconds(full, args.runs)
        growth = large / small if small else 0.0
        per_kb = large / (len(full) / 1024)
        worst_growth, slowest = max(worst_growth, growth), max(slowest, large)
        print(
            f"{name:<24} {len(full) / 1024:6.0f} {small * 1000:8.1f} {large * 1000:8.1f}"
            f" {growth:7.2f} {per_kb / base:11.2f}"
        )
    print(f"worst growth {worst_growth:.2f} (target <= 2.5), slowest {slowest:.2f} s (target < 3)")


if __name__ == "__main__":
    main()
