"""The calendar at a terminal: board feeds kept current by ``meeting move``/``cancel``,
personal links, ``meeting list --json`` and the feed paths ``board list`` shows."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.bot.cli_runner import Boardclerk

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run

LONDON = ZoneInfo("Europe/London")


def _events(boardclerk: Boardclerk, *args: str) -> dict[str, object]:
    calendar = Calendar.from_ical(boardclerk.ok("calendar", "export", *args).stdout)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _board(boardclerk: Boardclerk) -> None:
    boardclerk.ok("board", "add", "Corporate Parenting Board", "--short-name", "CPB")
    boardclerk.ok("member", "add", "Councillor J A Walker", "--board", "CPB")


def test_local_times_are_right_either_side_of_the_october_and_march_clock_changes(
    boardclerk: Boardclerk,
) -> None:
    _board(boardclerk)
    for when in ("2026-10-21T15:00", "2026-10-28T15:00", "2027-03-24T15:00", "2027-03-31T15:00"):
        boardclerk.ok("meeting", "add", "CPB", when)

    events = sorted(_events(boardclerk, "--board", "CPB").values(), key=lambda e: e["DTSTART"].dt)

    starts = [event["DTSTART"].dt for event in events]
    assert [s.strftime("%H:%M") for s in starts] == ["15:00"] * 4
    assert [s.utcoffset() for s in starts] == [
        dt.timedelta(hours=1),
        dt.timedelta(0),
        dt.timedelta(0),
        dt.timedelta(hours=1),
    ]
    assert all(str(s.tzinfo) == "Europe/London" for s in starts)
    assert [e["DTEND"].dt - e["DTSTART"].dt for e in events] == [dt.timedelta(hours=2)] * 4


def test_a_meeting_spanning_the_spring_change_still_lasts_two_hours(
    boardclerk: Boardclerk,
) -> None:
    _board(boardclerk)
    boardclerk.ok("meeting", "add", "CPB", "2027-03-28T00:30")

    [event] = _events(boardclerk, "--board", "CPB").values()

    assert event["DTEND"].dt.astimezone(dt.UTC) - event["DTSTART"].dt.astimezone(dt.UTC) == (
        dt.timedelta(hours=2)
    )
    assert event["DTEND"].dt.strftime("%H:%M") == "03:30"


def test_the_feed_has_a_vtimezone_for_the_boards_timezone(boardclerk: Boardclerk) -> None:
    _board(boardclerk)
    boardclerk.ok("meeting", "add", "CPB", "2026-12-02T15:00")

    calendar = Calendar.from_ical(boardclerk.ok("calendar", "export", "--board", "CPB").stdout)

    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_cancel_marks_the_event_cancelled_and_move_keeps_its_uid_with_a_higher_sequence(
    boardclerk: Boardclerk,
) -> None:
    _board(boardclerk)
    boardclerk.ok("meeting", "add", "CPB", "2026-12-02T15:00", "--venue", "Committee Room 2")
    boardclerk.ok("meeting", "add", "CPB", "2026-12-09T15:00")
    before = _events(boardclerk, "--board", "CPB")

    boardclerk.ok("meeting", "move", "1", "2026-12-03T10:00")
    boardclerk.ok("meeting", "cancel", "2")
    after = _events(boardclerk, "--board", "CPB")

    assert set(after) == set(before) == {"meeting-1@boardclerk", "meeting-2@boardclerk"}
    moved, cancelled = after["meeting-1@boardclerk"], after["meeting-2@boardclerk"]
    assert moved["DTSTART"].dt == dt.datetime(2026, 12, 3, 10, tzinfo=LONDON)
    assert moved["SEQUENCE"] > before["meeting-1@boardclerk"]["SEQUENCE"]
    assert str(moved["STATUS"]) == "CONFIRMED"
    assert str(moved["LOCATION"]) == "Committee Room 2"
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled["SEQUENCE"] > before["meeting-2@boardclerk"]["SEQUENCE"]


def test_an_unchanged_meeting_keeps_its_sequence(boardclerk: Boardclerk) -> None:
    _board(boardclerk)
    boardclerk.ok("meeting", "add", "CPB", "2026-12-02T15:00")
    boardclerk.ok("meeting", "move", "1", "2026-12-02T15:00")

    [event] = _events(boardclerk, "--board", "CPB").values()

    assert event["SEQUENCE"] == 0


def test_meeting_list_json_gives_ids_boards_iso_starts_venues_and_statuses(
    boardclerk: Boardclerk,
) -> None:
    _board(boardclerk)
    boardclerk.ok("meeting", "add", "CPB", "2026-07-01T15:00", "--venue", "Council Chamber")
    boardclerk.ok("meeting", "add", "CPB", "2026-12-02")
    boardclerk.ok("meeting", "cancel", "2")

    rows = boardclerk.ok("meeting", "list", "--json").json()

    assert rows == [
        {
            "id": 1,
            "board": "Corporate Parenting Board",
            "starts_at": "2026-07-01T15:00:00+01:00",
            "venue": "Council Chamber",
            "status": "scheduled",
        },
        {
            "id": 2,
            "board": "Corporate Parenting Board",
            "starts_at": "2026-12-02",
            "venue": None,
            "status": "cancelled",
        },
    ]


def test_board_list_shows_each_boards_feed_path(boardclerk: Boardclerk) -> None:
    boardclerk.ok("board", "add", "Children's Services – Scrutiny Panel")

    listing = boardclerk.ok("board", "list").stdout

    assert "/calendar/children-s-services-scrutiny-panel.ics" in listing


def test_calendar_link_prints_a_full_url_when_the_public_address_is_known(
    boardclerk: Boardclerk, monkeypatch: pytest.MonkeyPatch
) -> None:
    _board(boardclerk)
    monkeypatch.setenv("BOARDCLERK_PUBLIC_URL", "https://boardclerk.example.gov.uk/")

    link = boardclerk.ok("member", "calendar-link", "Councillor J A Walker").stdout.strip()

    assert link.startswith("https://boardclerk.example.gov.uk/calendar/me/")
    assert link.endswith(".ics")
    token = link.removeprefix("https://boardclerk.example.gov.uk/calendar/me/")[:-4]
    assert len(token) >= 22  # at least 128 random bits, URL-safe base64


def test_calendar_link_without_a_public_address_prints_the_path(boardclerk: Boardclerk) -> None:
    _board(boardclerk)

    first = boardclerk.ok("member", "calendar-link", "J A Walker").stdout.strip()
    second = boardclerk.ok("member", "calendar-link", "J A Walker", "--reset").stdout.strip()

    assert first.startswith("/calendar/me/")
    assert second.startswith("/calendar/me/") and second != first


def test_a_members_export_shows_their_apologies(boardclerk: Boardclerk) -> None:
    _board(boardclerk)
    boardclerk.ok("meeting", "add", "CPB", "2026-12-02T15:00")
    boardclerk.ok(
        "say",
        "--as",
        "Councillor J A Walker",
        "--now",
        "2026-11-23T09:00",
        "sorry, I can't make the next meeting – hospital appointment",
    )

    [event] = _events(boardclerk, "--member", "J A Walker").values()

    assert "You sent apologies: hospital appointment" in str(event["DESCRIPTION"])


def test_bad_input_is_one_line_and_exit_code_2(boardclerk: Boardclerk) -> None:
    _board(boardclerk)

    neither = boardclerk("calendar", "export")
    unknown_board = boardclerk("calendar", "export", "--board", "Planning")
    unknown_member = boardclerk("member", "calendar-link", "Councillor Nobody")

    assert neither.exit_code == unknown_board.exit_code == unknown_member.exit_code == 2
    assert neither.stderr.strip() == "error: give either --board NAME or --member NAME"
    assert unknown_board.stderr.startswith("error: unknown board 'Planning'")
    assert unknown_member.stderr.strip() == "error: unknown member 'Councillor Nobody'"


def test_a_meeting_without_a_time_is_an_all_day_event(boardclerk: Boardclerk) -> None:
    _board(boardclerk)
    boardclerk.ok("meeting", "add", "CPB", "2026-12-02")

    [event] = _events(boardclerk, "--board", "CPB").values()

    assert event["DTSTART"].dt == dt.date(2026, 12, 2)
    assert event["DTEND"].dt == dt.date(2026, 12, 3)


def test_a_board_without_meetings_has_an_empty_but_valid_feed(boardclerk: Boardclerk) -> None:
    _board(boardclerk)

    calendar = Calendar.from_ical(boardclerk.ok("calendar", "export", "--board", "CPB").stdout)

    assert str(calendar["X-WR-CALNAME"]) == "Corporate Parenting Board"
    assert calendar.walk("VEVENT") == []
