"""/next-meeting, /agenda and /help, by command and in plain words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from handlers.messages import Citation
from ingest import import_paths
from tests.conftest import Database
from tests.handlers.builders import CPB, NOW, build, say

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run


def test_next_meeting_in_plain_words(sqlite_db: Database) -> None:
    build(sqlite_db.factory)
    reply = say(sqlite_db.factory, "when's the next meeting?", as_="Councillor J Walker")
    assert reply.intent == "next-meeting"
    assert "Wed 2 December 2026, 3.00pm" in reply.text
    fields = {f.label: f.value for f in reply.fields}
    assert fields["Where"] == "Committee Room 2"
    assert fields["Apologies so far"] == "Councillor J Walker"
    assert "26/40 Fostering Recruitment Update — A Nolan" in reply.items
    assert (
        "Action due back: Report back on foster carer allowances (Head of Service)" in reply.items
    )
    assert reply.citations == [Citation(CPB, dt.date(2026, 12, 2))]


def test_items_deferred_to_the_meeting_are_listed(sqlite_db: Database) -> None:
    build(sqlite_db.factory, with_upcoming=False)
    reply = say(
        sqlite_db.factory,
        "",
        command="next-meeting",
        now=dt.datetime(2018, 10, 1, 9, tzinfo=dt.UTC),
    )
    assert "Wed 7 November 2018, 3.00pm" in reply.text
    assert any(
        "Deferred to this meeting: 18/14 Draft Local Offer for Care Leavers" in line
        for line in reply.items
    )


def test_no_upcoming_meeting_says_when_the_last_one_was(sqlite_db: Database) -> None:
    build(sqlite_db.factory, with_upcoming=False)
    reply = say(sqlite_db.factory, "", command="next-meeting", as_="Councillor K Patel")
    assert reply.intent == "next-meeting.none"
    assert "No upcoming meeting of the Health Scrutiny Panel" in reply.text
    assert "The last one was on Wed 1 March 2023" in reply.text


def test_next_meeting_for_a_named_board(sqlite_db: Database) -> None:
    build(sqlite_db.factory)
    assert say(sqlite_db.factory, "HSP", command="next-meeting").intent == "next-meeting.none"
    unknown = say(sqlite_db.factory, "Planning", command="next-meeting", as_="Councillor K Patel")
    assert "don't know a board called “Planning”" in unknown.text


def test_apology_statements_are_not_next_meeting_questions(sqlite_db: Database) -> None:
    build(sqlite_db.factory)
    reply = say(
        sqlite_db.factory, "sorry, I can't make the next meeting", as_="Councillor J Walker"
    )
    assert reply.intent != "next-meeting"


def test_agenda_by_date_and_by_default(sqlite_db: Database) -> None:
    build(sqlite_db.factory)
    reply = say(sqlite_db.factory, "27 July 2022", command="agenda")
    assert reply.intent == "agenda"
    assert "Review of Sufficiency action plan" in " ".join(reply.items)
    assert reply.citations == [Citation(CPB, dt.date(2022, 7, 27))]
    default = say(sqlite_db.factory, "what's on the agenda?", as_="Councillor J Walker")
    assert default.intent == "agenda" and "Wed 2 December 2026, 3.00pm" in default.text
    none = say(sqlite_db.factory, "1 January 2020", command="agenda")
    assert none.intent == "agenda.none"


def test_help_lists_every_command(sqlite_db: Database) -> None:
    reply = say(sqlite_db.factory, "help")
    text = reply.as_plain_text()
    for command in ("/next-meeting", "/agenda", "/ask", "/help"):
        assert command in text
    assert say(sqlite_db.factory, "", command="help").intent == "help"


def test_now_is_an_input(sqlite_db: Database) -> None:
    build(sqlite_db.factory)
    after = NOW.replace(year=2027)
    reply = say(sqlite_db.factory, "", command="next-meeting", now=after)
    assert "The last one was on Wed 2 December 2026" in reply.text


def test_imported_minutes_give_the_next_meeting_with_its_deferred_items_once(
    sqlite_db: Database, seeds: Path
) -> None:
    [result] = import_paths(sqlite_db.factory, [seeds / "003_dd52646ca0c8b0f6.txt"])
    assert result.ok, result.error

    reply = say(
        sqlite_db.factory,
        "",
        command="next-meeting",
        now=dt.datetime(2018, 10, 1, 9, tzinfo=dt.UTC),
    )

    assert "Wed 7 November 2018, 3.00pm" in reply.text
    assert reply.citations == [Citation("Corporate Parenting Board", dt.date(2018, 11, 7))]
    offer = [line for line in reply.items if "LOCAL OFFER" in line.upper()]
    assert offer == [
        "DRAFT LOCAL OFFER FOR CARE LEAVERS (E-BROCHURE) (deferred from 18/14, Wed 12 September 2018)"
    ]
