"""Round 4 layouts: two-column PDF first pages, ModernGov text with site chrome,
reserve/substitute roles and line-end compounds, partnership-board sub-headings."""

from __future__ import annotations

import datetime as dt

from ingest import parse_document
from ingest.parsers.lines import join_hyphenated
from ingest.readers.text import read_document
from tests.ingest.conftest import FIXTURES
from tests.ingest.pdfmaker import make_pdf, make_placed_pdf

_LEFT = [
    "Present:",
    "Councillor A Wyatt (Chair)",
    "Councillor B Yeoman",
    "Councillor C Zorba",
    "",
    "Apologies:",
    "Councillor D Abbott",
]
_RIGHT = [
    "Date: Monday 3 November 2025",
    "Time: 2.00 pm",
    "Venue: Committee Room 1,",
    "Fellside House",
    "Clerk: Hannah Ostrowski",
]
_TOP = ["Fellside Council", "Children's Services Improvement Board", "Minutes of the meeting"]
_BODY = [
    "1. Declarations of Interest",
    "There were no declarations of interest.",
    "2. Improvement Plan Progress",
    "The Director of Children's Services presented the quarterly progress report.",
    "RESOLVED that the progress report be noted.",
]


def _two_column_pdf() -> bytes:
    page = [(40.0, 800.0 - 14 * i, text) for i, text in enumerate(_TOP)]
    y0 = 800.0 - 14 * (len(_TOP) + 1)
    for i in range(max(len(_LEFT), len(_RIGHT))):  # row by row, as a word processor writes
        if i < len(_LEFT) and _LEFT[i]:
            page.append((40.0, y0 - 14 * i, _LEFT[i]))
        if i < len(_RIGHT):
            page.append((320.0, y0 - 14 * i, _RIGHT[i]))
    y1 = y0 - 14 * (len(_LEFT) + 1)
    page += [(40.0, y1 - 14 * i, text) for i, text in enumerate(_BODY)]
    return make_placed_pdf([page])


def test_a_two_column_first_page_reads_column_by_column() -> None:
    lines = [line for line in read_document(_two_column_pdf(), name="m.pdf").lines if line]
    assert lines[3:9] == [*_LEFT[:4], *_LEFT[5:]]
    assert lines[9:14] == _RIGHT
    assert lines[14:] == _BODY
    doc = parse_document(_two_column_pdf(), name="m.pdf")
    assert (doc.kind, doc.date, doc.time) == ("minutes", dt.date(2025, 11, 3), dt.time(14, 0))
    assert doc.board_name == "Children's Services Improvement Board"
    assert (doc.venue or "").startswith("Committee Room 1")
    assert doc.contact == "Hannah Ostrowski"
    assert [(i.number, i.title) for i in doc.items] == [
        ("1", "Declarations of Interest"),
        ("2", "Improvement Plan Progress"),
    ]
    assert [(p.name, p.status) for p in doc.attendance] == [
        ("Councillor A Wyatt", "present"),
        ("Councillor B Yeoman", "present"),
        ("Councillor C Zorba", "present"),
        ("Councillor D Abbott", "apologies"),
    ]


def test_a_single_column_pdf_reads_as_before() -> None:
    lines = _TOP + _BODY
    assert [x for x in read_document(make_pdf(lines), name="s.pdf").lines if x] == lines
    table = ["Name Role Attendance"]
    placed = [(40.0, 800.0, "Attendance")] + [
        (x, 780.0 - 14 * row, text)
        for row in range(4)
        for x, text in ((40.0, f"Councillor X{row}"), (220.0, "Member"), (350.0, "Present"))
    ]
    read = [x for x in read_document(make_placed_pdf([placed]), name="t.pdf").lines if x]
    assert read[1] == "Councillor X0 Member Present" and len(read) == 5, (table, read)


def test_moderngov_text_with_site_chrome() -> None:
    doc = parse_document(FIXTURES / "moderngov-text-chrome.txt")
    assert (doc.kind, doc.date, doc.time) == ("minutes", dt.date(2025, 10, 9), dt.time(14, 0))
    assert doc.board_name == "Health and Wellbeing Board"
    assert doc.venue == "Council Chamber, Brackenby Town Hall"
    assert doc.contact == "Priya Lomax"
    assert [(i.number, i.title) for i in doc.items] == [
        ("12", "Apologies for Absence"),
        ("13", "Declarations of Interest"),
        ("14", "Better Care Fund Plan 2025/26"),
        ("15", "Joint Strategic Needs Assessment Update"),
    ]
    assert [[d.text for d in i.decisions] for i in doc.items][2:] == [
        ["RESOLVED: That the Better Care Fund Plan 2025/26 be approved."],
        ["RESOLVED: That the update be noted."],
    ]
    assert [(p.name, p.status) for p in doc.attendance] == [
        ("Councillor T Varley", "apologies"),
        ("Dr S Okafor", "apologies"),
    ]
    assert "cookie" not in (doc.items[-1].minutes_text or "").lower()
    assert doc.actions == ()


def test_reserve_and_substitute_member_roles() -> None:
    doc = parse_document(FIXTURES / "attendance-reserve-roles.txt")
    assert [(p.name, p.status, p.substitute_for) for p in doc.attendance] == [
        ("Councillor N Ferris", "present", None),
        ("Councillor O Gallagher", "apologies", None),
        ("Councillor P Hussain", "substitute", None),
        ("Councillor Q Irwin", "substitute", None),
        ("Councillor R Jameson", "present", None),
        ("Councillor S Kellett", "in_attendance", None),  # also present, sitting for no one
        ("Councillor T Lowe", "substitute", "Councillor U Mason"),
    ]
    minutes = doc.items[1].minutes_text or ""
    assert "multi-agency protocol" in minutes and "through co-production" in minutes
    assert "be recommended to all" in minutes


def test_line_end_hyphen_kept_when_the_document_prints_the_compound() -> None:
    lines = ["the decision-", "making framework and recom-", "mended steps", "decision-making"]
    assert join_hyphenated(lines) == [
        "the decision-making",
        "framework and recommended",
        "steps",
        "decision-making",
    ]
    assert join_hyphenated(["a decision-", "making body"]) == ["a decisionmaking", "body"]


def test_partnership_board_sub_headings() -> None:
    doc = parse_document(FIXTURES / "partnership-subheadings.txt")
    assert (doc.kind, doc.date) == ("minutes", dt.date(2025, 9, 17))
    assert [i.title for i in doc.items] == [
        "Serious Violence Duty Strategy",
        "Anti-Social Behaviour Performance",
        "Domestic Abuse Needs Assessment",
        "Date of Next Meeting",
    ]
    assert [[(d.text, d.kind) for d in i.decisions] for i in doc.items] == [
        [
            (
                "Outcome: The Board approved the Serious Violence Duty Strategy for publication.",
                "agreed",
            )
        ],
        [],
        [("Outcome: The Board noted the update.", "noted")],
        [],
    ]
    assert [(a.item_ref, a.owner, a.due) for a in doc.actions] == [
        ("1", "J Pryce", dt.date(2025, 10, 3)),
        ("2", "M Quayle", dt.date(2025, 12, 10)),
    ]
    assert all(i.presenters == () for i in doc.items)
