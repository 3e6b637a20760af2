"""Import fidelity: the share of expected fields every fixture reproduces exactly.

Parses every fixture in tests/ingest/fixtures (and the two real seeds
in ../shared/seeds when present), scores each against its expected JSON with
the scorer the tests use, and prints the share reproduced exactly per category
(meetings, items, decisions, attendance, actions, roles) and overall, with the
number of fixtures and of councils' layouts. Run:

    .venv/bin/python benchmarks/bench_fidelity.py [--seeds PATH] [--misses] [--blind] [--coverage]

Every fixture must place at least 99% of its content lines (``COVERAGE_FLOOR``), bar
the few named in ``COVERAGE_EXCEPTIONS``; the run fails, naming them, when one does not.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest import parse_document
from tests.ingest import fidelity
from tests.ingest.fidelity import CATEGORIES, COVERAGE_EXCEPTIONS, COVERAGE_FLOOR, Score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=fidelity.SEEDS, help="folder of the seeds")
    parser.add_argument("--misses", action="store_true", help="list every field not reproduced")
    parser.add_argument(
        "--blind",
        action="store_true",
        help="score the blind set (tests/ingest/blind) instead, beside its first-try figure",
    )
    parser.add_argument(
        "--coverage",
        action="store_true",
        help="list each document under the coverage floor with the passages it did not place",
    )
    args = parser.parse_args()
    fidelity.SEEDS = args.seeds
    folder = fidelity.BLIND / "expected" if args.blind else fidelity.EXPECTED

    total = Score()
    councils: set[str] = set()
    exact_documents = 0
    rows: list[tuple[str, Score]] = []
    coverages: list[float] = []
    short: list[tuple[str, float, tuple[str, ...]]] = []
    for path in fidelity.expected_files(folder):
        want = fidelity.load(path)
        councils.add(str(want.get("council", path.stem)))
        doc = parse_document(fidelity.document_for(path))
        coverages.append(doc.coverage)
        if doc.coverage < COVERAGE_FLOOR:
            short.append((path.stem, doc.coverage, doc.unplaced))
        rows.append((path.stem, fidelity.score(doc, want)))
    seeds = [] if args.blind else fidelity.seed_cases()
    for path, want in seeds:
        rows.append((f"seed {path.name}", fidelity.score(parse_document(path), want)))
    for name, result in rows:
        total.add(result)
        exact_documents += not result.misses
        if args.misses:
            for miss in result.misses:
                print(f"{name}: {miss}")

    print(f"{'category':<12} {'exact':>6} {'fields':>7} {'share':>8}")
    for category in CATEGORIES:
        print(_row(category, total.exact[category], total.expected[category]))
    print(_row("overall", sum(total.exact.values()), sum(total.expected.values())))
    print(
        f"fixtures: {len(rows) - len(seeds)} from {len(councils)} councils' layouts; "
        f"seeds: {len(seeds)} ({'found' if seeds else 'absent'} at {args.seeds}); "
        f"documents reproduced exactly: {exact_documents}/{len(rows)}"
    )
    whole = sum(share >= COVERAGE_FLOOR for share in coverages)
    print(
        f"coverage of content lines: mean {100 * sum(coverages) / len(coverages):.1f}%, "
        f"lowest {100 * min(coverages):.1f}%, {whole}/{len(coverages)} documents at 99% or more"
    )
    if args.coverage:
        for name, share, unplaced in short:
            print(f"{name}: {100 * share:.1f}% placed")
            for passage in unplaced:
                print(f"  not placed: {passage[:160]}")
    if args.blind:
        return
    failing = [name for name, _, _ in short if name not in COVERAGE_EXCEPTIONS]
    for name in sorted(COVERAGE_EXCEPTIONS.keys() & {name for name, _, _ in short}):
        print(f"known to be under the floor: {name} ({COVERAGE_EXCEPTIONS[name]})")
    if failing:
        sys.exit(f"under the coverage floor: {', '.join(failing)}")


def _row(label: str, exact: int, expected: int) -> str:
    share = f"{100 * exact / expected:.1f}%" if expected else "n/a"
    return f"{label:<12} {exact:>6} {expected:>7} {share:>8}"


if __name__ == "__main__":
    main()
