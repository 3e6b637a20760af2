"""Board and personal iCalendar feeds (RFC 5545), built with the ``icalendar`` library.

Everything in a feed comes from the database, never from the clock, so the
same data always gives the same bytes: the feed's hash is its ETag, and a
calendar client that polls an unchanged feed gets a 304.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from icalendar import Calendar, Event, Todo, vDuration
from sqlalchemy.orm import Session

from storage.actions import open_actions_for_member
from storage.attendance import own_rows
from storage.calendar import board_slug
from storage.meetings import meetings_with_papers
from storage.models import (
    Action,
    Attendance,
    AttendanceStatus,
    Board,
    Meeting,
    MeetingStatus,
    Member,
)

PRODID = "-//Board Clerk//boardclerk//EN"
UID_DOMAIN = "boardclerk"
DEFAULT_LENGTH = dt.timedelta(hours=2)
# How often clients should poll (RFC 7986 REFRESH-INTERVAL, and Outlook's X-PUBLISHED-TTL).
REFRESH = dt.timedelta(hours=1)
_OWN_STATUS = {
    AttendanceStatus.PRESENT: "You attended",
    AttendanceStatus.ABSENT: "You were recorded absent",
    AttendanceStatus.IN_ATTENDANCE: "You were in attendance",
    AttendanceStatus.SUBSTITUTE: "You attended as a substitute",
}


@dataclass(frozen=True)
class Feed:
    """A rendered feed: its calendar name, its bytes and their ETag."""

    name: str
    body: bytes

    @property
    def etag(self) -> str:
        return hashlib.sha256(self.body).hexdigest()[:32]


def _calendar(name: str, timezone: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    if timezone:
        calendar.add("x-wr-timezone", timezone)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    return calendar


def published_page(meeting: Meeting) -> str | None:
    """The newest web page the meeting was imported from (e.g. its ModernGov page)."""
    pages = [d for d in meeting.documents if d.path.startswith(("https://", "http://"))]
    return max(pages, key=lambda d: d.imported_at).path if pages else None


def _description(meeting: Meeting, own_status: str | None) -> str:
    agenda = [
        f"{item.number} {item.title}" if item.number else item.title
        for item in meeting.items
        if not item.exempt
    ]
    parts = [own_status] if own_status else []
    if agenda:
        parts.append("\n".join(["Agenda:", *agenda]))
    return "\n\n".join(parts)


def meeting_event(meeting: Meeting, own_status: str | None = None, *, free: bool = False) -> Event:
    """One VEVENT: stable UID, local times, agenda without exempt items, SEQUENCE per change."""
    board = meeting.board
    cancelled = meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED)
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@{UID_DOMAIN}")
    event.add("dtstamp", meeting.updated_at)
    event.add("last-modified", meeting.updated_at)
    if meeting.starts_at is None:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + dt.timedelta(days=1))
    else:
        # The end is computed on the instant, so a meeting across a clock change still lasts 2h.
        event.add("dtstart", meeting.starts_at.astimezone(board.tz))
        event.add("dtend", (meeting.starts_at + DEFAULT_LENGTH).astimezone(board.tz))
    event.add("summary", f"Cancelled: {board.name}" if cancelled else board.name)
    if meeting.venue:
        event.add("location", meeting.venue)
    description = _description(meeting, own_status)
    if description:
        event.add("description", description)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("sequence", meeting.sequence)
    if free or cancelled:
        event.add("transp", "TRANSPARENT")
    url = published_page(meeting)
    if url:
        event.add("url", url)
    return event


def _render(calendar: Calendar, dates: Sequence[dt.date], name: str) -> Feed:
    if dates:
        calendar.add_missing_timezones(
            first_date=min(dates) - dt.timedelta(days=1),
            last_date=max(dates) + dt.timedelta(days=366),
        )
    return Feed(name=name, body=calendar.to_ical())


def board_feed(session: Session, board: Board) -> Feed:
    """Every meeting of ``board``, past and future, cancelled ones marked CANCELLED."""
    calendar = _calendar(board.name, board.timezone)
    meetings = meetings_with_papers(session, [board.id])
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting))
    return _render(calendar, [m.date for m in meetings], board_slug(board.name))


def own_status(row: Attendance | None) -> str:
    """What the member's own attendance record says, in the second person."""
    if row is None:
        return "No apologies recorded from you."
    if row.status == AttendanceStatus.APOLOGIES:
        text = "You sent apologies" + (f": {row.reason}" if row.reason else "")
        if row.note and row.note.startswith("substitute:"):
            text += f" ({row.note})"
        return text
    return _OWN_STATUS[row.status]


def _action_todo(action: Action) -> Todo:
    todo = Todo()
    todo.add("uid", f"action-{action.id}@{UID_DOMAIN}")
    todo.add("dtstamp", action.created_at)
    todo.add("summary", f"#{action.id} {action.text}")
    source = action.board.name
    if action.meeting is not None:
        source += f", meeting of {action.meeting.date:%-d %B %Y}"
    if action.item is not None:
        source += f", item {action.item.number or ''} {action.item.title}".replace("  ", " ")
    todo.add("description", f"{source}.\nSay /done {action.id} in chat when it is done.")
    due: dt.date | None = action.due
    if due is None and action.due_meeting is not None:
        due = action.due_meeting.date
    if due is not None:
        todo.add("due", due)
    todo.add("status", "NEEDS-ACTION")
    return todo


def member_feed(session: Session, member: Member) -> Feed:
    """The meetings of the member's boards with their own status, and their open actions."""
    board_ids = sorted({role.board_id for role in member.roles})
    calendar = _calendar(f"Board Clerk: {member.name}", None)
    meetings = meetings_with_papers(session, board_ids) if board_ids else []
    mine = own_rows(session, member, [m.id for m in meetings])
    for meeting in meetings:
        row = mine.get(meeting.id)
        sent_apologies = row is not None and row.status == AttendanceStatus.APOLOGIES
        calendar.add_component(meeting_event(meeting, own_status(row), free=sent_apologies))
    for action in sorted(open_actions_for_member(session, member.id), key=lambda a: a.id):
        calendar.add_component(_action_todo(action))
    return _render(calendar, [m.date for m in meetings], "my-meetings")  # no internal id
