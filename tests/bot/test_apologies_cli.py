"""``boardclerk apologies``: the clerk's apologies list in minutes style and as JSON."""

from __future__ import annotations

import datetime as dt

import pytest

from handlers.messages import IncomingMessage
from handlers.pipeline import Pipeline
from storage.db import transaction
from tests.bot.cli_runner import Boardclerk
from tests.conftest import Database
from tests.handlers import apology_calendar

FRIDAY = "2018-11-02T10:00"


@pytest.fixture
def clerk(db: Database, boardclerk: Boardclerk) -> Boardclerk:
    with transaction(db.factory) as session:
        apology_calendar.build(session, apology_calendar.load()["calendar"])
    pipeline = Pipeline(db.factory)
    now = dt.datetime(2018, 11, 2, 10, 0, tzinfo=dt.UTC)
    for who, text in (
        ("Councillor Jane Walker", "Sorry, I can't make Wednesday – hospital appointment"),
        ("Councillor Amira Hellaoui", "Apologies for the 7th, Cllr Harmer will substitute"),
        ("Councillor Jane Walker", "Apologies for Tuesday 13 November"),
    ):
        reply = pipeline.handle(IncomingMessage("console", who, text, now))
        assert reply.text.startswith("Recorded"), reply.text
    return boardclerk


def test_the_next_meeting_in_minutes_style(clerk: Boardclerk) -> None:
    out = clerk.ok("apologies", "--board", "CPB", "--now", FRIDAY).stdout
    assert out.splitlines() == [
        "Corporate Parenting Board, Wed 7 November 2018, 3.00pm",
        "Apologies for absence were received from Councillors Jane Walker and Amira Hellaoui.",
        "  Councillor Jane Walker — reason: hospital appointment",
        "  Councillor Amira Hellaoui — substitute: Cllr Harmer",
    ]


def test_json_for_a_named_meeting(clerk: Boardclerk) -> None:
    data = clerk.ok("apologies", "--board", "HWB", "--meeting", "2018-11-13", "--json").json()
    assert [(d["board"], d["date"]) for d in data] == [("Health and Wellbeing Board", "2018-11-13")]
    assert data[0]["sentence"] == "Apologies for absence were received from Councillor Jane Walker."
    person = data[0]["apologies"][0]
    assert (person["name"], person["reason"], person["source"], person["recorded_by"]) == (
        "Councillor Jane Walker",
        None,
        "chat",
        "Councillor Jane Walker",
    )


def test_every_board_without_board_option(clerk: Boardclerk) -> None:
    data = clerk.ok("apologies", "--json", "--now", FRIDAY).json()
    assert [d["date"] for d in data] == ["2018-11-07", "2018-11-13"]


def test_a_meeting_without_apologies(clerk: Boardclerk) -> None:
    out = clerk.ok("apologies", "--board", "CPB", "--meeting", "2018-12-05").stdout
    assert "No apologies for absence were received." in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--board", "Nope"), "error: no board called 'Nope'"),
        (
            ("--board", "CPB", "--meeting", "2018-11-08"),
            "error: no meeting of Corporate Parenting Board on 2018-11-08",
        ),
        (("--meeting", "7 Nov"), "error: invalid date '7 Nov'"),
        (("--now", "2030-01-01T00:00"), "error: no upcoming meeting"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    clerk: Boardclerk, args: tuple[str, ...], message: str
) -> None:
    outcome = clerk("apologies", *args)
    assert outcome.exit_code == 2
    assert outcome.stderr.startswith(message)
    assert len(outcome.stderr.strip().splitlines()) == 1
