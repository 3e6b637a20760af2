"""A clerk's work on a meeting: move it, cancel it, mark attendance, re-send its reminders;
and the meetings list, upcoming or past, a page at a time.

Only the board's clerk changes these (a chair records apologies, in ``pages``). Moves
and cancellations are announced in the board's channels like a sync's; every change
is written to the audit table in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import jinja2
from aiohttp import web
from sqlalchemy.orm import Session

from bot.web.console.auth import Viewer
from bot.web.console.forms import (
    FormError,
    audit,
    date_field,
    local_when,
    number,
    time_field,
)
from bot.web.console.paging import PER_PAGE, page_number, pager
from schedules.config import ReminderConfig
from schedules.planning import Kind
from storage import console_lists, console_ops
from storage.boards import VOTING_ROLES, boards_by_name
from storage.console_pages import attendance_of, expected_members
from storage.models import AttendanceStatus, Meeting, MeetingStatus

MEETING_REMINDERS = (Kind.MEETING.value, Kind.MATTERS_ARISING.value)
LIVE = (MeetingStatus.SCHEDULED, MeetingStatus.POSTPONED)


def _notice(query: Mapping[str, str]) -> str | None:
    count = int(query["n"]) if query.get("n", "").isdigit() else 0
    done = query.get("done")
    if done == "moved":
        return "Meeting moved. Members are told in the board's channels, and reminders follow."
    if done == "cancelled":
        return "Meeting cancelled. Members are told in the board's channels."
    if done == "attendance":
        return f"Attendance saved: {count} change{'' if count == 1 else 's'}."
    if done == "resent" and count:
        noun = "reminder goes" if count == 1 else "reminders go"
        return f"{count} {noun} again within a minute (the latest of each, to each member)."
    if done == "resent":
        return "No reminder of this meeting has gone out yet: they go at their usual times."
    return None


def _today(meeting: Meeting, now: dt.datetime) -> dt.date:
    return now.astimezone(meeting.board.tz).date()


def _begun(meeting: Meeting, now: dt.datetime) -> bool:
    if meeting.starts_at is not None:
        return meeting.starts_at <= now
    return meeting.date <= _today(meeting, now)


def clerk_context(
    session: Session, viewer: Viewer, meeting: Meeting, query: Mapping[str, str], now: dt.datetime
) -> dict[str, Any]:
    """What the meeting page adds for the board's clerk: the forms that change the meeting."""
    clerk = meeting.board_id in viewer.clerk_of
    context: dict[str, Any] = {"clerk": clerk, "notice": _notice(query)}
    if not clerk:
        return context
    begun = _begun(meeting, now)
    marks: dict[int | str | None, str] = {}
    for row in attendance_of(session, meeting):
        marks[row.member_id] = row.status.value
        marks[row.person_key] = row.status.value
    start = meeting.local_start()
    context.update(
        begun=begun,
        live=meeting.status in LIVE,
        can_move=meeting.status != MeetingStatus.CANCELLED and not begun,
        can_resend=meeting.status == MeetingStatus.SCHEDULED and not begun,
        marking=[
            (member, marks.get(member.id) or marks.get(member.match_key) or "")
            for member in expected_members(session, meeting, VOTING_ROLES)
        ],
        choices=[status.value for status in console_ops.MARKS],
        start_time=start.strftime("%H:%M") if start else "",
        timezone=meeting.board.timezone,
    )
    return context


def _clerks_meeting(session: Session, viewer: Viewer, meeting_id: str) -> Meeting:
    meeting = session.get(Meeting, number(meeting_id))
    if meeting is None or meeting.board_id not in viewer.board_ids:
        raise web.HTTPNotFound(text="No such meeting, or not one of your boards.")
    if meeting.board_id not in viewer.clerk_of:
        raise web.HTTPForbidden(text="Only the board's clerk can change this meeting.")
    return meeting


def move(
    session: Session,
    viewer: Viewer,
    path: Mapping[str, str],
    form: dict[str, str],
    now: dt.datetime,
) -> str:
    """Move the meeting to a new date and time (the board's local time), and announce it."""
    meeting = _clerks_meeting(session, viewer, path["id"])
    date = date_field(form, "date", "The new date")
    if date is None:
        raise FormError("Enter the new date")
    time = time_field(form, "time", "The start time")
    when = date.isoformat() + (f"T{time:%H:%M}" if time else "")
    before, after, queued = console_ops.move_and_announce(
        session, meeting, when, today=_today(meeting, now), now=now
    )
    detail = {"meeting": meeting.id, "before": before, "after": after, "announced": queued}
    audit(
        session, viewer, "meeting-moved", meeting.board.name, detail, now, board_id=meeting.board_id
    )
    return f"/console/meetings/{meeting.id}?done=moved"


def cancel_page(
    env: jinja2.Environment,
    session: Session,
    viewer: Viewer,
    query: Mapping[str, str],
    now: dt.datetime,
) -> str:
    """ "Are you sure?" before a cancellation, which members are told of at once."""
    meeting = _clerks_meeting(session, viewer, query.get("id", ""))
    return env.get_template("meeting_cancel.html").render(
        viewer=viewer, meeting=meeting, when=local_when(meeting)
    )


