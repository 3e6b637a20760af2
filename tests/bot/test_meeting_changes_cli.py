"""``meeting move`` and ``meeting cancel`` at the terminal tell the board's channels, as the
console does: one announcement for each change, none for a meeting that has passed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.sources.tables import Announcement
from tests.bot.cli_runner import Boardclerk
from tests.conftest import Database

pytestmark = pytest.mark.dates  # every command is given --now
NOW = "2026-11-20T10:00"


@pytest.fixture
def board(boardclerk_sqlite: Boardclerk) -> Boardclerk:
    boardclerk_sqlite.ok("board", "add", "Corporate Parenting Board", "--short-name", "CPB")
    boardclerk_sqlite.ok("meeting", "add", "CPB", "2026-12-02T15:00")
    return boardclerk_sqlite


def announced(db: Database) -> list[tuple[str, dict[str, object]]]:
    with db.factory() as session:
        rows = session.scalars(select(Announcement).order_by(Announcement.id))
        return [(row.kind, dict(row.facts)) for row in rows]


def test_a_move_is_announced_once_with_the_new_time(board: Boardclerk, sqlite_db: Database) -> None:
    moved = board.ok("meeting", "move", "1", "2026-12-09T16:30", "--now", NOW)
    assert "moved to Wed 9 December 2026, 4.30pm; the board's channels are told" in moved.stdout

    [(kind, facts)] = announced(sqlite_db)
    assert kind == "moved"
    assert (facts["board"], facts["date"], facts["time"]) == (
        "Corporate Parenting Board",
        "2026-12-09",
        "16:30",
    )
    # The same move again (from the console, say) is not news twice.
    board.ok("meeting", "move", "1", "2026-12-09T16:30", "--now", NOW)
    assert len(announced(sqlite_db)) == 1


def test_a_cancellation_is_announced_with_its_note(board: Boardclerk, sqlite_db: Database) -> None:
    cancelled = board.ok("meeting", "cancel", "1", "--note", "  Not  quorate ", "--now", NOW)
    assert "cancelled Corporate Parenting Board" in cancelled.stdout
    assert "the board's channels are told" in cancelled.stdout

    [(kind, facts)] = announced(sqlite_db)
    assert kind == "cancelled" and facts["note"] == "Not quorate"
    again = board("meeting", "cancel", "1", "--now", NOW)
    assert again.exit_code == 2 and "already cancelled" in again.stderr
    assert len(announced(sqlite_db)) == 1


def test_moving_a_meeting_that_has_passed_tells_nobody(
    board: Boardclerk, sqlite_db: Database
) -> None:
    later = "2027-01-10T09:00"  # both dates are behind us
    moved = board.ok("meeting", "move", "1", "2026-12-03T15:00", "--now", later)
    assert moved.stdout.strip() == "moved to Thu 3 December 2026, 3.00pm"
    assert announced(sqlite_db) == []
