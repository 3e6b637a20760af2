"""What a clerk changes from the console, on both databases: moves and cancellations
announced once, attendance marked over what chat and the minutes recorded, reminders
re-queued without a double send, actions edited, and the lists a page at a time."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from schedules.config import ReminderConfig
from schedules.dispatch import Dispatcher
from schedules.notify import RecordingNotifier
from storage.actions import ActionError
from storage.console_actions import edit_action
from storage.console_lists import actions_page, audit_page, meetings_page
from storage.console_ops import (
    cancel_and_announce,
    mark_attendance,
    move_and_announce,
    requeue_reminders,
)
from storage.db import transaction
from storage.directory import DirectoryError
from storage.models import (
    Action,
    ActionStatus,
    Attendance,
    AttendanceSource,
    AttendanceStatus,
    Delivery,
    Meeting,
    MeetingStatus,
    Member,
)
from storage.sources.tables import Announcement
from tests.conftest import Database
from tests.schedules import world
from tests.schedules.world import local, utc

pytestmark = pytest.mark.dates  # fixed clocks throughout; also run under faketime
NOW = utc(2026, 11, 20, 10)
TODAY = NOW.date()
SINCE = NOW - ReminderConfig().lookback


def setup(db: Database) -> int:
    with transaction(db.factory) as session:
        board, _ = world.board(session)
        return world.meeting(session, board, local(2026, 12, 2, 15)).id


def announcements(db: Database) -> list[tuple[str, dict[str, object]]]:
    with db.factory() as session:
        rows = session.scalars(select(Announcement).order_by(Announcement.id))
        return [(row.kind, dict(row.facts)) for row in rows]


def test_a_move_is_announced_once_with_where_it_was(db: Database) -> None:
    meeting_id = setup(db)
    with transaction(db.factory) as session:
        meeting = session.get_one(Meeting, meeting_id)
        moved = move_and_announce(session, meeting, "2026-12-09T16:30", today=TODAY, now=NOW)
    assert moved == ("2026-12-02T15:00+00:00", "2026-12-09T16:30+00:00", 1)
    [(kind, facts)] = announcements(db)
    assert kind == "moved"
    assert (facts["from_date"], facts["from_time"]) == ("2026-12-02", "15:00")
    assert (facts["date"], facts["time"]) == ("2026-12-09", "16:30")


@pytest.mark.parametrize(
    ("when", "problem"),
    [
        ("2026-11-19T15:00", "a date that has passed"),
        ("2026-12-02T15:00", "already is"),
        ("next week", "invalid date"),
    ],
)
def test_a_move_that_cannot_be_is_refused_and_changes_nothing(
    db: Database, when: str, problem: str
) -> None:
    meeting_id = setup(db)
    with pytest.raises(DirectoryError, match=problem), transaction(db.factory) as session:
        meeting = session.get_one(Meeting, meeting_id)
        move_and_announce(session, meeting, when, today=TODAY, now=NOW)
    with db.factory() as session:
        assert session.get_one(Meeting, meeting_id).date == dt.date(2026, 12, 2)
    assert announcements(db) == []


def test_a_cancellation_is_announced_with_its_note_and_not_twice(db: Database) -> None:
    meeting_id = setup(db)
    with transaction(db.factory) as session:
        meeting = session.get_one(Meeting, meeting_id)
        assert cancel_and_announce(session, meeting, note="not quorate", today=TODAY, now=NOW) == (
            "scheduled",
            1,
        )
    refused = pytest.raises(DirectoryError, match="already cancelled")
    with refused, transaction(db.factory) as session:
        meeting = session.get_one(Meeting, meeting_id)
        cancel_and_announce(session, meeting, note=None, today=TODAY, now=NOW)
    [(kind, facts)] = announcements(db)
    assert (kind, facts["note"]) == ("cancelled", "not quorate")
    with db.factory() as session:
        assert session.get_one(Meeting, meeting_id).status == MeetingStatus.CANCELLED


def test_attendance_is_marked_over_an_apology_from_chat_one_row_each(db: Database) -> None:
    with transaction(db.factory) as session:
        board, people = world.board(session)
        meeting = world.meeting(session, board, local(2026, 11, 18, 15))
        walker, carr = people["Councillor J Walker"], people["Councillor M Carr"]
        session.add(
            Attendance(
                meeting=meeting,
                member_id=walker.id,
                name=walker.name,
                person_key=walker.match_key,
                status=AttendanceStatus.APOLOGIES,
                reason="hospital appointment",
                source=AttendanceSource.CHAT,
            )
        )
        session.flush()
        changed = mark_attendance(
            session,
            meeting,
            {carr: AttendanceStatus.PRESENT, walker: AttendanceStatus.APOLOGIES},
            recorded_by="Sam Clerk",
            now=NOW,
        )
        assert changed == {"Councillor M Carr": (None, "present")}  # Walker's apology stands
        changed = mark_attendance(
            session, meeting, {walker: AttendanceStatus.ABSENT}, recorded_by="Sam Clerk", now=NOW
        )
        assert changed == {"Councillor J Walker": ("apologies", "absent")}
        meeting_id = meeting.id
    with db.factory() as session:
        rows = session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id))
        found = {row.name: (row.status, row.reason, row.source) for row in rows}
    assert found == {
        "Councillor M Carr": (AttendanceStatus.PRESENT, None, AttendanceSource.CLERK),
        "Councillor J Walker": (AttendanceStatus.ABSENT, None, AttendanceSource.CLERK),
    }


def _outcomes(db: Database) -> dict[str, str]:
    with db.factory() as session:
        return {row.key: row.outcome for row in session.scalars(select(Delivery))}


def test_reminders_re_queued_go_again_once_and_a_live_claim_is_left_alone(db: Database) -> None:
    meeting_id = setup(db)
    notifier = RecordingNotifier()
    dispatcher = Dispatcher(db.factory, notifier, ReminderConfig())
    # Chair, member and clerk, a week before; and the clerk's matters arising.
    assert len(dispatcher.run(utc(2026, 11, 25, 9)).sent) == 4
    later = utc(2026, 11, 25, 12)
    with transaction(db.factory) as session:
        # A third delivery of the meeting, being sent right now by another process.
        session.add(
            Delivery(
                key="meeting:live",
                kind="meeting",
                meeting_id=meeting_id,
                due_at=later,
                claimed_at=later,
                outcome="claimed",
                lease_until=later + dt.timedelta(minutes=2),
                claimed_by="another",
            )
        )
        requeued = requeue_reminders(
            session,
            meeting_id,
            ("meeting", "matters-arising"),
            since=later - dt.timedelta(days=7),
            now=later,
            by="console:Sam Clerk",
        )
    assert requeued == 4
    assert _outcomes(db)["meeting:live"] == "claimed"

    report = dispatcher.run(later + dt.timedelta(minutes=1))
    assert len(report.sent) == 4 and len(report.retried) == 4
    assert len(notifier.sent) == 8
    assert dispatcher.run(later + dt.timedelta(minutes=2)).sent == []
    with db.factory() as session:
        live = session.scalars(select(Delivery).where(Delivery.key == "meeting:live")).one()
        assert (live.claimed_by, live.attempts) == ("another", 1)


def test_only_the_meetings_own_reminders_in_the_window_are_re_queued(db: Database) -> None:
    meeting_id = setup(db)

    def row(key: str, kind: str, due: dt.datetime, meeting: int | None = meeting_id) -> Delivery:
        return Delivery(
            key=key,
            kind=kind,
            meeting_id=meeting,
            due_at=due,
            claimed_at=due,
            outcome="sent",
            sent_at=due,
        )

    with transaction(db.factory) as session:
        session.add_all(
            [
                row("old", "meeting", NOW - dt.timedelta(days=8)),
                row("quorum", "quorum-warning", NOW - dt.timedelta(hours=1)),
                row("other", "meeting", NOW - dt.timedelta(hours=1), meeting=None),
                row("future", "meeting", NOW + dt.timedelta(hours=1)),
                row("this", "matters-arising", NOW - dt.timedelta(hours=1)),
            ]
        )
        session.flush()
        count = requeue_reminders(
            session, meeting_id, ("meeting", "matters-arising"), since=SINCE, now=NOW, by="x"
        )
    assert count == 1
    assert _outcomes(db) == {
        "old": "sent",
        "quorum": "sent",
        "other": "sent",
        "future": "sent",
        "this": "claimed",
    }


def _actions(db: Database) -> tuple[int, dict[str, int]]:
    """A board with five actions: open ones due by date, by meeting, undated; one done."""
    with transaction(db.factory) as session:
        board, people = world.board(session)
        walker = people["Councillor J Walker"]
        past = world.meeting(session, board, local(2026, 11, 4, 15))
        made = {
            "late": Action(board=board, text="late", owner=walker, due=dt.date(2026, 11, 1)),
            "back": Action(
                board=board, text="back", owner_text="Head of Service", due_meeting=past
            ),
            "soon": Action(board=board, text="soon", owner=walker, due=dt.date(2026, 12, 1)),
            "undated": Action(board=board, text="undated", owner_text="Officer"),
            "closed": Action(
                board=board, text="closed", due=dt.date(2026, 1, 1), status=ActionStatus.DONE
            ),
        }
        session.add_all(made.values())
        session.flush()
        return board.id, {name: action.id for name, action in made.items()}


def test_actions_filter_by_owner_status_and_overdue_a_page_at_a_time(db: Database) -> None:
    board_id, ids = _actions(db)
    with db.factory() as session:
        walker = session.scalars(select(Member).where(Member.name == "Councillor J Walker")).one()

        def texts(**filters: object) -> tuple[list[str], int]:
            options: dict[str, object] = {
                "status": ActionStatus.OPEN,
                "owner_id": None,
                "overdue_on": None,
                "offset": 0,
                "limit": 10,
                **filters,
            }
            found = actions_page(session, [board_id], **options)  # type: ignore[arg-type]
            return [action.text for action in found.rows], found.total

        assert texts() == (["late", "back", "soon", "undated"], 4)
        assert texts(overdue_on=TODAY) == (["late", "back"], 2)
        assert texts(owner_id=walker.id) == (["late", "soon"], 2)
        assert texts(status=None, offset=3, limit=2) == (["soon", "undated"], 5)
        assert texts(status=ActionStatus.DONE) == (["closed"], 1)
        assert texts(status=None, owner_id=walker.id, overdue_on=TODAY) == (["late"], 1)
        assert ids["late"] > 0


def test_meetings_and_the_audit_log_come_a_page_at_a_time(db: Database) -> None:
    with transaction(db.factory) as session:
        board, _ = world.board(session)
        for day in range(1, 29):
            world.meeting(session, board, local(2026, 11, day, 15))
        board_id = board.id
    with db.factory() as session:
        upcoming = meetings_page(session, [board_id], today=TODAY, upcoming=True, offset=0, limit=5)
        past = meetings_page(session, [board_id], today=TODAY, upcoming=False, offset=5, limit=5)
        assert upcoming.total == 9 and [m.date.day for m in upcoming.rows] == [20, 21, 22, 23, 24]
        assert past.total == 19 and [m.date.day for m in past.rows] == [14, 13, 12, 11, 10]
        empty = audit_page(session, board_ids=[board_id], actor="console:Sam", offset=0, limit=5)
        assert empty.total == 0


def test_an_action_edit_returns_each_change_and_closing_records_who(db: Database) -> None:
    _, ids = _actions(db)
    with transaction(db.factory) as session:
        action = session.get_one(Action, ids["back"])
        walker = session.scalars(select(Member).where(Member.name == "Councillor J Walker")).one()
        changed = edit_action(
            session,
            action,
            owner=walker,
            owner_text=None,
            due=dt.date(2027, 1, 31),
            status=ActionStatus.DONE,
            by="Sam Clerk",
            now=NOW,
        )
        assert changed == {
            "owner": ("Head of Service", "Councillor J Walker"),
            "due": (None, "2027-01-31"),
            "status": ("open", "done"),
        }
        assert (action.closed_by, action.edited) == ("Sam Clerk", True)
        assert (
            edit_action(
                session,
                action,
                owner=walker,
                owner_text=None,
                due=dt.date(2027, 1, 31),
                status=ActionStatus.DONE,
                by="Sam Clerk",
                now=NOW,
            )
            == {}
        )
    refused = pytest.raises(ActionError, match="who the action is for")
    with refused, transaction(db.factory) as session:
        action = session.get_one(Action, ids["soon"])
        edit_action(
            session,
            action,
            owner=None,
            owner_text="  ",
            due=None,
            status=ActionStatus.OPEN,
            by="Sam Clerk",
            now=NOW,
        )
    with db.factory() as session:
        assert session.get_one(Action, ids["soon"]).due == dt.date(2026, 12, 1)
