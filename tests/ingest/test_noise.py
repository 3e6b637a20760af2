"""Real-world noise around the meeting: site chrome, attendance pages, PDF text quirks, mojibake.

Each fixture is fictional and written for these tests; fields are checked as
``expected.json`` checks the seeds (None = the document does not say).
"""

from __future__ import annotations

import datetime as dt

from ingest import ParsedDocument, parse_document
from ingest.parsers.lines import fix_mojibake, normalise_lines
from tests.ingest.conftest import FIXTURES, fold
from tests.ingest.pdfmaker import make_pdf


def people(doc: ParsedDocument, status: str) -> list[str]:
    return [fold(p.as_printed) for p in doc.attendance if p.status == status]


def subs(doc: ParsedDocument) -> list[tuple[str, str]]:
    return [(fold(p.name), fold(p.substitute_for)) for p in doc.by_status("substitute")]


def decisions(doc: ParsedDocument) -> list[list[str]]:
    return [[d.text for d in item.decisions] for item in doc.items]


def test_moderngov_page_saved_with_site_chrome() -> None:
    doc = parse_document(FIXTURES / "moderngov-full-chrome.html")
    assert (doc.kind, doc.format) == ("minutes", "html")
    assert (doc.date, doc.time) == (dt.date(2025, 3, 12), dt.time(18, 0))
    assert doc.board_name == "Children and Young People Scrutiny Committee"
    assert doc.title_as_printed == "Children and Young People Scrutiny Committee"
    assert doc.venue == "Council Chamber, Kestrel House, Fernleigh"
    assert doc.contact == "Priya Halloran"  # not the footer's "Contact: Customer Services"
    assert people(doc, "present") == []
    assert people(doc, "apologies") == ["councillor d abara", "councillor h wetherby"]
    assert subs(doc) == [("councillor k lindqvist", "councillor h wetherby")]
    assert doc.declarations_of_interest == "none"
    assert [(i.number, i.title) for i in doc.items] == [
        ("35", "Apologies for Absence and Substitutions"),
        ("36", "Declarations of Interest"),
        ("37", "Minutes of the previous meeting"),
        ("38", "Youth Services Review"),
        ("39", "Children's Social Care Performance - Quarter 3"),
        ("40", "Work Programme 2025/26"),
    ]
    assert decisions(doc) == [
        [],
        [],
        [
            "Resolved: That the minutes of the meeting held on 15 January 2025 be approved as a "
            "correct record."
        ],
        [
            "Resolved: (1) That the findings of the review be noted. (2) That the proposed "
            "consultation on a new youth offer be endorsed."
        ],
        [],
        [
            "Resolved: That the work programme be agreed, subject to the addition of an item on "
            "school exclusions."
        ],
    ]
    assert [i.truncated for i in doc.items] == [False] * 4 + [True, False]
    assert [(a.item_ref, a.due) for a in doc.actions] == [("38", dt.date(2025, 4, 30))]
    assert doc.next_meeting is None
    text = " ".join(f"{i.agenda_text} {i.minutes_text}" for i in doc.items)
    for chrome in ("cookie", "Skip to content", "Accessibility", "Issue history", "PDF 96 KB"):
        assert chrome.lower() not in text.lower()


def test_moderngov_attendance_details_page() -> None:
    doc = parse_document(FIXTURES / "moderngov-attendance-page.html")
    assert (doc.date, doc.time) == (dt.date(2025, 3, 12), dt.time(18, 0))
    assert doc.board_name == "Children and Young People Scrutiny Committee"
    assert doc.venue == "Council Chamber, Kestrel House, Fernleigh"
    assert doc.contact is None
    assert people(doc, "present") == [
        "councillor joanna pell (chair)",
        "councillor imran qadir (vice-chair)",
    ]
    assert people(doc, "apologies") == ["councillor d abara", "councillor h wetherby"]
    assert people(doc, "absent") == ["councillor r osei"]
    assert subs(doc) == [("councillor k lindqvist", "councillor h wetherby")]
    assert [fold(p.name) for p in doc.by_status("in_attendance")] == ["tomasz brennan"]
    assert doc.items == ()  # an attendance page minutes no business
    assert doc.actions == () and doc.next_meeting is None


def test_attendance_details_as_dash_lines_and_a_semicolon_list() -> None:
    doc = parse_document(FIXTURES / "moderngov-attendance-lines.txt")
    assert (doc.date, doc.time) == (dt.date(2025, 2, 4), dt.time(10, 0))
    assert (doc.board_name, doc.venue, doc.contact) == (
        "Fostering Panel",
        "Meeting Room 3, Alder House, Wykeham",
        "Owen Prideaux",
    )
    assert people(doc, "present") == ["councillor b marsh (chair)", "councillor g hollis"]
    assert people(doc, "apologies") == ["councillor c nwosu"]
    assert people(doc, "absent") == ["councillor j ibsen"]
    assert subs(doc) == [("councillor e faraday", "councillor c nwosu")]
    assert [fold(p.name) for p in doc.by_status("in_attendance")] == ["dr l okafor"]
    assert [(i.number, i.title, i.truncated) for i in doc.items] == [
        ("1", "Minutes of the previous meeting", False),
        ("2", "Panel Recommendations Quarterly Report", True),
    ]
    assert decisions(doc) == [
        ["The minutes of the meeting held on 3 December 2024 were agreed as a correct record."],
        [],
    ]


