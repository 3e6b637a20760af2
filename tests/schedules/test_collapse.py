"""Late reminders collapse: never a burst, never two reminders of one meeting within an hour."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from schedules.collapse import SPACING, triage
from schedules.config import ReminderConfig
from schedules.dispatch import Dispatcher
from schedules.notify import RecordingNotifier
from schedules.planning import BoardSnap, MeetingSnap, Planned, Snapshot, plan
from storage.db import transaction
from storage.models import Board, Delivery, Role
from tests.conftest import Database
from tests.schedules import world
from tests.schedules.world import LONDON, utc

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run

MEMBER = 2


def minutes(start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """A tick every minute from ``start`` to ``end`` inclusive, as ``boardclerk run`` ticks."""
    count = int((end - start) / dt.timedelta(minutes=1))
    return [start + dt.timedelta(minutes=n) for n in range(count + 1)]


def test_a_meeting_added_two_hours_ahead_gets_one_reminder_not_a_catch_up_as_well(
    db: Database,
) -> None:
    # The repro: added at 12:58 for 15:00, the bot caught up yesterday's
    # day-before reminder at once and sent the 2-hour one two minutes later.
    with transaction(db.factory) as session:
        board_id = world.board(session, "Test Board", {"Councillor J Walker": Role.MEMBER})[0].id
    notifier = RecordingNotifier()
    dispatcher = Dispatcher(db.factory, notifier, ReminderConfig())
    dispatcher.run(utc(2026, 12, 2, 12, 57))
    with transaction(db.factory) as session:
        world.meeting(session, session.get_one(Board, board_id), utc(2026, 12, 2, 15))
    for now in minutes(utc(2026, 12, 2, 12, 58), utc(2026, 12, 2, 14, 59)):
        dispatcher.run(now)
    assert [r.title for _, r in notifier.sent] == ["Test Board meets today"]
    with db.factory() as session:
        rows = {d.due_at: (d.outcome, d.detail) for d in session.scalars(select(Delivery))}
    assert rows[utc(2026, 12, 2, 13)] == ("sent", None)
    assert rows[utc(2026, 12, 1, 9)] == (
        "dropped",
        "a later reminder of it is due within the hour",
    )


def test_a_meeting_added_ninety_minutes_ahead_still_gets_its_late_reminder(db: Database) -> None:
    with transaction(db.factory) as session:
        board, _ = world.board(session, people={"Councillor J Walker": Role.MEMBER})
        world.meeting(session, board, utc(2026, 12, 2, 15))
    notifier = RecordingNotifier()
    report = Dispatcher(db.factory, notifier, ReminderConfig()).run(utc(2026, 12, 2, 13, 30))
    assert [r.title for _, r in notifier.sent] == ["Corporate Parenting Board meets today"]
    assert len(report.sent) == 1


def test_reminders_configured_closer_than_an_hour_reach_a_member_once(db: Database) -> None:
    with transaction(db.factory) as session:
        board, _ = world.board(session, people={"Councillor J Walker": Role.MEMBER})
        world.meeting(session, board, utc(2026, 12, 2, 15))
    notifier = RecordingNotifier()
    config = ReminderConfig(meeting_days_before=(), meeting_hours_before=(2.0, 1.5))
    dispatcher = Dispatcher(db.factory, notifier, config)
    dropped = []
    for now in minutes(utc(2026, 12, 2, 12, 55), utc(2026, 12, 2, 14, 0)):
        dropped += dispatcher.run(now).dropped
    assert len(notifier.sent) == 1
    assert [key.rsplit(":", 1)[1] for key in dropped] == ["20261202T1330Z"]


def snapshot_of(start: dt.datetime) -> Snapshot:
    board = BoardSnap(10, "Corporate Parenting Board", LONDON, False, (MEMBER,), ())
    return Snapshot({10: board}, [MeetingSnap(100, 10, start.date(), start)])


def test_triage_keeps_an_on_time_reminder_and_drops_a_missed_one_before_a_later_one() -> None:
    config = ReminderConfig(meeting_days_before=(1,), meeting_hours_before=(2.0,))
    found = plan(snapshot_of(utc(2026, 12, 2, 15)), utc(2026, 11, 1), utc(2026, 12, 3), config)
    day_before, two_hours = found
    now = utc(2026, 12, 2, 12, 30)
    assert list(triage([day_before], [two_hours], now, {})) == [
        (day_before, "a later reminder of it is due within the hour")
    ]
    assert list(triage([day_before], [two_hours], utc(2026, 12, 1, 9), {})) == [(day_before, None)]
    assert list(triage([day_before], [two_hours], utc(2026, 12, 2, 11), {})) == [(day_before, None)]
    sent_recently = {two_hours.group_key: utc(2026, 12, 2, 12, 10)}
    assert list(triage([two_hours], [], utc(2026, 12, 2, 13), sent_recently)) == [
        (two_hours, "another reminder of it went out within the hour")
    ]


@settings(max_examples=150, deadline=None)
@given(
    offsets=st.lists(st.integers(min_value=10, max_value=300), min_size=1, max_size=4),
    added=st.integers(min_value=0, max_value=60 * 30),
    gaps=st.lists(st.integers(min_value=1, max_value=90), min_size=1, max_size=80),
)
def test_no_member_ever_gets_two_reminders_of_one_meeting_within_an_hour(
    offsets: list[int], added: int, gaps: list[int]
) -> None:
    """Whatever the offsets, whenever the meeting is added and however irregular the ticks."""
    starts = utc(2026, 12, 2, 15)
    config = ReminderConfig(
        meeting_days_before=(1,),
        meeting_hours_before=tuple(sorted({m / 60 for m in offsets}, reverse=True)),
        quiet_start=None,
        quiet_end=None,
    )
    snap = snapshot_of(starts)
    planned = plan(snap, starts - dt.timedelta(days=3), starts, config)
    settled: set[str] = set()
    sent: list[dt.datetime] = []
    now = starts - dt.timedelta(minutes=added)
    for gap in gaps:
        now += dt.timedelta(minutes=gap)
        due: list[Planned] = [p for p in planned if p.at <= now and p.key not in settled]
        later = [p for p in planned if p.at > now]
        last = {planned[0].group_key: sent[-1]} if sent else {}
        for reminder, reason in triage(due, later, now, last):
            settled.add(reminder.key)
            if reason is None:
                sent.append(now)
    assert all(b - a >= SPACING for a, b in itertools.pairwise(sent))
