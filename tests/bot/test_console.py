"""The console: rendering, buttons by typing, and `boardclerk say/chat/demo` round trips."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console

from bot.console import ConsoleChat, button_for, render
from handlers.messages import Button, Citation, Reply, ReplyField
from tests.bot.cli_runner import Boardclerk
from tests.conftest import Database
from tests.handlers.builders import NOTED, build

UNDO = Button("Undo", "apology-undo:17", "17", "danger")
CHOOSE = [Button("Wed 2 December", "apology-choose:5", "5"), UNDO]


def test_typed_undo_label_or_number_presses_the_last_replys_button() -> None:
    assert button_for("undo", CHOOSE) is UNDO
    assert button_for("2", CHOOSE) is UNDO
    assert button_for("wed 2 december", CHOOSE) is CHOOSE[0]
    assert button_for("3", CHOOSE) is None
    assert button_for("undo", []) is None


def test_console_chat_turns_lines_into_messages() -> None:
    now = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)
    chat = ConsoleChat("Councillor J Walker", ZoneInfo("Europe/London"), lambda: now)
    command = chat.message("/agenda 7 November 2018")
    assert (command.command, command.text) == ("agenda", "7 November 2018")
    chat.remember(Reply(text="Noted your apologies.", intent="apologies", buttons=[UNDO]))
    pressed = chat.message("undo")
    assert pressed.button is not None and pressed.button.action_id == "apology-undo:17"
    assert chat.message("what did we agree?").button is None or True  # buttons stay until replaced
    chat.remember(Reply(text="x", intent="x"))
    assert chat.message("undo").button is None


def test_render_shows_everything_a_member_needs() -> None:
    console = Console(record=True, width=200)
    render(
        Reply(
            title="Next meeting",
            text="On [Wed] 2 December",  # rich markup in data must not be interpreted
            intent="next-meeting",
            fields=[ReplyField("Where", "Room 2")],
            items=["18/9 Signs of Safety"],
            citations=[Citation("CPB", dt.date(2018, 9, 12), "18/9", "Signs of Safety")],
            buttons=[UNDO],
        ),
        console,
    )
    out = console.export_text()
    for expected in (
        "Next meeting",
        "On [Wed] 2 December",
        "Where: Room 2",
        "• 18/9 Signs of Safety",
        "[CPB, 12 September 2018, item 18/9, Signs of Safety]",
        "(1) Undo",
    ):
        assert expected in out


def test_say_json_round_trip(sqlite_db: Database, boardclerk_sqlite: Boardclerk) -> None:
    build(sqlite_db.factory)
    out = boardclerk_sqlite.ok(
        "say", "--json", "--now", "2026-11-23T10:00", "what was decided about Signs of Safety?"
    ).json()
    assert out["intent"] == "ask.decision"
    assert NOTED in out["text"]
    assert out["citations"] == [
        {
            "board": "Corporate Parenting Board",
            "meeting_date": "2018-09-12",
            "item_number": "18/9",
            "item_title": "Signs of Safety",
        }
    ]
    nxt = boardclerk_sqlite.ok(
        "say", "--json", "--as", "Councillor J Walker", "--now", "2026-11-23T10:00", "/next-meeting"
    ).json()
    assert nxt["citations"] == [
        {
            "board": "Corporate Parenting Board",
            "meeting_date": "2026-12-02",
            "item_number": None,
            "item_title": None,
        }
    ]


def test_say_board_and_clock_options(sqlite_db: Database, boardclerk_sqlite: Boardclerk) -> None:
    build(sqlite_db.factory)
    panel = boardclerk_sqlite.ok(
        "say", "--json", "--board", "HSP", "what did we agree on sufficiency?"
    ).json()
    assert [c["board"] for c in panel["citations"]] == ["Health Scrutiny Panel"]
    past = boardclerk_sqlite.ok(
        "say", "--json", "--now", "2018-10-01T09:00", "/next-meeting"
    ).json()
    assert past["citations"][0]["meeting_date"] == "2018-11-07"


def test_say_bad_input_is_one_line(sqlite_db: Database, boardclerk_sqlite: Boardclerk) -> None:
    build(sqlite_db.factory)
    for args in (
        ["say", "--as", "Nobody", "hi"],
        ["say", "--now", "tuesday", "hi"],
        ["say", "--board", "Planning", "hi"],
    ):
        outcome = boardclerk_sqlite(*args)
        assert outcome.exit_code == 2
        assert outcome.stderr.startswith("error: ") and outcome.stderr.count("\n") == 1


def test_chat_reads_one_message_per_line_until_end_of_input(
    sqlite_db: Database, boardclerk_sqlite: Boardclerk
) -> None:
    build(sqlite_db.factory)
    out = boardclerk_sqlite.ok(
        "chat",
        "--as",
        "Councillor J Walker",
        input="/help\nwhat was decided about Signs of Safety?\n\nwho presented the care crisis review?\n",
    ).stdout
    assert "/next-meeting" in out
    assert f"“{NOTED}”" in out
    assert "presented by H Watts" in out


@pytest.mark.dates
@pytest.mark.parametrize(
    ("now", "announced", "item"),
    [
        # Before the examples' agenda date: that agenda is the next meeting.
        (
            "2026-12-07T10:00",
            "the next meeting of the Corporate Parenting Board is on Wed 9 December 2026, 2.00pm",
            "Virtual School - Exam Results 2026",
        ),
        # An hour after it began: the demo adds its own meeting ten days on.
        (
            "2026-12-09T15:00",
            "added a meeting of the Corporate Parenting Board on Sat 19 December 2026, 3.00pm",
            "Placement Sufficiency Update",
        ),
        (
            "2028-02-29T23:30",
            "added a meeting of the Corporate Parenting Board on Fri 10 March 2028, 3.00pm",
            "Placement Sufficiency Update",
        ),
    ],
)
def test_demo_announces_the_meeting_next_meeting_shows(
    tmp_path: Path, boardclerk_sqlite: Boardclerk, now: str, announced: str, item: str
) -> None:
    target = tmp_path / "demo.db"
    out = boardclerk_sqlite.ok(
        "demo", "--database", str(target), "--now", now, input="/next-meeting\n"
    ).stdout
    assert f"demo database: {target}" in out
    assert announced in out
    when = announced.rsplit(" on ", 1)[1]
    assert f"The next meeting of the Corporate Parenting Board is on {when}." in out
    assert item in out


def test_demo_on_the_real_clock_names_the_meeting_it_shows(
    tmp_path: Path, boardclerk_sqlite: Boardclerk
) -> None:
    out = boardclerk_sqlite.ok(
        "demo", "--database", str(tmp_path / "demo.db"), input="/next-meeting\n"
    ).stdout
    announced = re.search(r"^(?:added a meeting|the next meeting) of the .+? on (.+)$", out, re.M)
    assert announced is not None, out
    when = announced[1].removesuffix(" (from the examples)")
    assert f"The next meeting of the Corporate Parenting Board is on {when}." in out


def test_demo_bad_clock_is_one_line(tmp_path: Path, boardclerk_sqlite: Boardclerk) -> None:
    target = tmp_path / "demo.db"
    outcome = boardclerk_sqlite("demo", "--database", str(target), "--now", "soon")
    assert outcome.exit_code == 2 and outcome.stderr.startswith("error: ")
    assert not target.exists()
