"""Exact match of report sections (purpose, reasons, author, "no recommendations") on the cases
of ``tests/ingest/report_sections_cases.py``, written before the finders.

``PYTHONPATH=. python -m benchmarks.bench_report_sections [-v]``: one line per field, then the
whole; ``-v`` prints each miss. A field counts when text, first page and last page all match
(or both say the report has no such section).
"""

from __future__ import annotations

import sys

from ingest.parsers.papers import Section
from ingest.parsers.report_sections import report_sections
from tests.ingest.report_sections_cases import CASES, HELD_OUT, Case, Expected

FIELDS = ("purpose", "reasons", "author", "none")


def _as_expected(section: Section | None) -> Expected:
    return None if section is None else (section.text, section.start_page, section.end_page)


def score(cases: tuple[Case, ...], title: str, verbose: bool = False) -> float:
    hits = dict.fromkeys(FIELDS, 0)
    for case in cases:
        found = report_sections(case.pages)
        said = found.no_recommendations
        got = {
            "purpose": _as_expected(found.purpose),
            "reasons": _as_expected(found.reasons),
            "author": _as_expected(found.author),
            "none": said.text if said else None,
        }
        for field in FIELDS:
            wanted = getattr(case, field)
            if got[field] == wanted:
                hits[field] += 1
            elif verbose:
                print(f"miss {case.name} / {field}: {got[field]!r}")
    fields = ", ".join(f"{field} {hits[field]}/{len(cases)}" for field in FIELDS)
    total = sum(hits.values())
    share = 100 * total / (len(cases) * len(FIELDS))
    print(f"{title}: {total}/{len(cases) * len(FIELDS)} = {share:.1f}% ({fields})")
    return share


if __name__ == "__main__":
    verbose = "-v" in sys.argv[1:]
    score(CASES, "sections exact match, first cases", verbose)
    score(HELD_OUT, "sections exact match, held-out cases", verbose)
