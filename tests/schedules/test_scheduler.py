"""The real APScheduler drives the service; the service's clock, not the wall, decides what is due."""

from __future__ import annotations

import datetime as dt
import queue
import time

import pytest
from sqlalchemy import select

from schedules.config import ReminderConfig
from schedules.dispatch import TickReport
from schedules.notify import RecordingNotifier
from schedules.scheduler import ReminderService
from storage.db import transaction
from storage.models import ProcessedEvent, Role
from tests.conftest import Database
from tests.schedules import world
from tests.schedules.world import local, utc

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run


def test_the_scheduler_ticks_at_start_and_on_demand_with_a_controlled_clock(
    sqlite_db: Database,
) -> None:
    with transaction(sqlite_db.factory) as session:
        board, _ = world.board(session, people={"Councillor J Walker": Role.MEMBER})
        world.meeting(session, board, local(2026, 12, 2, 15))
    now = [utc(2026, 11, 25, 9)]
    ticks: queue.Queue[TickReport] = queue.Queue()
    notifier = RecordingNotifier()
    service = ReminderService(
        sqlite_db.factory,
        notifier,
        ReminderConfig(),
        clock=lambda: now[0],
        interval=dt.timedelta(hours=1),  # only the start and wake() ticks happen in this test
        on_tick=ticks.put,
    )
    service.start()
    try:
        first = ticks.get(timeout=30)
        now[0] = utc(2026, 12, 1, 9)
        service.wake()
        second = ticks.get(timeout=30)
    finally:
        service.shutdown()
    assert [key.split(":")[-1] for key in first.sent] == ["20261125T0900Z"]
    assert [key.split(":")[-1] for key in second.sent] == ["20261201T0900Z"]
    assert [r.title for _, r in notifier.sent] == [
        "Corporate Parenting Board meets in 7 days",
        "Corporate Parenting Board meets tomorrow",
    ]


def test_a_tick_without_the_scheduler_is_the_same_work(sqlite_db: Database) -> None:
    with transaction(sqlite_db.factory) as session:
        board, _ = world.board(session, people={"Councillor J Walker": Role.MEMBER})
        world.meeting(session, board, local(2026, 12, 2, 15))
    notifier = RecordingNotifier()
    service = ReminderService(sqlite_db.factory, notifier)
    assert len(service.tick(utc(2026, 11, 25, 9)).sent) == 1
    assert service.tick(utc(2026, 11, 25, 9)).sent == []


def event_ids(db: Database) -> list[str]:
    with db.factory() as session:
        return sorted(session.scalars(select(ProcessedEvent.event_id)))


def test_the_scheduler_forgets_chat_event_ids_older_than_a_day(sqlite_db: Database) -> None:
    now = utc(2026, 11, 25, 9)
    with transaction(sqlite_db.factory) as session:
        for event_id, age in (("old", dt.timedelta(days=2)), ("recent", dt.timedelta(hours=23))):
            session.add(ProcessedEvent(platform="slack", event_id=event_id, received_at=now - age))
    service = ReminderService(
        sqlite_db.factory, RecordingNotifier(), clock=lambda: now, interval=dt.timedelta(hours=1)
    )
    service.start()
    try:
        deadline = time.monotonic() + 30
        while event_ids(sqlite_db) != ["recent"] and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        service.shutdown()
    assert event_ids(sqlite_db) == ["recent"]
    assert service.housekeeping(now + dt.timedelta(hours=2)) == 1
    assert event_ids(sqlite_db) == []