QUIRKS_ITEMS = [
    ("1", "DECLARATIONS OF INTEREST"),
    ("2", "MINUTES OF THE PREVIOUS MEETING"),
    ("3", "VIRTUAL SCHOOL ANNUAL REPORT"),
    ("4", "FOSTERING SUFFICIENCY"),
    ("5", "DATE OF NEXT MEETING"),
]


def _check_quirks(doc: ParsedDocument) -> None:
    assert (doc.kind, doc.date, doc.time) == ("minutes", dt.date(2024, 3, 14), dt.time(14, 0))
    assert doc.board_name == "Corporate Parenting Board"
    assert doc.title_as_printed == "CORPORATE PARENTING BOARD"
    assert (doc.venue, doc.contact) == ("Oak Room, Shire Hall, Westholm", None)
    assert people(doc, "present") == [
        "councillor a fenwick (chair)",
        "councillor b gulliver",
        "councillor c hargreaves",
    ]
    assert [fold(p.name) for p in doc.by_status("in_attendance")] == ["d ishikawa"]
    assert people(doc, "apologies") == ["councillor e jessop"]
    assert doc.declarations_of_interest == "none"
    assert [(i.number, i.title) for i in doc.items] == QUIRKS_ITEMS
    assert decisions(doc) == [
        [],
        [
            "RESOLVED that the minutes of the meeting held on 11 January 2024 be confirmed as a "
            "correct record."
        ],
        [
            "RESOLVED that the report be noted and the recommendation to extend the mentoring "
            "scheme be endorsed."
        ],
        ["RESOLVED that the update be noted."],
        [],
    ]
    assert doc.items[2].presenters == ("D Ishikawa",)
    minutes = doc.items[2].minutes_text or ""
    assert '"Virtual School Annual Report"' in minutes
    assert "• Attendance of children in care had improved to 91 per cent." in minutes
    assert "• Fixed-term exclusions" in minutes  # "Ø" bullet; the real hyphen kept
    assert "• The final recommendation was to extend" in minutes  # "§", "ﬁ", "recom-/mendation"
    assert "flow of funding" in minutes and "the figures" in minutes
    assert (doc.items[3].minutes_text or "").startswith("• The Board received")
    every = " ".join(f"{i.title} {i.minutes_text}" for i in doc.items)
    for furniture in ("Page 2 of 3", "Minute Book", "14 March 2024"):
        assert furniture not in every
    assert [(a.item_ref, a.due) for a in doc.actions] == [("3", dt.date(2024, 4, 30))]
    assert doc.next_meeting is not None
    assert (doc.next_meeting.date, doc.next_meeting.time) == (dt.date(2024, 6, 13), dt.time(14))


def test_pdf_text_with_running_heads_hyphens_ligatures_and_symbol_bullets() -> None:
    doc = parse_document(FIXTURES / "pdf-text-quirks.txt")
    assert doc.format == "text"
    _check_quirks(doc)


def test_the_same_quirks_through_a_real_pdf() -> None:
    text = (FIXTURES / "pdf-text-quirks.txt").read_text(encoding="utf-8")
    # Helvetica/WinAnsi cannot draw ligatures or private-use glyphs; the rest goes in as is.
    text = text.replace("ﬁ", "fi").replace("ﬂ", "fl").replace("\uf0b7", "•")
    lines: list[str] = []
    for page in text.split("\x0c"):
        page_lines = page.strip("\n").split("\n")
        lines += page_lines + [""] * (40 - len(page_lines))
    doc = parse_document(make_pdf(lines, per_page=40), name="quirks.pdf")
    assert doc.format == "pdf"
    _check_quirks(doc)


def test_mojibake_is_mended_where_unambiguous() -> None:
    doc = parse_document(FIXTURES / "mojibake-minutes.txt")
    assert (doc.date, doc.time) == (dt.date(2024, 9, 9), dt.time(18, 30))
    assert doc.board_name == "Youth Panel"
    assert doc.venue == "Council Chamber, Ashby Vale House"
    assert people(doc, "present") == [
        "councillor siân price (chair)",
        "councillor renée okoro",
        "councillor t walsh",
    ]
    assert people(doc, "apologies") == ["councillor m o'hara"]
    assert [(i.number, i.title) for i in doc.items] == [
        ("1", "Declarations of Interest"),
        ("2", "Youth Grants Scheme – Round 3"),
        ("3", "Councillor's Question Time"),
    ]
    assert decisions(doc) == [
        [],
        ["RESOLVED – that the Youth Grants Scheme continue for 2025/26 with a budget of £30,000."],
        [],
    ]
    assert '"Youth Grants" scheme. Grants of £2,500' in (doc.items[1].minutes_text or "")
    assert "café at Ashby Vale House — no decision" in (doc.items[2].minutes_text or "")


def test_mojibake_repair_leaves_real_accents_and_broken_runs_alone() -> None:
    assert fix_mojibake("Councillorâ€™s report â€“ Â£5") == "Councillor’s report – £5"
    assert fix_mojibake("Siân Price, Neuadd y Sir, gwâr") == "Siân Price, Neuadd y Sir, gwâr"
    assert fix_mojibake("Renée, São Paulo") == "Renée, São Paulo"


def test_hyphens_kept_for_compounds_and_list_dashes() -> None:
    # The mended word moves up a line; the rest of the next line stays where it was.
    assert normalise_lines("well-\nbeing of children\nthe recom-\nmendation.") == [
        "well-being",
        "of children",
        "the recommendation.",
    ]
    assert normalise_lines("Budget 2024 -\nnoted") == ["Budget 2024 -", "noted"]
