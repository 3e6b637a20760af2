"""The clerk's set-up commands: boards, members, meetings and the JSON export."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bot.cli_runner import Boardclerk


@pytest.fixture
def board(boardclerk: Boardclerk) -> Boardclerk:
    boardclerk.ok(
        "board", "add", "Corporate Parenting Board", "--short-name", "CPB", "--quorum", "3"
    )
    return boardclerk


def test_board_member_and_meeting_round_trip_through_export(board: Boardclerk) -> None:
    board.ok("member", "add", "Councillor M Carr", "--board", "CPB", "--role", "chair")
    board.ok("member", "add", "Councillor J A Walker", "--board", "Corporate Parenting Board")
    board.ok("meeting", "add", "cpb", "2018-11-07T15:00", "--venue", "Mandela Room")
    board.ok("meeting", "add", "CPB", "2019-01-16")

    data = board.ok("export", "--json").json()

    assert data["boards"] == [
        {"name": "Corporate Parenting Board", "short_name": "CPB", "timezone": "Europe/London"}
    ]
    assert {m["name"]: m["boards"] for m in data["members"]} == {
        "Councillor M Carr": [{"board": "Corporate Parenting Board", "role": "chair"}],
        "Councillor J A Walker": [{"board": "Corporate Parenting Board", "role": "member"}],
    }
    assert [(m["starts_at"], m["venue"], m["status"]) for m in data["meetings"]] == [
        ("2018-11-07T15:00:00+00:00", "Mandela Room", "scheduled"),
        ("2019-01-16", None, "scheduled"),
    ]
    assert data["actions"] == []


def test_summer_meetings_carry_the_british_summer_time_offset(board: Boardclerk) -> None:
    board.ok("meeting", "add", "CPB", "2022-07-27T13:00")
    assert board.ok("export", "--json").json()["meetings"][0]["starts_at"] == (
        "2022-07-27T13:00:00+01:00"
    )


def test_cancel_and_move_change_the_meeting(board: Boardclerk) -> None:
    board.ok("meeting", "add", "CPB", "2026-12-02T15:00")
    board.ok("meeting", "move", "1", "2026-12-09T16:30")
    assert "Wed 9 December 2026, 4.30pm" in board.ok("meeting", "list").stdout
    board.ok("meeting", "cancel", "1")
    assert board.ok("export", "--json").json()["meetings"][0]["status"] == "cancelled"


def test_member_role_hands_the_chair_over_and_older_minutes_leave_it(
    board: Boardclerk, tmp_path: Path
) -> None:
    board.ok("member", "add", "Councillor M Carr", "--board", "CPB", "--role", "chair")
    board.ok("member", "add", "Councillor J A Walker", "--board", "CPB", "--role", "vice-chair")

    said = board.ok(
        "member", "role", "J A Walker", "-b", "CPB", "--role", "chair", "--since", "2026-05-20"
    )
    assert said.stdout == "Councillor J A Walker is now chair of Corporate Parenting Board\n"

    minutes = tmp_path / "minutes.txt"
    minutes.write_text(
        "CORPORATE PARENTING BOARD\n\nA meeting of the Corporate Parenting Board was held on "
        "13 May 2026.\n\nPRESENT: Councillors M Carr (Chair), J A Walker.\n\n1. MINUTES\n\n"
        "AGREED that the minutes be approved.\n"
    )
    board.ok("import", str(minutes))
    roles = {
        m["name"]: sorted(r["role"] for r in m["boards"])
        for m in board.ok("export", "--json").json()["members"]
    }
    assert roles == {"Councillor M Carr": ["member"], "Councillor J A Walker": ["chair", "member"]}


def test_linking_a_chat_user_shows_in_the_member_list(board: Boardclerk) -> None:
    board.ok("member", "add", "Councillor J A Walker", "--board", "CPB")
    board.ok("member", "link", "J A Walker", "--slack", "U0123", "--discord", "4242")
    listing = board.ok("member", "list", "--board", "CPB").stdout
    assert "slack:U0123" in listing and "discord:4242" in listing


def test_a_slack_user_is_linked_with_their_workspace_when_several_are_installed(
    board: Boardclerk,
) -> None:
    board.ok("member", "add", "Councillor J A Walker", "--board", "CPB")
    board.ok("member", "link", "J A Walker", "--slack", "U0123", "--slack-team", "T0PARTNER")
    assert "slack:U0123 (T0PARTNER)" in board.ok("member", "list").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("meeting", "add", "CPB", "2026-13-40"), "invalid date '2026-13-40'"),
        (
            ("meeting", "add", "Planning Committee", "2026-12-02"),
            "unknown board 'Planning Committee'",
        ),
        (
            ("member", "add", "Cllr M Carr", "--board", "CPB"),
            "a member matching 'Cllr M Carr' already exists",
        ),
        (("board", "add", "corporate parenting board"), "already exists"),
        (("member", "link", "Nobody Here", "--slack", "U1"), "unknown member 'Nobody Here'"),
        (
            ("member", "link", "M Carr", "--discord", "1", "--slack-team", "T1"),
            "--slack-team goes with --slack USER_ID",
        ),
        (("meeting", "cancel", "99"), "no meeting with id 99"),
        (
            ("member", "role", "M Carr", "--board", "CPB", "--role", "chair", "--since", "May"),
            "invalid date 'May'",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    board: Boardclerk, args: tuple[str, ...], message: str
) -> None:
    board.ok("member", "add", "Councillor M Carr", "--board", "CPB")
    before = board.ok("export", "--json").stdout

    outcome = board(*args)

    assert outcome.exit_code == 2
    assert outcome.stderr.count("\n") == 1 and message in outcome.stderr
    assert board.ok("export", "--json").stdout == before


def test_an_unreachable_database_is_one_line_and_exit_2(
    boardclerk: Boardclerk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOARDCLERK_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/x")
    outcome = boardclerk("board", "list")
    assert outcome.exit_code == 2
    assert outcome.stderr.startswith("error: cannot reach the database")
    assert outcome.stderr.count("\n") == 1


def test_db_upgrade_twice_is_a_no_op(boardclerk: Boardclerk) -> None:
    assert "already up to date" in boardclerk.ok("db", "upgrade").stdout


def test_info_shows_the_database(boardclerk: Boardclerk) -> None:
    assert "database:" in boardclerk.ok("info").stdout


def test_a_slack_channel_linked_at_the_terminal_keeps_its_workspace(board: Boardclerk) -> None:
    wrong = board("board", "link-channel", "CPB", "--discord", "1234", "--slack-team", "T0COUNCIL")
    assert (wrong.exit_code, wrong.stderr) == (
        2,
        "error: --slack-team goes with --slack CHANNEL_ID\n",
    )

    linked = board.ok("board", "link-channel", "CPB", "--slack", "C1", "--slack-team", "T0COUNCIL")

    assert (
        linked.stdout
        == "slack channel C1 (workspace T0COUNCIL) linked to Corporate Parenting Board\n"
    )
    moved = board.ok("board", "add", "Schools Forum") and board.ok(
        "board", "link-channel", "Schools Forum", "--slack", "C1"
    )
    assert moved.stdout == (
        "slack channel C1 (workspace T0COUNCIL) now linked to Schools Forum "
        "(was Corporate Parenting Board)\n"
    )


def test_member_role_all_boards_makes_a_clerk_of_every_board(board: Boardclerk) -> None:
    board.ok("board", "add", "Health Scrutiny Panel", "--short-name", "HSP")
    board.ok("member", "add", "Jo Bell")

    said = board.ok("member", "role", "Jo Bell", "--role", "clerk", "--all-boards").stdout

    assert said.splitlines() == [
        "Jo Bell is now clerk of Corporate Parenting Board",
        "Jo Bell is now clerk of Health Scrutiny Panel",
    ]
    members = board.ok("export", "--json").json()["members"]
    assert members[0]["boards"] == [
        {"board": "Corporate Parenting Board", "role": "clerk"},
        {"board": "Health Scrutiny Panel", "role": "clerk"},
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["--role", "clerk"],  # neither --board nor --all-boards
        ["--role", "clerk", "--all-boards", "--board", "CPB"],  # both
        ["--role", "chair", "--all-boards"],  # one chair per board
    ],
)
def test_member_role_needs_one_board_or_all_of_them(board: Boardclerk, args: list[str]) -> None:
    board.ok("member", "add", "Jo Bell")
    outcome = board("member", "role", "Jo Bell", *args)
    assert outcome.exit_code == 2 and outcome.stderr.startswith("error: ")
    assert board.ok("export", "--json").json()["members"][0]["boards"] == []
