"""The web service's XML as real sites send it: padded counts, blank elements, double escapes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest.moderngov import xml
from ingest.moderngov.convert import printed_minutes, to_document

FIXTURES = Path(__file__).with_name("fixtures")


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_committees_come_with_category_and_expired_or_deleted_marks() -> None:
    found = xml.committees(read("committees.xml"))

    assert [(c.id, c.title, c.category, c.expired, c.deleted) for c in found] == [
        ("133", "Children's Services & Education Scrutiny Committee", "Scrutiny", False, False),
        ("140", "Joint Waste Panel", None, True, False),
        ("150", "Licensing Sub-Committee (old)", "Regulatory", True, True),
    ]


def test_meetings_are_listed_with_day_first_dates_free_text_times_and_printed_status() -> None:
    found = xml.meetings(read("getmeetings.xml"))

    assert [(m.id, m.date, m.time, m.status) for m in found] == [
        ("4001", dt.date(2026, 3, 11), dt.time(10, 0), "Confirmed"),
        ("4003", dt.date(2026, 6, 17), dt.time(13, 30), "Cancelled"),
        ("4009", dt.date(2026, 9, 2), None, "Provisional"),
    ]


def test_a_meeting_decodes_text_escaped_twice_and_reads_attendees_from_attributes() -> None:
    meeting = xml.meeting(read("getmeeting.xml"))

    assert (meeting.id, meeting.date, meeting.time) == ("4001", dt.date(2026, 3, 11), dt.time(13))
    assert meeting.location == "Committee Room 2, Town Hall & Annexe"
    assert meeting.agenda_published and meeting.minutes_published
    apologies, homes = meeting.items
    assert (apologies.number, apologies.agenda) == ("26/1", ())
    assert homes.title == "Children's Homes & Placements"
    assert homes.agenda == ("Report of the Head of Placements.", "To note the 2025–26 figures.")
    assert homes.minutes == ("RESOLVED – That the figures be noted.",)
    assert homes.restricted and not apologies.restricted
    assert homes.documents == (
        xml.LinkedDoc("Placements report", "mgConvert2PDF.aspx?ID=9120&T=9"),
    )
    assert [(a.name, a.role, a.attendance, a.member_id) for a in meeting.attendees] == [
        ("Councillor M Carr", "Chair", "Present", "101"),
        ("Councillor T Lindqvist", "Committee Member", "Apologies", "104"),
    ]


def test_one_item_blank_elements_and_expected_attendees_make_an_agenda() -> None:
    summary = xml.MeetingSummary("4004", dt.date(2026, 7, 15), dt.time(13), "Confirmed")
    meeting = xml.meeting(read("getmeeting-one.xml"), summary)

    assert meeting.location is None and meeting.time == dt.time(13)
    assert meeting.status == "Confirmed"
    [item] = meeting.items
    assert (item.number, item.minutes) == ("1", ())  # blank display number: the plain one
    document = to_document(meeting)
    assert document.kind == "agenda"
    assert document.attendance == ()  # "Expected" is not attendance
    assert document.items[0].agenda_text == "To receive the annual report."
    assert printed_minutes(meeting, "https://democracy.example.gov.uk") == []


def test_minutes_in_the_xml_make_minutes_with_the_importers_decisions() -> None:
    document = to_document(xml.meeting(read("getmeeting.xml")))

    assert document.kind == "minutes"
    assert [d.text for d in document.items[1].decisions] == [
        "RESOLVED – That the figures be noted."
    ]
    assert document.items[1].exempt and not document.items[0].exempt
    assert [(p.name, p.status, p.role) for p in document.attendance] == [
        ("Councillor M Carr", "present", "chair"),
        ("Councillor T Lindqvist", "apologies", None),
    ]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("<html><body>Runtime Error</body></html>", "expected <meeting>"),
        ("<meeting><meetingid>7</meetingid><agenda", "malformed XML"),
        ("<meeting><meetingid>7</meetingid></meeting>", "no id or date"),
    ],
)
def test_an_answer_that_is_not_a_meeting_is_refused_in_one_line(text: str, why: str) -> None:
    with pytest.raises(xml.SiteError, match=why):
        xml.meeting(text)
