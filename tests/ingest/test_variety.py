"""The forms real councils print: date lines, numbering, decision labels, attendance, follow-ups.

Each fixture is a short document written for these tests, one form per file.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ingest import ParsedDocument, parse_document
from tests.ingest.conftest import FIXTURES, fold


def parsed(name: str) -> ParsedDocument:
    return parse_document(FIXTURES / name)


def people(doc: ParsedDocument, status: str) -> list[str]:
    return [p.as_printed for p in doc.attendance if p.status == status]


# --- date and time lines ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "date", "time"),
    [
        ("date-thursday-comma.txt", dt.date(2012, 12, 6), dt.time(18, 0)),
        ("date-time-next-line.txt", dt.date(2012, 4, 26), dt.time(16, 30)),
        ("date-held-on.txt", dt.date(2019, 10, 3), None),
        ("date-label-time.txt", dt.date(2007, 4, 25), dt.time(13, 30)),
        ("date-range.txt", dt.date(2017, 3, 27), dt.time(13, 0)),
        ("header-extra-words.txt", dt.date(2021, 2, 9), dt.time(10, 0)),
        ("numbers-restart.txt", dt.date(2025, 3, 5), dt.time(14, 0)),
        ("numbers-decimal.txt", dt.date(2024, 1, 18), dt.time(14, 0)),
    ],
)
def test_meeting_date_and_time_as_printed(name: str, date: dt.date, time: dt.time | None) -> None:
    doc = parsed(name)
    assert (doc.date, doc.time) == (date, time)


def test_a_date_only_meeting_keeps_no_time() -> None:
    assert parsed("date-held-on.txt").time is None


@pytest.mark.parametrize(
    ("name", "board"),
    [
        ("header-extra-words.txt", "Corporate Parenting Board"),
        ("date-thursday-comma.txt", "Corporate Parenting Panel"),
        ("date-held-on.txt", "Corporate Parenting Committee"),
        ("date-label-time.txt", "Corporate Parenting Forum"),
        ("numbers-code.txt", "Children and Young People Committee"),
        ("date-time-next-line.txt", "Corporate Parenting Board"),
    ],
)
def test_board_name_is_found_among_header_words(name: str, board: str) -> None:
    assert parsed(name).board_name == board


def test_venue_from_a_label_a_held_at_clause_or_a_bare_place_line() -> None:
    assert parsed("date-label-time.txt").venue == "Meeting Room 3, The Guildhall"
    assert parsed("date-time-next-line.txt").venue == "County Hall, Shirebrook"
    assert parsed("date-range.txt").venue == "Council Chamber, Kelmoor House"
    assert parsed("date-held-on.txt").venue is None


# --- item numbering --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "numbers"),
    [
        ("numbers-running.txt", ["63", "64", "65"]),
        ("numbers-restart.txt", ["1", "2", "3"]),
        ("numbers-code.txt", ["CYP/15/24", "CYP/16/24", "CYP/17/24"]),
        ("numbers-decimal.txt", ["1.0", "2.0", "3.0"]),
        ("numbers-none.txt", [None, None, None]),
        ("date-held-on.txt", ["19/21"]),
    ],
)
def test_item_numbers_as_printed(name: str, numbers: list[str | None]) -> None:
    assert [item.number for item in parsed(name).items] == numbers


def test_numbered_lists_inside_an_item_are_not_items() -> None:
    doc = parsed("numbers-running.txt")
    assert [fold(i.title) for i in doc.items] == [
        "apologies for absence",
        "health of children in care",
        "children in care council",
    ]
    assert "dental checks." in (doc.items[1].minutes_text or "").lower()


def test_numbered_paragraphs_under_decimal_items_stay_in_the_item() -> None:
    item = parsed("numbers-decimal.txt").items[1]
    assert item.title == "Care Leavers Local Offer"
    assert "2.2 Members asked about the council tax exemption." in (item.minutes_text or "")


def test_unnumbered_upper_case_headings_are_items() -> None:
    titles = [i.title for i in parsed("numbers-none.txt").items]
    assert titles == [
        "DECLARATIONS OF INTEREST",
        "ADOPTION SERVICE REPORT",
        "STAYING PUT ARRANGEMENTS",
    ]


def test_a_time_on_its_own_line_is_not_item_four() -> None:
    doc = parsed("date-time-next-line.txt")
    assert [(i.number, i.title) for i in doc.items] == [
        ("1", "MINUTES OF THE LAST MEETING"),
        ("2", "PLACEMENT SUFFICIENCY"),
    ]


# --- decision labels -------------------------------------------------------------------


def test_every_decision_label_is_recognised_and_kept_as_printed() -> None:
    doc = parsed("decision-labels.txt")
    got = [(d.text, d.kind) for item in doc.items for d in item.decisions]
    assert got == [
        ("RESOLVED – That the item one report be noted.", "resolved"),
        ("Resolved: That the item two report be approved.", "resolved"),
        ("Following discussion, it was RESOLVED that the item three plan be adopted.", "resolved"),
        ("ORDERED that the item four papers be published.", "ordered"),
        ("Decision: That the item five report be noted.", "noted"),
        ("That the item six update be noted.", "noted"),
        ("AGREED- That the item seven information be noted", "agreed"),
    ]


def test_discussion_before_a_bare_resolution_is_not_a_decision() -> None:
    item = parsed("decision-labels.txt").items[5]
    assert [d.text for d in item.decisions] == ["That the item six update be noted."]
    assert "discussed item six at length" in (item.minutes_text or "")


def test_resolution_sub_points_fold_into_one_decision() -> None:
    item = parsed("numbers-running.txt").items[1]
    assert [d.text for d in item.decisions] == [
        "RESOLVED that: 1. The report be noted. 2. An update on dental checks be presented to a "
        "future meeting of the Board."
    ]


def test_minutes_confirmation_is_a_decision() -> None:
    item = parsed("date-label-time.txt").items[0]
    assert item.decisions[0].text == (
        "The minutes of the meeting held on 1 February 2007 were agreed as a correct record."
    )


# --- attendance ------------------------------------------------------------------------


def test_plural_honorific_stops_at_a_full_name() -> None:
    doc = parsed("apologies-county.txt")
    assert people(doc, "apologies") == [
        "County Councillor Case",
        "County Councillor Leadbetter",
        "County Councillor Taylor",
        "Paul Armitage",
    ]
    assert people(doc, "present") == [
        "County Councillor Fell (Chair)",
        "County Councillor Gordon",
        "County Councillor Harper",
    ]


def test_apologies_with_a_substitute_in_brackets_and_a_reason() -> None:
    doc = parsed("apologies-substitute-reason.txt")
    by_name = {p.name: p for p in doc.attendance}
    assert by_name["Councillor A Fenwick"].status == "apologies"
    assert by_name["Councillor C Hale"].reason == "unwell"
    glover = by_name["Councillor B Glover"]
    assert (glover.status, glover.substitute_for) == ("substitute", "Councillor A Fenwick")
    assert by_name["Councillor A Khan"].role == "chair"


def test_attendance_details_block() -> None:
    doc = parsed("attendance-details.txt")
    assert people(doc, "present") == [
        "Councillor L Meyer (Chair)",
        "Councillor M Njoroge (Vice-Chair)",
        "Councillor P Olsen",
    ]
    assert people(doc, "apologies") == ["Councillor R Sato"]
    turner = next(p for p in doc.attendance if p.name == "S Turner")
    assert (turner.status, turner.note) == ("in_attendance", "Head of Virtual School")


def test_a_heading_with_no_names_records_nobody() -> None:
    doc = parsed("attendance-empty-heading.txt")
    assert people(doc, "apologies") == []
    assert people(doc, "present") == ["Councillor E Fox (Chair)", "Councillor G Hill"]
    assert doc.declarations_of_interest == "none"


def test_match_keys_drop_honorifics_and_roles() -> None:
    doc = parsed("date-held-on.txt")
    assert [p.match_key for p in doc.attendance] == ["v amos", "k byrne", "l chowdhury"]
    assert doc.attendance[0].role == "chair"


def test_no_apologies_sentence_records_nobody() -> None:
    assert parsed("header-extra-words.txt").by_status("apologies") == []


# --- follow-ups ------------------------------------------------------------------------


def test_follow_ups_become_actions_with_owner_and_due_date() -> None:
    doc = parsed("followups.txt")
    got = [(a.item_ref, a.owner, a.due, a.due_at_meeting) for a in doc.actions]
    assert got == [
        ("18/1", None, None, None),
        ("18/2", None, None, None),
        ("18/2", None, dt.date(2022, 11, 30), None),
        ("18/3", "CF", dt.date(2018, 10, 31), None),
        ("18/3", None, None, None),
        ("18/4", None, dt.date(2018, 11, 7), dt.date(2018, 11, 7)),
    ]
    texts = [a.text for a in doc.actions]
    assert texts[0] == "Circulate the ratio of agency social workers after the meeting"
    assert texts[2].startswith("Complete a full refresh of the permanence plan")
    assert texts[3].startswith("Feed back the Board's comments to the Forum")
    assert texts[4] == "Circulate details to members of the Board"


def test_a_deferred_item_is_carried_to_the_next_meeting() -> None:
    doc = parsed("followups.txt")
    assert doc.items[3].deferred_to == dt.date(2018, 11, 7)
    assert doc.items[3].decisions[0].kind == "deferred"
    assert doc.next_meeting is not None
    assert (doc.next_meeting.date, doc.next_meeting.time) == (dt.date(2018, 11, 7), dt.time(15, 0))


def test_history_is_not_a_follow_up() -> None:
    doc = parse_document(
        b"Corporate Parenting Board\nMinutes of the meeting held on 3 May 2023\n\n"
        b"1. Reports\n\nThe report had been circulated to Members before the meeting. "
        b"The findings would be shared with the Children in Care Council.\n\n"
        b"RESOLVED that the report be noted.\n"
    )
    assert doc.actions == ()


# --- agenda-only and exempt items ------------------------------------------------------


def test_a_moderngov_agenda_page_has_agenda_text_and_no_decisions() -> None:
    doc = parsed("agenda-moderngov.txt")
    assert doc.kind == "agenda"
    assert [i.number for i in doc.items] == ["1", "2", "3"]
    assert all(i.decisions == () and i.minutes_text is None for i in doc.items)
    assert doc.items[2].presenters == ("Dana Cole",)
    assert doc.items[2].title == "Independent Reviewing Officer Annual Report"


def test_moderngov_text_keeps_agenda_and_minutes_apart() -> None:
    doc = parsed("date-thursday-comma.txt")
    report = doc.items[1]
    assert (
        report.agenda_text
        == "To consider the quarterly performance report for children looked after."
    )
    assert (report.minutes_text or "").startswith("The Panel considered")
    assert people(doc, "apologies") == ["Councillor P Quill"]


def test_a_saved_moderngov_page_with_menus_and_a_split_heading() -> None:
    doc = parse_document(FIXTURES / "moderngov-saved-page.html")
    assert (doc.board_name, doc.title_as_printed) == ("Corporate Parenting Panel",) * 2
    assert (doc.date, doc.time, doc.contact) == (
        dt.date(2012, 12, 6),
        dt.time(18, 0),
        "Alan Bright",
    )
    report = doc.items[0]
    assert (report.number, report.title, report.truncated) == (
        "41",
        "Looked After Children Performance Report",
        True,
    )
    assert report.agenda_text == "To consider the quarterly report."
    assert [d.text for d in report.decisions] == [
        "Resolved: (1) That the report be noted. (2) That a further report be presented to a "
        "future meeting."
    ]
    assert doc.next_meeting is not None and doc.next_meeting.date == dt.date(2013, 3, 7)
    assert {a.text for a in doc.actions} == {
        "Present a further report to a future meeting",
        "Circulate figures on out-of-area placements to members after the meeting",
    }
