"""Import speed: 1,000 generated minutes documents (text) into a fresh SQLite database.

Each run writes the documents to a temporary folder, then measures, in the
same process and on the same files: reading the files (the floor), parsing
them, and the full import (parse and store, one transaction per file, as
``boardclerk import`` does) in one process and with two parsing processes
feeding the writer. Reports documents/second as the median of a few runs and
the ratios between them. Run:

    .venv/bin/python benchmarks/bench_import.py [--documents 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storage.db import open_database
from storage.importers import parse_document
from storage.importers.runner import document_files, import_paths

BOARDS = [
    "Corporate Parenting Board",
    "Children and Young People Scrutiny Committee",
    "Fostering Panel",
    "Health and Wellbeing Board",
    "Schools Forum",
]
SURNAMES = [
    "Adeyemi",
    "Whitcombe",
    "Marsh",
    "Okafor",
    "Hargreaves",
    "Lindqvist",
    "Fairbairn",
    "Carver",
    "Brennan",
    "Osei",
    "Feld",
    "Petrov",
    "Ward",
    "Price",
    "Nolan",
    "Achebe",
    "Stroud",
    "Amos",
    "Byrne",
    "Chowdhury",
    "Oduya",
    "Platt",
    "Rees",
    "Singh",
    "Tait",
    "Moss",
    "Yates",
    "Lowe",
    "Mensah",
    "North",
    "Oakes",
    "Patel",
    "Quinn",
    "Ross",
    "Ahmed",
    "Blake",
    "Vance",
    "Abbott",
    "Bell",
    "Ellis",
]
TOPICS = [
    ("SUFFICIENCY STRATEGY", "the draft sufficiency strategy and the plan for local homes"),
    ("VIRTUAL SCHOOL ANNUAL REPORT", "attendance, exclusions and Personal Education Plans"),
    ("CHILDREN IN CARE COUNCIL UPDATE", "the summer residential and the Bright Futures survey"),
    ("CARE LEAVERS LOCAL OFFER", "council tax exemption and the setting-up-home allowance"),
    ("FOSTERING RECRUITMENT", "enquiries, approvals and the carers who left the service"),
    ("PRACTICE MODEL IMPLEMENTATION", "training, family network meetings and practice audits"),
    ("HEALTH OF CHILDREN IN CARE", "initial health assessments and dental checks"),
    ("PLACEMENT STABILITY", "children with three or more moves in the year"),
    ("INDEPENDENT REVIEWING OFFICER REPORT", "timeliness of reviews and the child's voice"),
    ("PERFORMANCE SCORECARD", "caseloads, agency staff and visits within timescale"),
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def board_members(board: int) -> list[str]:
    """Each board has a steady membership of twelve, a few of them on two boards."""
    rng = random.Random(board)
    return [f"{rng.choice('ABCDEFGHJKLMNPRSTW')} {surname}" for surname in rng.sample(SURNAMES, 12)]


def document(index: int, rng: random.Random) -> str:
    """One realistic set of formal minutes (about 4-8 KB)."""
    board = BOARDS[index % len(BOARDS)]
    day = dt.date(2015, 1, 5) + dt.timedelta(days=7 * (index // len(BOARDS)) + index % 5)
    next_day = day + dt.timedelta(days=56)
    members = rng.sample(board_members(index % len(BOARDS)), 9)
    chair, others = members[0], members[1:-2]
    absent = members[-2:]
    year = day.year % 100
    lines = [
        board.upper(),
        "",
        f"A meeting of the {board} was held on {day.day} {MONTHS[day.month - 1]} {day.year} "
        f"at 2.00 pm.",
        "",
        f"PRESENT: Councillors {chair} (Chair), {', '.join(others[:-1])} and {others[-1]}.",
        "",
        "OFFICIALS: K Osei, M Feld, A Petrov and P Nandakumar.",
        "",
        f"APOLOGIES FOR ABSENCE: Councillor {absent[0]}, Councillor {absent[1]} – unwell",
        "",
        "DECLARATIONS OF INTEREST",
        "",
        "There were no declarations of interest.",
        "",
    ]
    topics = rng.sample(TOPICS, 5)
    for number, (title, subject) in enumerate(topics, start=1):
        lines += [
            f"{year}/{number + index % 40} {title}",
            "",
            f"M Feld, Head of Service, presented a report on {subject}.",
            "",
            "The Board was informed that performance had improved in most areas, although "
            "recruitment of social workers remained difficult and agency staff were still "
            "needed in two teams. Members asked a number of questions about the figures.",
            "",
            "- Placement stability had improved to 71% over the year.",
            "- Three new foster carers had been approved in the quarter.",
            "- Visits within timescale stood at 94%.",
            "",
        ]
        roll = rng.random()
        if roll < 0.3:
            lines += [
                "A Member asked about the number of children placed out of area, and this "
                "would be circulated after the meeting.",
                "",
            ]
        elif roll < 0.5:
            lines += [
                f"Action: MF to report back by {MONTHS[(day.month + 1) % 12]} {day.year}.",
                "",
            ]
        if number == 4 and rng.random() < 0.3:
            lines += [
                f"AGREED that this item be deferred to the next meeting on {next_day.day} "
                f"{MONTHS[next_day.month - 1]} {next_day.year}.",
                "",
            ]
        else:
            lines += [
                "AGREED as follows:-",
                "",
                "- 1. That the information provided be noted.",
                "- That an update be presented to a future meeting of the Board.",
                "",
            ]
    lines += [
        f"{year}/{6 + index % 40} DATE AND TIME OF NEXT MEETING",
        "",
        f"The next meeting will be held on {next_day.day} {MONTHS[next_day.month - 1]} "
        f"{next_day.year} at 2.00 pm.",
    ]
    return "\n".join(lines) + "\n"


def write_documents(folder: Path, count: int) -> list[Path]:
    rng = random.Random(20261123)
    paths = []
    for index in range(count):
        path = folder / f"minutes-{index:05d}.txt"
        path.write_text(document(index, rng), encoding="utf-8")
        paths.append(path)
    return paths


def timed(label: str, runs: int, work: Callable[[], None]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"  {label:<28} median {median:7.2f} s over {runs} run(s)")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "docs"
        folder.mkdir()
        paths = write_documents(folder, args.documents)
        size = sum(p.stat().st_size for p in paths) / len(paths) / 1024
        print(f"{len(paths)} documents, {size:.1f} KB each on average")

        def read_all() -> None:
            for path in document_files([folder]):
                path.read_bytes()

        def parse_all() -> None:
            for path in document_files([folder]):
                parse_document(path)

        run = 0

        def importer(workers: int) -> Callable[[], None]:
            def import_all() -> None:
                nonlocal run
                run += 1
                factory = open_database(f"sqlite:///{Path(temp) / f'bench-{run}.db'}")
                results = import_paths(factory, [folder], workers=workers)
                failed = [r for r in results if r.error]
                assert not failed, failed[:3]

            return import_all

        read = timed("read files (floor)", args.runs, read_all)
        parse = timed("parse only, 1 process", args.runs, parse_all)
        alone = timed("parse + store, 1 process", args.runs, importer(0))
        full = timed("parse + store, 2 parsers", args.runs, importer(2))
    count = len(paths)
    print(f"read:                {count / read:9.0f} documents/second")
    print(f"parse:               {count / parse:9.0f} documents/second")
    print(f"import, 1 process:   {count / alone:9.0f} documents/second")
    print(f"import, 2 parsers:   {count / full:9.0f} documents/second (target >= 100)")
    print(f"import takes {full / parse:.1f}x parse-only and {full / read:.0f}x a plain read")


if __name__ == "__main__":
    main()
