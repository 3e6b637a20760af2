"""Facts a careful clerk reads that the snapshot fixtures had frozen out.

Each case is a short document in a wording the fixtures do not use, so the rule
is checked beyond the one document that showed it.
"""

from __future__ import annotations

import datetime as dt

from ingest import ParsedDocument, parse_document

HEAD = (
    "Minutes of the meeting of the Environment Committee held on Tuesday 4 March 2025 at 7.00 pm\n\n"
    "Present: Councillors A Reed (Chair), B Shaw and C Till.\n\n"
)


def parse(body: str, head: str = HEAD) -> ParsedDocument:
    return parse_document((head + body).encode(), name="minutes.txt")


def test_someone_asked_to_obtain_or_seek_something_owns_the_task() -> None:
    doc = parse(
        "1. Footpaths\n\nThe Town Clerk was asked to seek three quotes for the stile repairs.\n\n"
        "2. Allotments\n\nThe Allotments Officer was asked to obtain a valuation of plot 7.\n"
    )
    assert [(a.item_ref, a.text, a.owner) for a in doc.actions] == [
        ("1", "Seek three quotes for the stile repairs", "The Town Clerk"),
        ("2", "Obtain a valuation of plot 7", "The Allotments Officer"),
    ]


def test_consideration_continued_or_deferred_to_a_meeting_comes_back_then() -> None:
    doc = parse(
        "1. Waste Strategy\n\nThe Committee agreed to defer consideration of the strategy "
        "report until the next meeting on 6 May 2025.\n"
    )
    assert [(a.text, a.due) for a in doc.actions] == [
        ("Bring Waste Strategy back to the next meeting on 6 May 2025", dt.date(2025, 5, 6))
    ]


def test_a_month_meeting_not_yet_known_is_due_by_the_end_of_that_month() -> None:
    doc = parse(
        "1. Flood Plan\n\nRESOLVED that a further report be brought to the January meeting.\n\n"
        "2. Parking\n\nRESOLVED that the outcome be reported to the September 2025 meeting.\n"
    )
    assert [(a.item_ref, a.due, a.due_at_meeting) for a in doc.actions] == [
        ("1", dt.date(2026, 1, 31), None),  # the next January after a March meeting
        ("2", dt.date(2025, 9, 30), None),
    ]


def test_a_request_for_an_update_at_a_named_meeting_is_a_report_to_present() -> None:
    doc = parse(
        "1. Air Quality\n\nThe Committee RESOLVED to note the report and to request an update "
        "on monitoring at its July meeting.\n"
    )
    assert [(a.text, a.due) for a in doc.actions] == [
        (
            "Present an update on monitoring to the Committee at its July meeting",
            dt.date(2025, 7, 31),
        )
    ]


def test_a_reserve_also_present_sits_for_no_one_but_a_named_substitute_does() -> None:
    doc = parse(
        "1. Minutes\n\nThe minutes were agreed.\n",
        head=HEAD.replace(
            "Present: Councillors A Reed (Chair), B Shaw and C Till.\n\n",
            "Present: Councillors A Reed (Chair) and B Shaw.\n\n"
            "Also present: Councillor D Vale (Reserve), "
            "Councillor E Webb (Reserve Member for Councillor C Till)\n\n",
        ),
    )
    assert [(p.name, p.status, p.substitute_for) for p in doc.attendance][2:] == [
        ("Councillor D Vale", "in_attendance", None),
        ("Councillor E Webb", "substitute", "Councillor C Till"),
    ]


def test_an_officer_row_in_an_attendance_table_is_an_official() -> None:
    doc = parse(
        "1. Minutes\n\nThe minutes were agreed.\n",
        head=HEAD.replace(
            "Present: Councillors A Reed (Chair), B Shaw and C Till.\n\n",
            "Attendance\nName | Role | Attendance\nCouncillor A Reed | Chair | Present\n"
            "Councillor B Shaw | Member | Present\nJo Quill | Officer | In attendance\n\n",
        ),
    )
    official = [p for p in doc.attendance if p.status == "in_attendance"]
    assert [(p.name, p.note) for p in official] == [("Jo Quill", "official")]


def test_an_online_venue_before_the_council_and_board_is_the_venue() -> None:
    doc = parse_document(
        b"Zoom meeting, Brayford Town Council - Planning Committee\n\n"
        b"Monday 3 March 2025 7.30 pm\n\nPresent: Cllrs F Ash (Chair) and G Birch\n\n"
        b"1. Applications\n\nRESOLVED that no objection be raised.\n",
        name="minutes.txt",
    )
    assert doc.venue == "Zoom meeting"


def test_each_lettered_part_names_its_presenter() -> None:
    doc = parse(
        "1. Budget Matters\n\n(a) Fees and Charges\n\nRuth Dale presented the proposed fees.\n\n"
        "RESOLVED that the fees be approved.\n\n(b) Reserves\n\n"
        "Sam Ito explained the reserves policy.\n\nRESOLVED that the policy be noted.\n"
    )
    assert doc.items[0].presenters == ("Ruth Dale", "Sam Ito")


def test_the_council_clerk_in_attendance_is_an_official_but_a_visitor_is_not() -> None:
    doc = parse(
        "1. Minutes\n\nThe minutes were agreed.\n",
        head=HEAD.replace(
            "Present: Councillors A Reed (Chair), B Shaw and C Till.\n\n",
            "Present: Councillors A Reed (Chair) and B Shaw.\n\n"
            "In attendance: Mrs H Cole (Clerk and RFO), Ms J Dean (Police)\n\n",
        ),
    )
    assert [(p.name, (p.note or "").split(";")[0]) for p in doc.attendance][2:] == [
        ("Mrs H Cole", "official"),
        ("Ms J Dean", "Police"),
    ]
