"""``boardclerk say`` calls are separate processes that behave as one conversation."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import select

from storage.models import Attendance, AttendanceStatus
from tests.bot.cli_runner import Boardclerk
from tests.conftest import REPO, Database
from tests.handlers.builders import build

CARR = "Councillor M Carr"  # the chair, sending their own apologies


def _apologies(db: Database) -> list[tuple[str, str | None]]:
    with db.factory() as session:
        rows = session.scalars(
            select(Attendance).where(
                Attendance.status == AttendanceStatus.APOLOGIES, Attendance.person_key == "m carr"
            )
        )
        return [(r.meeting.date.isoformat(), r.reason) for r in rows]


def _say(db: Database, text: str, now: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BOARDCLERK_DATABASE_URL": db.url, "BOARDCLERK_TIMEZONE": "UTC"}
    return subprocess.run(
        [sys.executable, "-m", "bot", "say", "--as", CARR, "--now", now, text],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )


def test_undo_in_a_second_process_removes_the_apology_the_first_recorded(
    sqlite_db: Database,
) -> None:
    build(sqlite_db.factory)
    first = _say(sqlite_db, "apologies for 2 December – hospital appointment", "2026-11-23T10:00")
    assert "Recorded your apologies" in first.stdout
    assert _apologies(sqlite_db) == [("2026-12-02", "hospital appointment")]

    second = _say(sqlite_db, "undo", "2026-11-23T10:05")

    assert "Undone" in second.stdout
    assert _apologies(sqlite_db) == []


def test_cancel_that_yes_and_withdraw_across_say_calls(
    sqlite_db: Database, boardclerk_sqlite: Boardclerk
) -> None:
    build(sqlite_db.factory)

    def say(text: str, at: str = "2026-11-23T10:00") -> str:
        return boardclerk_sqlite.ok("say", "--as", CARR, "--now", at, text).stdout

    assert "Send apologies for Corporate Parenting Board" in say("Sorry, I can't make it")
    assert _apologies(sqlite_db) == []
    assert "Recorded your apologies" in say("yes", "2026-11-23T10:01")
    assert "Undone" in say("cancel that", "2026-11-23T10:02")
    assert _apologies(sqlite_db) == []
    say("Sorry, I can't make 2 December")
    assert "Withdrawn your apologies" in say("withdraw my apologies", "2026-11-25T09:00")
    assert _apologies(sqlite_db) == []