def cancel(
    session: Session,
    viewer: Viewer,
    path: Mapping[str, str],
    form: dict[str, str],
    now: dt.datetime,
) -> str:
    """Cancel the meeting, with an optional note for members, and announce it."""
    meeting = _clerks_meeting(session, viewer, path["id"])
    note = " ".join(form.get("note", "").split()) or None
    before, queued = console_ops.cancel_and_announce(
        session, meeting, note=note, today=_today(meeting, now), now=now
    )
    detail = {
        "meeting": meeting.id,
        "when": local_when(meeting),
        "before": before,
        "after": meeting.status.value,
        "announced": queued,
    }
    audit(
        session,
        viewer,
        "meeting-cancelled",
        meeting.board.name,
        detail,
        now,
        board_id=meeting.board_id,
    )
    return f"/console/meetings/{meeting.id}?done=cancelled"


def attendance(
    session: Session,
    viewer: Viewer,
    path: Mapping[str, str],
    form: dict[str, str],
    now: dt.datetime,
) -> str:
    """After the meeting: each expected member present, absent or with apologies."""
    meeting = _clerks_meeting(session, viewer, path["id"])
    if not _begun(meeting, now):
        raise FormError("Attendance can be marked once the meeting has begun")
    if meeting.status == MeetingStatus.CANCELLED:
        raise FormError("This meeting was cancelled: there is no attendance to mark")
    marks = {}
    for member in expected_members(session, meeting, VOTING_ROLES):
        value = form.get(f"status-{member.id}", "")
        if not value:
            continue
        if value not in {status.value for status in console_ops.MARKS}:
            raise FormError(f"Choose present, absent or apologies for {member.name}")
        marks[member] = AttendanceStatus(value)
    changed = console_ops.mark_attendance(session, meeting, marks, recorded_by=viewer.name, now=now)
    if changed:
        detail = {
            "meeting": meeting.id,
            "before": {name: was for name, (was, _) in changed.items()},
            "after": {name: status for name, (_, status) in changed.items()},
        }
        audit(
            session,
            viewer,
            "attendance-marked",
            meeting.board.name,
            detail,
            now,
            board_id=meeting.board_id,
        )
    return f"/console/meetings/{meeting.id}?done=attendance&n={len(changed)}"


def resend(
    session: Session,
    viewer: Viewer,
    path: Mapping[str, str],
    form: dict[str, str],
    now: dt.datetime,
) -> str:
    """Let the reminders already sent for this meeting go again (the latest of each, once)."""
    meeting = _clerks_meeting(session, viewer, path["id"])
    if meeting.status != MeetingStatus.SCHEDULED or _begun(meeting, now):
        raise FormError("Only reminders of a meeting still to come can be sent again")
    count = console_ops.requeue_reminders(
        session,
        meeting.id,
        MEETING_REMINDERS,
        since=now - ReminderConfig().lookback,
        now=now,
        by=f"console:{viewer.name}",
    )
    detail = {"meeting": meeting.id, "when": local_when(meeting), "requeued": count}
    audit(
        session,
        viewer,
        "reminders-resent",
        meeting.board.name,
        detail,
        now,
        board_id=meeting.board_id,
    )
    return f"/console/meetings/{meeting.id}?done=resent&n={count}"


def meeting_list(
    env: jinja2.Environment,
    session: Session,
    viewer: Viewer,
    query: Mapping[str, str],
    now: dt.datetime,
) -> str:
    """Meetings of the viewer's boards, upcoming (soonest first) or past (latest first)."""
    boards = boards_by_name(session, viewer.board_ids)
    board_ids = set(viewer.board_ids)
    chosen = query.get("board", "")
    if chosen:
        board_ids &= {number(chosen)}
    when = query.get("when", "upcoming")
    if when not in {"upcoming", "past"}:
        raise web.HTTPNotFound(text="No such list.")
    zone: dt.tzinfo = boards[0].tz if boards else dt.UTC
    page = page_number(query)
    found = console_lists.meetings_page(
        session,
        board_ids,
        today=now.astimezone(zone).date(),
        upcoming=when == "upcoming",
        offset=(page - 1) * PER_PAGE,
        limit=PER_PAGE,
    )
    paging = pager("/console/meetings", query, found.total, page)
    counts = console_lists.attendance_counts(session, (m.id for m in found.rows))
    rows = [(m, local_when(m), counts.get(m.id, 0)) for m in found.rows]
    return env.get_template("meetings.html").render(
        viewer=viewer,
        boards=boards,
        rows=rows,
        pager=paging,
        chosen={"board": chosen, "when": when},
    )


PAGES = (
    ("/console/meetings", meeting_list),
    ("/console/meetings/{id}/cancel", cancel_page),
)
FORMS = (
    ("/console/meetings/{id}/move", move),
    ("/console/meetings/{id}/cancel", cancel),
    ("/console/meetings/{id}/attendance", attendance),
    ("/console/meetings/{id}/reminders", resend),
)
