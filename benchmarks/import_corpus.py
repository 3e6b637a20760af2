"""The import benchmark's corpus: realistic generated minutes, a steady membership per board.

Deterministic (seeded), so every run and every machine imports the same documents.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

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


NARRATIVE = (
    "The Board was informed that performance had improved in most areas, although "
    "recruitment of social workers remained difficult and agency staff were still "
    "needed in two teams. Members asked a number of questions about the figures, "
    "the reasons for the variation between localities and the effect of the new "
    "practice model on caseloads, supervision and the stability of the workforce. "
    "The Head of Service explained the steps taken since the last report, including "
    "the retention payments, the academy for newly qualified staff and the review of "
    "the duty arrangements, and said that a fuller analysis would follow."
)


def large_document(index: int, rng: random.Random) -> str:
    """The large shape (about 28 KB): 13 items, 12 attendees, a few actions."""
    board = BOARDS[index % len(BOARDS)]
    day = dt.date(2015, 1, 5) + dt.timedelta(days=7 * (index // len(BOARDS)) + index % 5)
    next_day = day + dt.timedelta(days=56)
    members = board_members(index % len(BOARDS))
    chair, present = members[0], members[1:10]
    absent = members[10:]
    year = day.year % 100
    lines = [
        board.upper(),
        "",
        f"A meeting of the {board} was held on {day.day} {MONTHS[day.month - 1]} {day.year} "
        f"at 2.00 pm.",
        "",
        f"PRESENT: Councillors {chair} (Chair), {', '.join(present[:-1])} and {present[-1]}.",
        "",
        "OFFICIALS: K Osei, M Feld, A Petrov and P Nandakumar.",
        "",
        f"APOLOGIES FOR ABSENCE: Councillor {absent[0]}, Councillor {absent[1]} – unwell",
        "",
    ]
    topics = [rng.choice(TOPICS) for _ in range(12)]
    for number, (title, subject) in enumerate(topics, start=1):
        lines += [
            f"{year}/{number + index % 40} {title}",
            "",
            f"M Feld, Head of Service, presented a report on {subject} (item {number}).",
            "",
            NARRATIVE,
            "",
            NARRATIVE.replace("improved", "held steady"),
            "",
            "- Placement stability had improved to 71% over the year.",
            "- Three new foster carers had been approved in the quarter.",
            "- Visits within timescale stood at 94%.",
            "",
            NARRATIVE.replace("Board", "Committee"),
            "",
        ]
        if number % 4 == 0:
            lines += [
                f"Action: MF to report back on {subject} by {MONTHS[(day.month + 1) % 12]} "
                f"{day.year}.",
                "",
            ]
        lines += ["AGREED as follows:-", "", "- 1. That the information provided be noted."]
        if number % 4 == 2:
            lines += ["- 2. That an update be presented to a future meeting of the Board."]
        lines += [""]
    lines += [
        f"{year}/{13 + index % 40} DATE AND TIME OF NEXT MEETING",
        "",
        f"The next meeting will be held on {next_day.day} {MONTHS[next_day.month - 1]} "
        f"{next_day.year} at 2.00 pm.",
    ]
    return "\n".join(lines) + "\n"


def write_documents(folder: Path, count: int, *, large: bool = False) -> list[Path]:
    """``count`` documents of the usual shape (4-8 KB), or of the large one (about 28 KB)."""
    rng = random.Random(20261123)
    make = large_document if large else document
    paths = []
    for index in range(count):
        path = folder / f"minutes-{index:05d}.txt"
        path.write_text(make(index, rng), encoding="utf-8")
        paths.append(path)
    return paths
