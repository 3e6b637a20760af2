"""Who sent apologies to (or attended) a meeting named by date, or the last or next one."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from handlers.ask.meeting_record import last_held, meetings_in_month, relative_meetings
from handlers.ask.question import Question, same_word
from handlers.formatting import day
from handlers.messages import Citation, Reply
from handlers.router import Context
from handlers.scope import may_see_reason
from storage.models import Attendance, AttendanceStatus, Meeting, MeetingStatus
from storage.queries import upcoming_meetings


def _meetings(ctx: Context, question: Question, board_ids: list[int]) -> list[Meeting]:
    now = ctx.message.now
    if question.relative is not None:
        return relative_meetings(ctx, question.relative, board_ids)
    if question.meeting is not None:
        # Apologies may be for a coming meeting, so the newest year wins, past or not.
        return meetings_in_month(ctx, question.meeting, board_ids, prefer_past=False)
    if question.wants_next:
        return upcoming_meetings(ctx.session, board_ids, now, limit=1)
    last = last_held(ctx, board_ids)
    return [last] if last is not None else []


def _status_wanted(text: str) -> AttendanceStatus:
    lowered = text.lower()
    attended = re.search(
        r"\b(attended|attending|present|was there|were there|came|(was|were) at|"
        r"in attendance|attendance|turned up)\b",
        lowered,
    )
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
    if question.person is not None:
        return _person_reply(ctx, question.person, meetings)
    status = _status_wanted(ctx.text)
    lines = []
    citations = []
    for meeting in meetings[:3]:
        people = [a for a in meeting.attendance if a.status == status]
        label = f"{meeting.board.name}, {day(meeting.date)}"
        citations.append(Citation(meeting.board.name, meeting.date))
        if status == AttendanceStatus.APOLOGIES:
            if people:
                names = "; ".join(_with_reason(ctx, a) for a in people)
                lines.append(f"{label}: apologies from {names}.")
            elif meeting.minutes_status.value == "none" and meeting.status != MeetingStatus.HELD:
                lines.append(f"{label}: no apologies received so far.")
            else:
                lines.append(f"{label}: no apologies are recorded.")
        else:
            names = "; ".join(a.name for a in people) or "nobody is recorded as present"
            lines.append(f"{label}: present — {names}.")
    title = "Apologies" if status == AttendanceStatus.APOLOGIES else "Attendance"
    return Reply(
        text=f"{title}:",
        intent="ask.attendance",
        items=lines,
        citations=citations,
        private=status == AttendanceStatus.APOLOGIES and _shows_reason(ctx, meetings),
    )


def _with_reason(ctx: Context, row: Attendance) -> str:
    """The name, and the reason only for those allowed to see it (often health information)."""
    return f"{row.name} ({row.reason})" if row.reason and may_see_reason(ctx, row) else row.name


def _shows_reason(ctx: Context, meetings: list[Meeting]) -> bool:
    """Whether the answer carries a reason: then it is for the asker's eyes only."""
    return any(
        row.reason and may_see_reason(ctx, row) for m in meetings[:3] for row in m.attendance
    )


_STATUS_SAID = {
    AttendanceStatus.PRESENT: "is recorded as present",
    AttendanceStatus.APOLOGIES: "sent apologies",
    AttendanceStatus.ABSENT: "is recorded as absent",
    AttendanceStatus.IN_ATTENDANCE: "is recorded as in attendance",
    AttendanceStatus.SUBSTITUTE: "attended as a substitute",
}


def _person_reply(ctx: Context, person: str, meetings: list[Meeting]) -> Reply:
    """ "did Councillor Ashdown attend in March?": what the attendance list says of them."""
    wanted = person.lower().split()
    lines = []
    citations = []
    for meeting in meetings[:3]:
        label = f"{meeting.board.name}, {day(meeting.date)}"
        citations.append(Citation(meeting.board.name, meeting.date))
        rows = _named(wanted, meeting)
        if len({row.person_key for row in rows}) > 1:
            could = " or ".join(sorted({row.name for row in rows}))
            lines.append(f"{label}: {person.title()} could be {could}; which one do you mean?")
            continue
        if not rows:
            lines.append(f"{label}: {person.title()} is not in the attendance recorded.")
            continue
        for row in rows:
            said = _STATUS_SAID.get(row.status, f"is recorded as {row.status.value}")
            if row.status == AttendanceStatus.SUBSTITUTE and row.substitute_for:
                said += f" for {row.substitute_for}"
            lines.append(f"{label}: {_with_reason(ctx, row)} {said}.")
    return Reply(
        text="Attendance:",
        intent="ask.attendance",
        items=lines,
        citations=citations,
        private=_shows_reason(ctx, meetings),
    )


def _parts(name: str) -> list[str]:
    return [w for w in re.findall(r"[^\W_]+", name.lower()) if w not in _TITLE_WORDS]


_TITLE_WORDS = frozenset(["councillor", "cllr", "county", "mr", "mrs", "ms", "miss", "dr", "prof"])


def _named(wanted: list[str], meeting: Meeting) -> list[Attendance]:
    """The attendance rows whose name has every asked word: exactly, or a small misspelling
    ("Hellaui" for "Hellaoui"); an initial matches only itself."""

    def matches(word: str, part: str) -> bool:
        if len(word) < 4 or len(part) < 4:
            return word == part
        return same_word(word, part) or fuzz.ratio(word, part) >= 80

    exact = [
        a
        for a in meeting.attendance
        if all(w in _parts(f"{a.name} {a.person_key}") for w in wanted)
    ]
    if exact:
        return exact
    return [
        a
        for a in meeting.attendance
        if all(any(matches(w, p) for p in _parts(a.name)) for w in wanted)
    ]
