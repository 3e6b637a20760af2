"""More councils' layouts, field by field as ``expected.json`` compares the seeds.

Each fixture is a fictional document written for these tests in one council
style: unnumbered mixed-case headings, "Minute No." and "Min 45/22" numbering,
two-digit years, "Councillors:"/"Officers:" lists, attendance tables, bilingual
Welsh headers, Scottish "The Committee agreed:-", agenda-only papers, exempt
items, page furniture from PDF text and a browser-saved ModernGov decisions page.
A field the document does not state is expected to be None.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from storage.importers import ParsedDocument, parse_document
from tests.storage.importers.conftest import FIXTURES, fold

EXPECTED: dict[str, dict[str, Any]] = {
    "unnumbered-mixed-case.txt": {
        "kind": "minutes",
        "board": "Fostering and Adoption Panel",
        "title": "Minutes of the Fostering and Adoption Panel",
        "starts_at": "2024-10-14T14:00",
        "venue": "Committee Room 2, Harwick Town Hall",
        "contact": None,
        "present": [
            "Councillor P Ashdown (Chair)",
            "Councillor R Bellamy",
            "Councillor S Chowdhury",
            "Councillor T Drury",
        ],
        "apologies": ["Councillor V Ellery"],
        "declarations": "none",
        "items": [
            (None, "Apologies for Absence", None),
            (None, "Declarations of Interest", None),
            (
                None,
                "Minutes of the Previous Meeting",
                "The minutes of the meeting held on 8 July 2024 were agreed as a correct record "
                "and signed by the Chair.",
            ),
            (None, "Fostering Recruitment Update", "RESOLVED that the report be noted."),
            (
                None,
                "Kinship Carers Support Offer",
                "RESOLVED that the revised support offer be endorsed.",
            ),
            (None, "Any Other Business", None),
        ],
        "actions": [],
        "next_meeting": None,
    },
    "minute-no-county-hall.txt": {
        "kind": "minutes",
        "board": "Corporate Parenting Committee",
        "title": "CORPORATE PARENTING COMMITTEE",
        "starts_at": "2024-03-05T10:00",
        "venue": "County Hall, Brackenford",
        "contact": None,
        "present": [
            "Councillor H Okafor (in the Chair)",
            "Councillor J Pemberton",
            "Councillor L Quayle",
            "Councillor M Ridley",
            "Councillor N Sandhu",
        ],
        "apologies": ["Councillor Smith", "Councillor Jones"],
        "substitutes": [("Councillor Brown", "Councillor Jones")],
        "declarations": "Councillor L Quayle declared a personal interest in item 6 as a foster "
        "carer registered with an independent fostering agency.",
        "items": [
            ("45", "Apologies for Absence and Substitutions", None),
            ("46", "Declarations of Interest", None),
            (
                "47",
                "Minutes",
                "RESOLVED: That the minutes of the meeting held on 12 December 2023 be confirmed "
                "as a correct record and signed by the Chair.",
            ),
            (
                "48",
                "Care Leavers Accommodation Strategy",
                "RESOLVED: (1) That the Care Leavers Accommodation Strategy be approved. (2) That "
                "progress be reported to the Committee in six months.",
            ),
            (
                "49",
                "Independent Fostering Agency Placements",
                "Resolved – that the report be noted and the Head of Commissioning circulate a "
                "breakdown of placement costs by agency to members by 30 April 2024.",
            ),
            ("50", "Date of Next Meeting", None),
        ],
        "actions": [
            ("48", None),
            ("49", "2024-04-30"),
        ],
        "next_meeting": "2024-06-04T10:00",
    },
    "parish-two-digit-year.txt": {
        "kind": "minutes",
        "board": "Little Ashby Parish Council",
        "title": "LITTLE ASHBY PARISH COUNCIL",
        "starts_at": "2022-07-27T19:30",
        "venue": "Village Hall",
        "contact": None,
        "present": [
            "Cllr D Fairbanks (Chair)",
            "Cllr E Gough",
            "Cllr F Hartley",
            "Cllr G Inchley",
        ],
        "in_attendance": ["Mrs K Lowther"],
        "apologies": [],
        "declarations": "none",
        "items": [
            ("45/22", "Apologies", None),
            ("46/22", "Declarations of Interest", None),
            (
                "47/22",
                "Minutes of the previous meeting",
                "The minutes of the meeting held on 29/06/22 were approved and signed by the Chair.",
            ),
            ("48/22", "Public Participation", None),
            (
                "49/22",
                "Playing Field",
                "It was resolved to accept the quote for the fence repairs.",
            ),
            ("50/22", "Finance", None),
            ("51/22", "Date of next meeting", None),
        ],
        "actions": [("48/22", None)],
        "next_meeting": "2022-09-28T19:30",
    },
    "hwb-councillors-officers.txt": {
        "kind": "minutes",
        "board": "Health and Wellbeing Board",
        "title": "Health and Wellbeing Board",
        "starts_at": "2023-11-16T14:00",
        "venue": "Council Chamber, Millbrook Civic Offices",
        "contact": None,
        "present": [
            "Councillor A Varley (Chair)",
            "Councillor B Whitcombe",
            "Councillor C Yardley",
        ],
        "in_attendance": [
            "Dr Fiona Zeal",
            "Grant Abbott",
            "Helen Brierley",
            "Inspector Neil Cotter",
        ],
        "apologies": ["Councillor D Fenwick"],
        "declarations": "none",
        "items": [
            ("1", "Welcome and Apologies", None),
            ("2", "Declarations of Interest", None),
            (
                "3",
                "Minutes of the Last Meeting",
                "The minutes of the meeting held on 21 September 2023 were agreed as an accurate "
                "record.",
            ),
            (
                "4",
                "Joint Strategic Needs Assessment",
                "Decision: The Board approved the chapter for publication.",
            ),
            ("5", "Better Care Fund Quarter 2 Return", "Recommendations agreed."),
            ("6", "Any Other Business", None),
        ],
        "presenters": {3: ["Fiona Zeal"], 4: ["Grant Abbott"]},
        "actions": [],
        "next_meeting": None,
    },
    "schools-forum-subitems.txt": {
        "kind": "minutes",
        "board": "Schools Forum",
        "title": "Schools Forum",
        "starts_at": "2024-01-17T09:30",
        "venue": "Eastmere Professional Development Centre",
        "contact": None,
        "present": [
            "Mr J Abara (Chair)",
            "Mrs K Benton",
            "Ms L Crowther",
            "Mr M Dunmore",
            "Ms N Ellwood",
        ],
        "in_attendance": ["Peter Farrant", "Rachel Greer"],
        "apologies": ["Mrs O Hadley", "Mr P Irving"],
        "substitutes": [("Ms Q Jessop", "Mr P Irving")],
        "declarations": "Mr M Dunmore declared an interest in item 4(b) as the headteacher of a "
        "school that receives falling rolls funding.",
        "items": [
            ("1", "Apologies and Substitutions", None),
            ("2", "Declarations of Interest", None),
            (
                "3",
                "Minutes and Matters Arising",
                "The minutes of the meeting held on 15 November 2023 were agreed as a correct "
                "record.",
            ),
            (
                "4",
                "Dedicated Schools Grant 2024/25",
                [
                    "The Forum RESOLVED to recommend the formula to Cabinet.",
                    "The Forum RESOLVED to approve the criteria for 2024/25.",
                ],
            ),
            ("5", "High Needs Block Update", None),
            ("6", "Date of Next Meeting", None),
        ],
        "actions": [("5", "2024-01-31")],
        "next_meeting": "2024-03-13T09:30",
    },
    "scrutiny-resolved-variants.txt": {
        "kind": "minutes",
        "board": "Overview and Scrutiny Panel",
        "title": "Overview and Scrutiny Panel",
        "starts_at": "2024-09-09T18:30",
        "venue": "Council Chamber, Westfold House",
        "contact": None,
        "present": [
            "Councillor R Knowles (Chairman)",
            "Councillor S Lacey (Vice-Chairman)",
            "Councillor T Mabbott",
            "Councillor U Nairn",
            "Councillor W Osei",
        ],
        "in_attendance": ["Councillor X Pargeter", "Yvonne Quist", "Zak Rahman"],
        "apologies": ["Councillor V Sturridge"],
        "declarations": "none",
        "items": [
            ("12", "APOLOGIES FOR ABSENCE", None),
            ("13", "DECLARATIONS OF INTEREST", None),
            (
                "14",
                "MINUTES",
                "Resolved – that the minutes of the meeting held on 10 June 2024 be approved as "
                "a correct record.",
            ),
            (
                "15",
                "HOUSING REPAIRS PERFORMANCE",
                "The Panel RESOLVED to note the report and to request a further update at its "
                "December meeting.",
            ),
            (
                "16",
                "CALL-IN: DISPOSAL OF LAND AT QUARRY ROAD",
                "The Panel decided not to refer the decision back to Cabinet.",
            ),
            ("17", "WORK PROGRAMME", "Recommendation agreed."),
            (
                "18",
                "EXCLUSION OF THE PRESS AND PUBLIC",
                "RESOLVED that under Section 100A(4) of the Local Government Act 1972 the press "
                "and public be excluded from the meeting for the following item of business on "
                "the grounds that it involves the likely disclosure of exempt information as "
                "defined in paragraph 3 of Part 1 of Schedule 12A to the Act.",
            ),
            ("19", "HOUSING COMPANY BUSINESS PLAN", "RESOLVED that the business plan be noted."),
        ],
        "exempt": ["19"],
        "actions": [("15", "2024-10-31")],
        "next_meeting": None,
    },
    "agenda-only-county.txt": {
        "kind": "agenda",
        "board": "Adults and Health Scrutiny Committee",
        "title": "Adults and Health Scrutiny Committee",
        "starts_at": "2024-12-12T10:00",
        "venue": "Northcombe County Hall, Kingsmead",
        "contact": "Priya Sandhu",
        "present": [],
        "apologies": [],
        "declarations": None,
        "items": [
            ("1", "Apologies and Substitutions", None),
            ("2", "Declarations of Interest", None),
            ("3", "Minutes", None),
            ("4", "Adult Social Care Winter Plan", None),
            ("5", "Community Mental Health Transformation", None),
            ("6", "Work Programme", None),
            ("7", "Exclusion of the Press and Public", None),
            ("8", "Care Home Contract Award", None),
        ],
        "exempt": ["8"],
        "actions": [],
        "next_meeting": None,
    },
    "pdf-footers-interleaved.txt": {
        "kind": "minutes",
        "board": "Corporate Parenting Board",
        "title": "CORPORATE PARENTING BOARD",
        "starts_at": "2024-05-22T16:00",
        "venue": "Mayor's Parlour, Fenbridge Town Hall",
        "contact": None,
        "present": [
            "Councillor G Amos (Chair)",
            "Councillor H Birch",
            "Councillor J Cole",
        ],
        "apologies": ["Councillor K Dyson"],
        "declarations": None,
        "items": [
            (
                "1",
                "MINUTES OF THE PREVIOUS MEETING",
                "The minutes of the meeting held on 20 February 2024 were agreed as a correct "
                "record.",
            ),
            ("2", "VIRTUAL SCHOOL HEAD'S REPORT", "AGREED that the report be noted."),
            (
                "3",
                "HEALTH ASSESSMENTS",
                "AGREED that a recovery plan be presented to the next meeting.",
            ),
            ("4", "DATE OF NEXT MEETING", None),
        ],
        "actions": [("3", "2024-07-24")],
        "next_meeting": "2024-07-24T16:00",
    },
    "welsh-bilingual.txt": {
        "kind": "minutes",
        "board": "Corporate Parenting Panel",
        "title": "CORPORATE PARENTING PANEL",
        "starts_at": "2025-02-03T10:00",
        "venue": "Council Chamber, Neuadd y Sir, Llanfair",
        "contact": None,
        "present": [
            "Councillor Eirlys Morgan (Chair)",
            "Councillor Dafydd Pugh",
            "Councillor Sian Rees",
        ],
        "in_attendance": ["Gwen Thomas", "Owain Lewis"],
        "apologies": ["Councillor Rhodri Jenkins"],
        "declarations": "none",
        "items": [
            ("1", "APOLOGIES", None),
            ("2", "DECLARATIONS OF PERSONAL INTEREST", None),
            (
                "3",
                "MINUTES",
                "RESOLVED that the minutes of the meeting held on 4 November 2024 be signed as a "
                "correct record.",
            ),
            (
                "4",
                "WELSH LANGUAGE PROVISION FOR LOOKED AFTER CHILDREN",
                "RESOLVED that the report be received.",
            ),
        ],
        "actions": [],
        "next_meeting": None,
    },
    "moderngov-browser-decisions.html": {
        "kind": "minutes",
        "board": "Schools Forum",
        "title": "Schools Forum",
        "starts_at": "2024-10-08T14:00",
        "venue": "Committee Room 4, Thornbury Vale Civic Centre",
        "contact": "Laura Penrose",
        "present": [],
        "apologies": ["Ms R Quinlan"],
        "declarations": None,
        "items": [
            ("1", "Apologies for Absence", None),
            (
                "2",
                "Minutes of the previous meeting",
                "Resolved: That the minutes of the meeting held on 9 July 2024 be approved as a "
                "correct record.",
            ),
            (
                "3",
                "Early Years Funding Formula 2025/26",
                "Resolved: (1) That the proposed base rate for three and four year olds be agreed "
                "for consultation. (2) That the outcome of the consultation be reported to the "
                "January 2025 meeting.",
            ),
            ("4", "Any Other Business", None),
        ],
        "actions": [("3", None)],
        "next_meeting": None,
    },
    "attendance-table-pdf.txt": {
        "kind": "minutes",
        "board": "Health and Adult Care Scrutiny Panel",
        "title": "Health and Adult Care Scrutiny Panel",
        "starts_at": "2024-06-06T19:00",
        "venue": "Meeting Room 1, Redfern Town Hall",
        "contact": None,
        "present": [
            "Councillor S Ibbotson (Chair)",
            "Councillor T Jukes (Vice-Chair)",
            "Councillor V Lomax",
        ],
        "apologies": ["Councillor U Kaur"],
        "absent": ["Councillor W Mensah"],
        "declarations": "none",
        "items": [
            ("1", "Declarations of Interest", None),
            (
                "2",
                "Minutes of the Previous Meeting",
                "RESOLVED that the minutes of the meeting held on 4 April 2024 be approved.",
            ),
            (
                "3",
                "GP Access in Redfern",
                "RESOLVED that the update be noted and a further report be brought to the "
                "October meeting.",
            ),
            ("4", "Date of Next Meeting", None),
        ],
        "next_meeting": "2024-09-05T19:00",
    },
    "scottish-agreed.txt": {
        "kind": "minutes",
        "board": "Education and Children's Services Committee",
        "title": "MINUTE of MEETING of the EDUCATION AND CHILDREN'S SERVICES COMMITTEE",
        "starts_at": "2025-03-11T10:00",
        "venue": "Council Chambers, Glenarden House, Inverbrae",
        "contact": None,
        "present": [
            "Councillor Morag Fraser (Convener)",
            "Councillor Ewan Grant (Vice Convener)",
            "Councillor Isla Henderson",
            "Councillor Callum Innes",
        ],
        "in_attendance": ["Kirsty Johnstone", "Alasdair Kerr"],
        "apologies": ["Councillor Fiona Lamont"],
        "declarations": "none",
        "items": [
            ("1", "DECLARATIONS OF INTEREST", None),
            (
                "2",
                "MINUTE OF PREVIOUS MEETING",
                "The Minute of the meeting held on 14 January 2025 was approved as a correct "
                "record.",
            ),
            (
                "3",
                "ATTAINMENT CHALLENGE PROGRESS REPORT",
                "The Committee agreed: (a) to note the progress made in closing the "
                "poverty-related attainment gap; and (b) that a further report be submitted to "
                "the committee in September 2025.",
            ),
            (
                "4",
                "SCHOOL ESTATE REVIEW",
                "The Committee agreed to continue consideration of the report to its next meeting.",
            ),
        ],
        "actions": [("3", "2025-09-30")],
        "next_meeting": None,
    },
}


@pytest.fixture(params=sorted(EXPECTED), scope="module")
def case(request: pytest.FixtureRequest) -> tuple[ParsedDocument, dict[str, Any]]:
    name: str = request.param
    return parse_document(FIXTURES / name), EXPECTED[name]


def _names(doc: ParsedDocument, status: str) -> list[str]:
    return [fold(p.as_printed) for p in doc.attendance if p.status == status]


def _bare(doc: ParsedDocument, status: str) -> list[str]:
    return [fold(p.name) for p in doc.attendance if p.status == status]


def test_header(case: tuple[ParsedDocument, dict[str, Any]]) -> None:
    doc, want = case
    assert doc.kind == want["kind"]
    assert fold(doc.board_name) == fold(want["board"])
    assert fold(doc.title_as_printed) == fold(want["title"])
    starts = dt.datetime.fromisoformat(want["starts_at"])
    assert (doc.date, doc.time) == (starts.date(), starts.time())
    assert (fold(doc.venue) or None) == (fold(want["venue"]) or None)
    assert (fold(doc.contact) or None) == (fold(want["contact"]) or None)


def test_attendance(case: tuple[ParsedDocument, dict[str, Any]]) -> None:
    doc, want = case
    assert _names(doc, "present") == [fold(n) for n in want["present"]]
    assert _names(doc, "apologies") == [fold(n) for n in want["apologies"]]
    if "in_attendance" in want:
        assert _bare(doc, "in_attendance") == [fold(n) for n in want["in_attendance"]]
    if "absent" in want:
        assert _names(doc, "absent") == [fold(n) for n in want["absent"]]
    subs = [(fold(p.name), fold(p.substitute_for)) for p in doc.by_status("substitute")]
    assert subs == [(fold(a), fold(b)) for a, b in want.get("substitutes", [])]


def test_declarations(case: tuple[ParsedDocument, dict[str, Any]]) -> None:
    doc, want = case
    assert doc.declarations_of_interest == want["declarations"]


def test_items_and_decisions(case: tuple[ParsedDocument, dict[str, Any]]) -> None:
    doc, want = case
    got = [(i.number, fold(i.title)) for i in doc.items]
    assert got == [(number, fold(title)) for number, title, _ in want["items"]]
    for item, (_, _, decision) in zip(doc.items, want["items"], strict=True):
        expected = [decision] if isinstance(decision, str) else decision or []
        assert [d.text for d in item.decisions] == expected, item.title
    for position, names in want.get("presenters", {}).items():
        assert list(doc.items[position].presenters) == names
    assert [i.number for i in doc.items if i.exempt] == want.get("exempt", [])


def test_actions_and_next_meeting(case: tuple[ParsedDocument, dict[str, Any]]) -> None:
    doc, want = case
    if "actions" in want:
        got = [(a.item_ref, a.due.isoformat() if a.due else None) for a in doc.actions]
        assert got == want["actions"]
    if want["next_meeting"] is None:
        assert doc.next_meeting is None
    else:
        assert doc.next_meeting is not None
        nxt = dt.datetime.combine(doc.next_meeting.date, doc.next_meeting.time or dt.time.min)
        assert nxt == dt.datetime.fromisoformat(want["next_meeting"])


def test_page_furniture_is_not_item_text() -> None:
    item = parse_document(FIXTURES / "pdf-footers-interleaved.txt").items[1]
    assert "Page 3" not in (item.minutes_text or "")
    assert "initials" not in (item.minutes_text or "")
    assert "improved and the number of personal education plans" in (item.minutes_text or "")


def test_lettered_sub_item_headings_stay_in_their_item() -> None:
    item = parse_document(FIXTURES / "schools-forum-subitems.txt").items[3]
    assert "(b) Growth and Falling Rolls Fund" in (item.minutes_text or "")


def test_agenda_keeps_agenda_text_and_no_decisions() -> None:
    doc = parse_document(FIXTURES / "agenda-only-county.txt")
    assert doc.items[3].agenda_text == (
        "To consider the report of the Executive Director of Adult Social Care."
    )
    assert not any(item.decisions for item in doc.items)
    assert doc.attendance == ()


def test_two_digit_year_dates() -> None:
    from storage.importers.dates import find_dates

    assert [d.date for d in find_dates("held on 27/07/22 at 7.30pm")] == [dt.date(2022, 7, 27)]
    assert find_dates("minute 45/22 and item 18/9") == []
    assert find_dates("version 1.2/3/45") == []
