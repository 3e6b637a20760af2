"""Sending what is due: once, after restarts, after downtime, and in quiet hours."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlalchemy import select

from schedules.config import ReminderConfig
from schedules.dispatch import Dispatcher
from schedules.notify import RecordingNotifier, Target
from schedules.planning import load_snapshot, plan
from storage.db import transaction
from storage.models import Delivery, Meeting, MeetingStatus, Role
from tests.conftest import Database
from tests.schedules import world
from tests.schedules.world import local, utc

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run

ONE_MEMBER = {"Councillor J Walker": Role.MEMBER}


def setup_meeting(db: Database, people: dict[str, Role] | None = None) -> int:
    with transaction(db.factory) as session:
        board, _ = world.board(session, people=people or ONE_MEMBER)
        return world.meeting(session, board, local(2026, 12, 2, 15)).id


def deliveries(db: Database) -> dict[str, str]:
    with db.factory() as session:
        return {d.key: d.outcome for d in session.scalars(select(Delivery))}


class Refusing:
    def deliver(self, target: Target, reply: object) -> bool:
        return False


def test_a_due_reminder_is_sent_once_and_recorded(db: Database) -> None:
    setup_meeting(db)
    notifier = RecordingNotifier()
    dispatcher = Dispatcher(db.factory, notifier, ReminderConfig())
    report = dispatcher.run(utc(2026, 11, 25, 9))
    assert len(report.sent) == 1
    [(target, reply)] = notifier.sent
    assert target.kind == "member"
    assert reply.title == "Corporate Parenting Board meets in 7 days"
    assert dispatcher.run(utc(2026, 11, 25, 9, 1)).sent == []
    assert len(notifier.sent) == 1
    assert list(deliveries(db).values()) == ["sent"]


def test_a_restarted_process_does_not_send_claimed_reminders_again(db: Database) -> None:
    setup_meeting(db)
    first = RecordingNotifier()
    Dispatcher(db.factory, first, ReminderConfig()).run(utc(2026, 12, 1, 9, 5))
    after_restart = RecordingNotifier()
    report = Dispatcher(db.factory, after_restart, ReminderConfig()).run(utc(2026, 12, 1, 9, 6))
    assert len(first.sent) == 1
    assert after_restart.sent == []
    assert report.sent == []


def test_after_downtime_only_the_latest_missed_reminder_goes_out(db: Database) -> None:
    setup_meeting(db)
    notifier = RecordingNotifier()
    # Down from before the 7-day reminder until 10:00 the day before the meeting.
    report = Dispatcher(db.factory, notifier, ReminderConfig()).run(utc(2026, 12, 1, 10))
    assert [r.title for _, r in notifier.sent] == ["Corporate Parenting Board meets tomorrow"]
    assert sorted(deliveries(db).values()) == ["dropped", "sent"]
    assert len(report.dropped) == 1


def test_reminders_missed_until_the_meeting_began_are_logged_and_dropped(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    setup_meeting(db)
    notifier = RecordingNotifier()
    with caplog.at_level(logging.INFO, logger="schedules.dispatch"):
        Dispatcher(db.factory, notifier, ReminderConfig()).run(utc(2026, 12, 2, 15, 30))
    assert notifier.sent == []
    assert set(deliveries(db).values()) == {"dropped"}
    assert "too late to be useful" in caplog.text


def test_a_missed_reminder_waits_for_the_end_of_quiet_hours(db: Database) -> None:
    setup_meeting(db)
    notifier = RecordingNotifier()
    dispatcher = Dispatcher(db.factory, notifier, ReminderConfig(meeting_hours_before=()))
    # Back up at 22:00 the evening before: the 09:00 reminder is held until 08:00.
    assert len(dispatcher.run(utc(2026, 12, 1, 22)).held) == 1
    assert notifier.sent == []
    assert dispatcher.run(utc(2026, 12, 2, 8)).sent != []
    assert len(notifier.sent) == 1


def test_the_on_the_day_reminder_ignores_quiet_hours(db: Database) -> None:
    with transaction(db.factory) as session:
        board, _ = world.board(session, people=ONE_MEMBER)
        world.meeting(session, board, local(2026, 12, 2, 9, 30))
    notifier = RecordingNotifier()
    Dispatcher(db.factory, notifier, ReminderConfig(meeting_days_before=())).run(
        utc(2026, 12, 2, 7, 30)
    )
    assert [r.title for _, r in notifier.sent] == ["Corporate Parenting Board meets today"]


def test_a_cancelled_meeting_has_no_reminders(db: Database) -> None:
    meeting_id = setup_meeting(db)
    with transaction(db.factory) as session:
        session.get_one(Meeting, meeting_id).status = MeetingStatus.CANCELLED
    notifier = RecordingNotifier()
    Dispatcher(db.factory, notifier, ReminderConfig()).run(utc(2026, 12, 1, 9))
    assert notifier.sent == []


def test_a_moved_meeting_moves_its_reminders(db: Database) -> None:
    meeting_id = setup_meeting(db)
    with transaction(db.factory) as session:
        moved = session.get_one(Meeting, meeting_id)
        moved.date = dt.date(2026, 12, 9)
        moved.starts_at = utc(2026, 12, 9, 15)
    config = ReminderConfig()
    with db.factory() as session:
        found = plan(
            load_snapshot(session, utc(2026, 11, 20), utc(2026, 12, 31), config),
            utc(2026, 11, 20),
            utc(2026, 12, 31),
            config,
        )
    assert [p.at for p in found] == [utc(2026, 12, 2, 9), utc(2026, 12, 8, 9), utc(2026, 12, 9, 13)]


def test_a_failed_delivery_is_recorded_and_not_retried_every_minute(db: Database) -> None:
    setup_meeting(db)
    dispatcher = Dispatcher(db.factory, Refusing(), ReminderConfig())
    assert len(dispatcher.run(utc(2026, 11, 25, 9)).failed) == 1
    assert dispatcher.run(utc(2026, 11, 25, 9, 1)).failed == []
    with db.factory() as session:
        row = session.scalars(select(Delivery)).one()
    assert (row.outcome, row.detail) == ("failed", "no chat identity or channel to deliver to")
    assert row.due_at == utc(2026, 11, 25, 9)


def test_officers_are_not_reminded_and_the_clerk_gets_matters_arising(db: Database) -> None:
    with transaction(db.factory) as session:
        board, members = world.board(session)
        meeting = world.meeting(session, board, local(2026, 12, 2, 15))
        world.action(
            session,
            board,
            "Report on placements",
            members["Councillor J Walker"],
            due_meeting=meeting,
        )
        ids = {name: m.id for name, m in members.items()}
    notifier = RecordingNotifier()
    Dispatcher(db.factory, notifier, ReminderConfig()).run(utc(2026, 11, 25, 9))
    sent = {(t.member_id, r.intent) for t, r in notifier.sent}
    assert sent == {
        (ids["Councillor M Carr"], "reminder.meeting"),
        (ids["Councillor J Walker"], "reminder.meeting"),
        (ids["Sam Clerk"], "reminder.meeting"),
        (ids["Sam Clerk"], "reminder.matters-arising"),
    }
