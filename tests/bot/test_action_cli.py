"""``boardclerk action``: the clerk adds, lists, closes and reassigns actions."""

from __future__ import annotations

import pytest

from tests.bot.cli_runner import Boardclerk


@pytest.fixture
def board(boardclerk: Boardclerk) -> Boardclerk:
    boardclerk.ok("board", "add", "Corporate Parenting Board", "--short-name", "CPB")
    boardclerk.ok("member", "add", "Councillor M Carr", "--board", "CPB", "--role", "chair")
    boardclerk.ok("member", "add", "Councillor J Walker", "--board", "CPB")
    boardclerk.ok("meeting", "add", "CPB", "2026-12-02T15:00")
    return boardclerk


def test_add_list_done_and_assign(board: Boardclerk) -> None:
    added = board.ok(
        "action",
        "add",
        "CPB",
        "Report on placement stability",
        "--owner",
        "Councillor J Walker",
        "--due",
        "2026-12-08",
        "--now",
        "2026-11-23T10:00",
    )
    assert added.stdout.strip() == "added action #1"
    board.ok("action", "add", "CPB", "Circulate the audit", "--meeting", "2026-12-02")

    rows = board.ok("action", "list", "--json").json()
    assert [(r["id"], r["owner"], r["due"], r["due_meeting"], r["status"]) for r in rows] == [
        (2, "no owner", "2026-12-02", "2026-12-02", "open"),
        (1, "Councillor J Walker", "2026-12-08", None, "open"),
    ]
    mine = board.ok("action", "list", "--member", "councillor j walker", "--json").json()
    assert [r["id"] for r in mine] == [1]

    assert board.ok("action", "assign", "#2", "Councillor M Carr").stdout.strip() == (
        "action #2 assigned to Councillor M Carr"
    )
    assert board.ok("action", "done", "1", "--by", "Sam Clerk").stdout.strip() == "action #1 done"
    assert [r["id"] for r in board.ok("action", "list", "--json").json()] == [2]
    everything = board.ok("action", "list", "--all", "--json").json()
    assert {r["id"]: r["status"] for r in everything} == {1: "done", 2: "open"}
    assert "Circulate the audit" in board.ok("action", "list").stdout


def test_bad_input_is_one_line_and_changes_nothing(board: Boardclerk) -> None:
    cases = [
        (("action", "add", "Nope", "Text"), "error: no board called 'Nope'"),
        (("action", "add", "CPB", "Text", "--owner", "Nobody"), "error: no member called 'Nobody'"),
        (
            ("action", "add", "CPB", "Text", "--due", "8/12/2026"),
            "error: invalid due date '8/12/2026'",
        ),
        (
            ("action", "add", "CPB", "Text", "--meeting", "2026-12-09"),
            "error: Corporate Parenting Board has no meeting on 2026-12-09",
        ),
        (("action", "done", "12"), "error: there is no action #12"),
        (("action", "assign", "x", "Councillor M Carr"), "error: invalid action number 'x'"),
    ]
    for args, message in cases:
        outcome = board(*args)
        assert outcome.exit_code == 2, args
        assert outcome.stderr.strip().startswith(message), outcome.stderr
        assert len(outcome.stderr.strip().splitlines()) == 1
    assert board.ok("action", "list", "--all", "--json").json() == []


def test_closing_twice_is_refused(board: Boardclerk) -> None:
    board.ok("action", "add", "CPB", "Write to the minister")
    board.ok("action", "done", "1")
    again = board("action", "done", "1")
    assert (again.exit_code, again.stderr.strip()) == (2, "error: action #1 is already done")
