"""Inputs that make naive patterns backtrack or naive loops look back: each a run of ``n``
repeats after a header line, so a parser's work can be compared at two sizes.

Shared by tests/ingest/test_fuzz.py (work counted) and benchmarks/bench_pathological.py (timed).
"""

from __future__ import annotations

from collections.abc import Callable

HEADER = "Corporate Parenting Board 3 May 2023\n"
# Name -> the text for ``n`` repeats; ``FULL`` repeats is the size the benchmark times.
CASES: dict[str, Callable[[int], str]] = {
    "one long word": lambda n: HEADER + "a" * (10 * n),
    "a list of councillors": lambda n: HEADER + "Councillor A, " * n,
    "labels without an end": lambda n: HEADER + "AGREED that " * n,
    "numbered lines": lambda n: HEADER + "1. That\n" * n,
    "open brackets": lambda n: HEADER + "((" * (n // 4) + "view the full minutes",
    "commitments": lambda n: HEADER + "would be circulated " * (n // 2),
    "dates": lambda n: HEADER + "12/12/2012 " * (n // 2),
}
FULL = 20_000
