"""Apology reasons are erased by an hourly scheduler job once their retention time has passed."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import select

from schedules.notify import RecordingNotifier
from schedules.scheduler import ReminderService
from storage.db import transaction
from storage.models import Attendance, AttendanceSource, AttendanceStatus, Role
from tests.conftest import Database
from tests.schedules import world
from tests.schedules.world import local, utc

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run


def _reasons(db: Database) -> list[str | None]:
    with db.factory() as session:
        return [r.reason for r in session.scalars(select(Attendance).order_by(Attendance.id))]


def test_the_scheduler_erases_reasons_past_retention_and_keeps_the_rows(
    sqlite_db: Database,
) -> None:
    with transaction(sqlite_db.factory) as session:
        board, people = world.board(session, people={"Councillor J Walker": Role.MEMBER})
        for start in (local(2026, 10, 1, 15), local(2026, 11, 20, 15)):
            meeting = world.meeting(session, board, start)
            [walker] = people.values()
            meeting.attendance.append(
                Attendance(
                    member_id=walker.id,
                    name=walker.name,
                    person_key=walker.match_key,
                    status=AttendanceStatus.APOLOGIES,
                    reason="hospital appointment",
                    source=AttendanceSource.CHAT,
                )
            )
    service = ReminderService(
        sqlite_db.factory,
        RecordingNotifier(),
        clock=lambda: utc(2026, 11, 25, 9),
        interval=dt.timedelta(hours=1),
        reason_retention=dt.timedelta(days=30),
    )
    service.start()
    try:
        deadline = time.monotonic() + 30
        while _reasons(sqlite_db)[0] is not None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        service.shutdown()
    assert _reasons(sqlite_db) == [None, "hospital appointment"]
