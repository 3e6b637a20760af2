"""Probe: hostile characters in chat text (NUL, a lone surrogate, terminal escapes).

They are cleaned where ``IncomingMessage`` is built: the apology is answered as
any other and stored clean, on SQLite and PostgreSQL alike (PostgreSQL refuses a
NUL in text); what reaches a terminal from the database is shown, not obeyed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from handlers.cleaning import clean_text, visible
from handlers.messages import ButtonPress, IncomingMessage
from handlers.pipeline import FAILURE_TEXT, Pipeline
from storage.db import transaction
from storage.models import Attendance, BoardChannel
from tests.bot.cli_runner import Boardclerk
from tests.conftest import Database
from tests.handlers import apology_calendar
from tests.handlers.apologies.conftest import CPB_NOV, WALKER, World

NOW = dt.datetime(2018, 11, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def world(db: Database) -> Iterator[World]:
    with transaction(db.factory) as session:
        boards = apology_calendar.build(session, apology_calendar.load()["calendar"])
        session.add(BoardChannel(board=boards["CPB"], platform="console", channel_id="cpb"))
    yield World(db, Pipeline(db.factory))


@pytest.mark.parametrize(
    "hostile",
    ["hospital\ud800 appointment", "hospital\x00 appointment", "hospital\x1b appointment"],
    ids=["lone surrogate", "NUL", "ESC"],
)
def test_an_apology_with_a_hostile_character_is_answered_and_stored_clean(
    world: World, hostile: str, caplog: pytest.LogCaptureFixture
) -> None:
    reply = world.say(f"Please send my apologies for Wednesday – {hostile}")

    assert reply.text != FAILURE_TEXT
    assert reply.text == f"Recorded your apologies for {CPB_NOV} — reason: hospital appointment"
    assert world.apologies() == [(WALKER, "2018-11-07", "hospital appointment", None)]
    assert "Traceback" not in caplog.text


def test_only_newline_and_tab_survive_of_the_control_characters() -> None:
    text = "a\x00b\x07c\x1b[31md\r\ne\tf\x7fg\x85h\udfffi"

    assert clean_text(text) == "abc[31md\ne\tfghi"


def test_every_text_field_of_a_message_is_cleaned_at_construction() -> None:
    message = IncomingMessage(
        platform="teams",
        user_id="u1",
        text="hi\x00",
        now=NOW,
        display_name="Jo\x1b]0;pwned\x07",
        email="jo\ud800@example.org",
        button=ButtonPress("undo", '{"id": 1}\x00'),
    )

    assert (message.text, message.display_name, message.email) == (
        "hi",
        "Jo]0;pwned",
        "jo@example.org",
    )
    assert message.button == ButtonPress("undo", '{"id": 1}')


def test_stored_escapes_are_printed_visibly_by_boardclerk_apologies(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with transaction(sqlite_db.factory) as session:
        apology_calendar.build(session, apology_calendar.load()["calendar"])
    Pipeline(sqlite_db.factory).handle(
        IncomingMessage("console", WALKER, "Please send my apologies for Wednesday", now=NOW)
    )
    with transaction(sqlite_db.factory) as session:  # as an older version or an import stored it
        row = session.query(Attendance).one()
        row.reason = "flu\x1b[2J\x1b]0;owned\x07"

    out = Boardclerk(sqlite_db.url, monkeypatch).ok(
        "apologies", "--board", "CPB", "--meeting", "2018-11-07"
    )

    assert "\x1b" not in out.stdout and "\x07" not in out.stdout
    assert "reason: flu\\x1b[2J\\x1b]0;owned\\x07" in out.stdout
    assert visible("a\x1bb\n") == "a\\x1bb\n"
