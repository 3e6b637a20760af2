"""What a clerk changes about a meeting from the console: move, cancel, attendance, reminders.

Each returns what was there before and after, so the caller can write the audit
entry in the same transaction. A move or a cancellation is announced in the
board's channels through the same outbox a sync writes to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, cast

from sqlalchemy import CursorResult, or_, select, update
from sqlalchemy.orm import Session

from storage.directory import DirectoryError, cancel_meeting, move_meeting
from storage.models import (
    Attendance,
    AttendanceSource,
    AttendanceStatus,
    Delivery,
    Meeting,
    MeetingStatus,
    Member,
)
from storage.sources.announce import changes, meeting_state, queue_announcements

# What a clerk may mark each expected member as, after the meeting.
MARKS = (AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.APOLOGIES)
CLAIMED = "claimed"


def _when(meeting: Meeting) -> str:
    start = meeting.local_start()
    return start.isoformat(timespec="minutes") if start else meeting.date.isoformat()


def announce(
    session: Session, meeting: Meeting, old: dict[str, Any], *, today: dt.date, now: dt.datetime
) -> int:
    """Queue what the step from ``old`` (``meeting_state`` before) deserves, keyed like a
    sync's changes, so the console and the command line announce one change once."""
    new = meeting_state(meeting)
    found = changes(f"console-m{meeting.id}", meeting.board.name, old, new, today)
    return queue_announcements(session, meeting.board_id, meeting.id, found, now)


def move_and_announce(
    session: Session, meeting: Meeting, when: str, *, today: dt.date, now: dt.datetime
) -> tuple[str, str, int]:
    """Move ``meeting`` to ``when`` (board's local time) and announce it: (before, after, queued).

    Refuses a date before ``today`` (the board's today): a meeting is moved forward, not into
    the past.
    """
    if meeting.status == MeetingStatus.CANCELLED:
        raise DirectoryError("this meeting is cancelled: add a new meeting instead")
    old, before = meeting_state(meeting), _when(meeting)
    move_meeting(session, meeting, when)
    if meeting.date < today:
        raise DirectoryError("a meeting cannot be moved to a date that has passed")
    session.flush()
    if _when(meeting) == before:
        raise DirectoryError("that is when the meeting already is")
    return before, _when(meeting), announce(session, meeting, old, today=today, now=now)


def cancel_and_announce(
    session: Session, meeting: Meeting, *, note: str | None, today: dt.date, now: dt.datetime
) -> tuple[str, int]:
    """Cancel ``meeting`` with an optional note and announce it: (status before, queued)."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise DirectoryError("this meeting is already cancelled")
    old, before = meeting_state(meeting), meeting.status.value
    cancel_meeting(session, meeting)
    if note:
        meeting.status_note = note[:200]
    session.flush()
    return before, announce(session, meeting, old, today=today, now=now)


def mark_attendance(
    session: Session,
    meeting: Meeting,
    marks: Mapping[Member, AttendanceStatus],
    *,
    recorded_by: str,
    now: dt.datetime,
) -> dict[str, tuple[str | None, str]]:
    """Record who was present, absent or sent apologies; by name, (before, after) of each change.

    One row per person, as everywhere: an existing row (an apology from chat, a line of
    the minutes) is updated in place, keeping an apology's reason only while it stays an
    apology.
    """
    for status in marks.values():
        if status not in MARKS:
            raise DirectoryError(f"{status.value!r} is not an attendance mark")
    rows = {
        (row.member_id, row.person_key): row
        for row in session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id))
    }
    by_key = {key: row for (_, key), row in rows.items()}
    by_member = {member_id: row for (member_id, _), row in rows.items() if member_id}
    changed: dict[str, tuple[str | None, str]] = {}
    for member, status in marks.items():
        row = by_member.get(member.id) or by_key.get(member.match_key)
        before = None if row is None else row.status.value
        if before == status.value:
            continue
        if row is None:
            row = Attendance(
                meeting_id=meeting.id,
                member_id=member.id,
                name=member.name,
                person_key=member.match_key,
                status=status,
                source=AttendanceSource.CLERK,
            )
            session.add(row)
        if status != AttendanceStatus.APOLOGIES:
            row.reason = None
        row.member_id = member.id
        row.status = status
        row.source = AttendanceSource.CLERK
        row.recorded_at, row.recorded_by = now, recorded_by
        changed[member.name] = (before, status.value)
    session.flush()
    return changed


def requeue_reminders(
    session: Session,
    meeting_id: int,
    kinds: Iterable[str],
    *,
    since: dt.datetime,
    now: dt.datetime,
    by: str,
) -> int:
    """Let the meeting's reminders due in (``since``, ``now``] go again; how many will.

    Each delivery row becomes a claim whose lease has already run out, so the next
    tick takes it over with the same conditional UPDATE that recovers a crashed
    sender: only one process sends it. A claim still being sent (a live lease) is
    left alone, so nothing goes twice at once.
    """
    live = (Delivery.outcome == CLAIMED) & (Delivery.lease_until > now)
    result = session.execute(
        update(Delivery)
        .where(
            Delivery.meeting_id == meeting_id,
            Delivery.kind.in_(list(kinds)),
            Delivery.due_at > since,
            Delivery.due_at <= now,
            or_(~live, Delivery.lease_until.is_(None)),
        )
        .values(
            outcome=CLAIMED,
            lease_until=None,
            sent_at=None,
            claimed_by=f"requeued by {by}"[:100],
            detail=f"re-sent from the console at {now:%Y-%m-%dT%H:%MZ}",
        )
        .execution_options(synchronize_session=False)
    )
    return cast(CursorResult[Any], result).rowcount
