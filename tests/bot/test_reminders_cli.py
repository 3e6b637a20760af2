"""``boardclerk reminders``: the dry run lists what would go out, and sends nothing."""

from __future__ import annotations

import pytest

from tests.bot.cli_runner import Boardclerk

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run


@pytest.fixture
def board(boardclerk: Boardclerk) -> Boardclerk:
    boardclerk.ok("board", "add", "Corporate Parenting Board", "--short-name", "CPB")
    boardclerk.ok("member", "add", "Councillor J Walker", "--board", "CPB")
    boardclerk.ok("meeting", "add", "CPB", "2026-12-02T15:00")
    return boardclerk


def test_the_dry_run_lists_who_gets_what_and_when_in_local_time(board: Boardclerk) -> None:
    board.ok(
        "action",
        "add",
        "CPB",
        "Report back",
        "--owner",
        "Councillor J Walker",
        "--due",
        "2026-12-08",
    )
    rows = board.ok("reminders", "--now", "2026-11-23T10:00", "--json").json()
    assert rows == [
        {
            "at": "2026-11-25T09:00:00+00:00",
            "kind": "meeting",
            "recipient": "Councillor J Walker",
            "board": "Corporate Parenting Board",
            "meeting_starts_at": "2026-12-02T15:00:00+00:00",
            "action_id": None,
        },
        {
            "at": "2026-11-30T09:00:00+00:00",
            "kind": "digest",
            "recipient": "Councillor J Walker",
            "board": None,
            "meeting_starts_at": None,
            "action_id": None,
        },
        {
            "at": "2026-12-01T09:00:00+00:00",
            "kind": "action-due",
            "recipient": "Councillor J Walker",
            "board": "Corporate Parenting Board",
            "meeting_starts_at": None,
            "action_id": 1,
        },
        {
            "at": "2026-12-01T09:00:00+00:00",
            "kind": "meeting",
            "recipient": "Councillor J Walker",
            "board": "Corporate Parenting Board",
            "meeting_starts_at": "2026-12-02T15:00:00+00:00",
            "action_id": None,
        },
        {
            "at": "2026-12-02T13:00:00+00:00",
            "kind": "meeting",
            "recipient": "Councillor J Walker",
            "board": "Corporate Parenting Board",
            "meeting_starts_at": "2026-12-02T15:00:00+00:00",
            "action_id": None,
        },
        {
            "at": "2026-12-07T09:00:00+00:00",
            "kind": "action-due",
            "recipient": "Councillor J Walker",
            "board": "Corporate Parenting Board",
            "meeting_starts_at": None,
            "action_id": 1,
        },
        {
            "at": "2026-12-07T09:00:00+00:00",
            "kind": "digest",
            "recipient": "Councillor J Walker",
            "board": None,
            "meeting_starts_at": None,
            "action_id": None,
        },
    ]


def test_until_narrows_the_window_and_the_table_says_why(board: Boardclerk) -> None:
    text = board.ok("reminders", "--now", "2026-11-30T12:00", "--until", "2026-12-02T14:00").stdout
    assert "1 day before" in text and "2 hours before" in text
    assert "7 days before" not in text
    nothing = board.ok("reminders", "--now", "2027-06-01T12:00")
    assert nothing.stdout.strip() == "no reminders due in that window"


def test_a_backwards_window_is_one_clear_error(board: Boardclerk) -> None:
    outcome = board("reminders", "--now", "2026-12-01T00:00", "--until", "2026-11-01T00:00")
    assert (outcome.exit_code, outcome.stderr.strip()) == (2, "error: --until must be after --now")


def test_a_bad_reminder_setting_is_one_clear_error(
    board: Boardclerk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOARDCLERK_REMINDER_OFFSETS", "7d,soon")
    outcome = board("reminders")
    assert outcome.exit_code == 2
    assert outcome.stderr.strip() == "error: invalid reminder offset 'soon': use e.g. 7d or 2h"


@pytest.mark.parametrize(
    ("lease", "reason"),
    [
        ("soon", "not a duration: use 30s, 15m, 6h or 30d"),
        ("90", "no unit: give a unit: 30s, 15m, 6h or 30d"),
        ("0s", "must be longer than 0s: use 30s, 15m, 6h or 30d"),
        ("2 weeks", "unknown unit 'weeks': use 30s, 15m, 6h or 30d"),
    ],
)
def test_a_bad_reminder_lease_is_one_clear_error(
    board: Boardclerk, monkeypatch: pytest.MonkeyPatch, lease: str, reason: str
) -> None:
    monkeypatch.setenv("BOARDCLERK_REMINDER_LEASE", lease)
    outcome = board("reminders")
    assert outcome.exit_code == 2
    assert outcome.stderr == f"error: BOARDCLERK_REMINDER_LEASE={lease!r}: {reason}\n"
