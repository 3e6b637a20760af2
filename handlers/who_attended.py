"""Who sent apologies to (or attended) a meeting named by date, or the last or next one."""

from __future__ import annotations

import re

from sqlalchemy import extract, select

from handlers.formatting import day
from handlers.messages import Citation, Reply
from handlers.question import Question
from handlers.router import Context
from storage.models import AttendanceStatus, Meeting, MeetingStatus
from storage.queries import past_meetings, upcoming_meetings


def _meetings(ctx: Context, question: Question, board_ids: list[int]) -> list[Meeting]:
    now = ctx.message.now
    if question.meeting is not None:
        ref = question.meeting
        query = select(Meeting).where(
            Meeting.board_id.in_(board_ids),
            Meeting.status != MeetingStatus.CANCELLED,
            extract("month", Meeting.date) == ref.month,
        )
        if ref.year is not None:
            query = query.where(extract("year", Meeting.date) == ref.year)
        candidates = ctx.session.scalars(query.order_by(Meeting.date.desc()).limit(200))
        matching = [m for m in candidates if ref.matches(m.date)]
        if ref.year is None and matching:
            # "the September meeting": the most recent year that had one.
            newest = matching[0].date.year
            matching = [m for m in matching if m.date.year == newest]
        return matching
    if question.wants_next:
        return upcoming_meetings(ctx.session, board_ids, now, limit=1)
    return list(past_meetings(ctx.session, board_ids, now, limit=1))


def _status_wanted(text: str) -> AttendanceStatus:
    lowered = text.lower()
    attended = re.search(r"\b(attended|attending|present|was there|were there|came)\b", lowered)
    if attended and not re.search(r"apolog|absent", lowered):
        return AttendanceStatus.PRESENT
    return AttendanceStatus.APOLOGIES


def attendance_reply(ctx: Context, question: Question, board_ids: list[int]) -> Reply:
    meetings = _meetings(ctx, question, board_ids)
    wanted = question.meeting.describe() if question.meeting else "that"
    if not meetings:
        return Reply(
            text=f"I can't find a {wanted} meeting of your board(s) in the record.",
            intent="ask.attendance",
        )
    status = _status_wanted(ctx.text)
    lines = []
    citations = []
    for meeting in meetings[:3]:
        people = [a for a in meeting.attendance if a.status == status]
        label = f"{meeting.board.name}, {day(meeting.date)}"
        citations.append(Citation(meeting.board.name, meeting.date))
        if status == AttendanceStatus.APOLOGIES:
            if people:
                names = "; ".join(_with_reason(a.name, a.reason) for a in people)
                lines.append(f"{label}: apologies from {names}.")
            elif meeting.minutes_status.value == "none" and meeting.status != MeetingStatus.HELD:
                lines.append(f"{label}: no apologies received so far.")
            else:
                lines.append(f"{label}: no apologies are recorded.")
        else:
            names = "; ".join(a.name for a in people) or "nobody is recorded as present"
            lines.append(f"{label}: present — {names}.")
    title = "Apologies" if status == AttendanceStatus.APOLOGIES else "Attendance"
    return Reply(text=f"{title}:", intent="ask.attendance", items=lines, citations=citations)


def _with_reason(name: str, reason: str | None) -> str:
    return f"{name} ({reason})" if reason else name
