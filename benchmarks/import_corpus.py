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
            narrative(rng),
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


# The large shape's narrative is put together sentence by sentence from these, with
# figures, places and services drawn at random: no two paragraphs of the corpus are the
# same, as in real minutes, so a parser that remembers text it has seen gains nothing here
# that it would not gain on a council's documents.
OPENINGS = (
    "The {body} was informed that {measure} had {moved} to {pct}% in {period}",
    "The {role} reported that {measure} stood at {pct}% at the end of {period}",
    "Members heard that {count} {cases} had been {handled} since {month}",
    "The report showed that {measure} in {place} had {moved} over {period}",
    "Officers explained that {count} {cases} were open in {place} at the end of {month}",
)
MIDDLES = (
    "although recruitment of {staff} remained difficult in {place}",
    "with {count} {staff} posts still covered by agency staff",
    "which the {role} put down to {cause}",
    "largely because of {cause} in {place}",
    "after {cause} had been addressed through {remedy}",
    "while {count} families in {place} were still waiting for {service}",
)
FOLLOWERS = (
    "Members asked about {topic}, and the {role} explained {remedy}.",
    "A Member asked how {place} compared with {other_place}; the difference was put down "
    "to {cause}.",
    "In answer to a question, the {role} said that {service} in {place} would be "
    "reviewed as part of {remedy}.",
    "Members welcomed {remedy} and noted that {count} {staff} had completed the training.",
    "The {role} confirmed that {service} had been offered to {count} young people in {period}.",
    "Concern was expressed about {topic} in {place}, where {count} {cases} had been recorded.",
    "It was noted that {measure} for {place} had been {moved} by {cause}.",
)
FILL = {
    "body": ("Board", "Committee", "Panel", "meeting"),
    "role": (
        "Head of Service",
        "Director of Children's Services",
        "Virtual School Head",
        "Service Manager",
        "Designated Nurse",
        "Principal Social Worker",
        "Independent Reviewing Officer",
    ),
    "measure": (
        "placement stability",
        "the timeliness of reviews",
        "attendance at school",
        "the take-up of health assessments",
        "the number of visits within timescale",
        "caseload per worker",
        "the use of agency staff",
        "the rate of re-referrals",
        "participation in reviews",
        "dental check completion",
    ),
    "moved": ("improved", "fallen", "held steady", "risen", "dipped", "recovered"),
    "period": (
        "the first quarter",
        "the second quarter",
        "the last six months",
        "the year to date",
        "the autumn term",
        "the spring term",
        "the last reporting period",
    ),
    "cases": (
        "referrals",
        "placements",
        "assessments",
        "complaints",
        "missing episodes",
        "return interviews",
        "Personal Education Plans",
        "pathway plans",
    ),
    "handled": ("completed", "received", "closed", "reviewed", "escalated", "audited"),
    "place": (
        "the north locality",
        "the south locality",
        "the east of the county",
        "the city centre",
        "the coastal towns",
        "the rural west",
        "the Riverside area",
        "Eastgate",
        "Millbrook",
        "Harfield",
        "Long Ashby",
        "Upper Wendle",
    ),
    "other_place": ("the national average", "statistical neighbours", "the region", "last year"),
    "staff": (
        "social workers",
        "foster carers",
        "personal advisers",
        "residential staff",
        "team managers",
        "family support workers",
    ),
    "cause": (
        "the new practice model",
        "the retention payments",
        "turnover in the duty team",
        "the rise in unaccompanied children",
        "delays in the court timetable",
        "the shortage of local placements",
        "sickness absence",
        "the new recording system",
        "the summer holiday period",
    ),
    "remedy": (
        "the academy for newly qualified staff",
        "the revised duty arrangements",
        "the placement sufficiency plan",
        "the mentoring scheme",
        "the improvement plan",
        "the new commissioning framework",
        "the peer review",
        "weekly tracking meetings",
    ),
    "service": (
        "independent visitors",
        "advocacy",
        "mental health support",
        "careers guidance",
        "the setting-up-home allowance",
        "supported lodgings",
        "short breaks",
    ),
    "topic": (
        "children placed out of area",
        "the waiting list for therapy",
        "young people not in education or training",
        "the cost of residential placements",
        "the stability of the workforce",
        "the voice of the child in reviews",
        "the number of unregistered placements",
    ),
}


def _sentence(rng: random.Random, template: str) -> str:
    values = {name: rng.choice(options) for name, options in FILL.items()}
    values.update(
        pct=rng.randint(40, 99),
        count=rng.randint(2, 240),
        month=rng.choice(MONTHS),
    )
    return template.format(**values)


def narrative(rng: random.Random) -> str:
    """A paragraph of three to six sentences, no two paragraphs alike."""
    parts = []
    for _ in range(rng.randint(3, 6)):
        if rng.random() < 0.5:
            opening = _sentence(rng, rng.choice(OPENINGS))
            parts.append(f"{opening}, {_sentence(rng, rng.choice(MIDDLES))}.")
        else:
            parts.append(_sentence(rng, rng.choice(FOLLOWERS)))
    text = " ".join(parts)
    return text[0].upper() + text[1:]


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
            narrative(rng),
            "",
            narrative(rng),
            "",
            f"- Placement stability had moved to {rng.randint(50, 90)}% over the year.",
            f"- {rng.randint(2, 12)} new foster carers had been approved in the quarter.",
            f"- Visits within timescale stood at {rng.randint(70, 99)}%.",
            "",
            narrative(rng),
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
