"""Questions about a meeting as a whole, or one item named by its printed number.

"what did we decide at the March meeting?", "summarise the last meeting",
"what happened at item 22/7?", "who chaired the last meeting?": each answered
from the record of the meeting(s) meant, resolutions quoted exactly, cited.
"""

from __future__ import annotations

import datetime as dt
import re

from handlers.ask.answers import SHOWN, cite, item_lines, newest_first, quotes_exempt
from handlers.ask.question import MeetingRef, Question
from handlers.formatting import day
from handlers.messages import Citation, Reply
from handlers.router import Context
from storage.agenda_items import items_numbered_like
from storage.meetings import meetings_between
from storage.meetings import meetings_in_month as meetings_dated_in
from storage.models import AgendaItem, Board, Meeting, MeetingStatus
from storage.queries import past_meetings

# A summary lists at most this many items of one meeting.
ITEMS_SHOWN = 12
_CHAIR_NOTE = re.compile(
    r"\((?!\s*vice)[^)]*\b(chair|chairman|chairwoman|chairperson|convener|convenor)\b[^)]*\)"
    r"|\bin\s+the\s+chair\b",
    re.I,
)


def _held(meeting: Meeting) -> bool:
    return (
        meeting.status == MeetingStatus.HELD
        or bool(meeting.attendance)
        or any(item.decisions or item.minutes_text for item in meeting.items)
    )


def last_held(ctx: Context, board_ids: list[int]) -> Meeting | None:
    """The most recent meeting with a record: a scheduled date nobody minuted is not it."""
    recent = past_meetings(ctx.session, board_ids, ctx.message.now, limit=12)
    return next((m for m in recent if _held(m)), recent[0] if recent else None)


def _today(ctx: Context, board_ids: list[int]) -> dt.date:
    """Today where the board meets: "yesterday" at 00:30 in London is London's yesterday."""
    board = ctx.session.get(Board, board_ids[0]) if board_ids else None
    now = ctx.message.now
    return (now.astimezone(board.tz) if board is not None else now).date()


def relative_meetings(ctx: Context, relative: str, board_ids: list[int]) -> list[Meeting]:
    """ "yesterday's meeting", "last week's meeting" (the calendar week before this one),
    "last month's meeting" (the calendar month before this one),
    "the meeting before last" (the one before the last meeting held)."""
    if not board_ids:
        return []
    today = _today(ctx, board_ids)
    if relative == "before-last":
        recent = past_meetings(ctx.session, board_ids, ctx.message.now, limit=12)
        held = [m for m in recent if _held(m)]
        return held[1:2]
    if relative == "yesterday":
        first = last = today - dt.timedelta(days=1)
    elif relative == "last-month":
        last = today.replace(day=1) - dt.timedelta(days=1)
        first = last.replace(day=1)
    else:
        first = today - dt.timedelta(days=today.weekday() + 7)
        last = first + dt.timedelta(days=6)
    return meetings_between(ctx.session, board_ids, first, last)


def meetings_named(ctx: Context, question: Question, board_ids: list[int]) -> list[Meeting]:
    """The meetings a question names by date, month or from now (newest first), else the last."""
    if question.relative is not None:
        return relative_meetings(ctx, question.relative, board_ids)
    if question.meeting is None:
        last = last_held(ctx, board_ids) if board_ids else None
        return [last] if last is not None else []
    matching = meetings_in_month(ctx, question.meeting, board_ids, prefer_past=True)
    held = [m for m in matching if _held(m)]
    return held or matching


def meetings_in_month(
    ctx: Context, ref: MeetingRef, board_ids: list[int], *, prefer_past: bool
) -> list[Meeting]:
    """Meetings on the date or in the month a question names, newest first.

    Without a year ("the March meeting") only the most recent year that had one
    counts; ``prefer_past`` picks the most recent past one when there is any.
    """
    candidates = meetings_dated_in(ctx.session, board_ids, ref.month, ref.year)
    matching = [m for m in candidates if ref.matches(m.date)]
    if ref.year is None and matching:
        if prefer_past:
            today = ctx.message.now.date()
            matching = [m for m in matching if m.date <= today] or matching
        newest = matching[0].date.year
        matching = [m for m in matching if m.date.year == newest]
    return matching


def _meeting_heading(meeting: Meeting) -> str:
    return f"{meeting.board.name}, {day(meeting.date)}"


def meeting_reply(ctx: Context, question: Question, meetings: list[Meeting]) -> Reply:
    """The items of the meeting(s) and what was resolved on each, in printed order."""
    if not meetings:
        return Reply(
            text=f"I can't find {_wanted(question)} meeting of your board(s) in the record.",
            intent="ask.meeting",
        )
    lines: list[str] = []
    citations: list[Citation] = []
    quoted: list[AgendaItem] = []
    for meeting in meetings[:SHOWN]:
        items = sorted(meeting.items, key=lambda i: i.position)
        lines.append(f"{_meeting_heading(meeting)}:")
        if not items:
            lines.append("No items of this meeting are in the record.")
            citations.append(Citation(meeting.board.name, meeting.date))
            continue
        routine = [] if question.wants_routine else [i for i in items if is_routine(i)]
        items = [i for i in items if i not in routine] or items
        for item in items[:ITEMS_SHOWN]:
            lines.append(" ".join(item_lines(ctx, item, question.topic_terms, dated=False)))
            citations.append(cite(item))
            quoted.append(item)
        if routine and items is not routine:
            named = "; ".join(f"{i.number} {i.title}" if i.number else i.title for i in routine)
            lines.append(f"Routine items not shown (ask for routine items to see them): {named}.")
        if len(items) > ITEMS_SHOWN:
            lines.append(
                f"{len(items) - ITEMS_SHOWN} more items: ask about one by its number to see it."
            )
    if len(meetings) > SHOWN:
        lines.append(f"{len(meetings) - SHOWN} more meetings: name the date to see them.")
    text = f"{_wanted(question).capitalize()} meeting{'s' if len(meetings) > 1 else ''}:"
    return Reply(
        text=text,
        intent="ask.meeting",
        items=lines,
        citations=citations,
        private=quotes_exempt(ctx, quoted),
    )


_RELATIVE_SAID = {
    "yesterday": "yesterday's",
    "last-week": "last week's",
    "last-month": "last month's",
    "before-last": "the previous-but-one",
}


def _wanted(question: Question) -> str:
    if question.relative is not None:
        return _RELATIVE_SAID[question.relative]
    if question.meeting is not None:
        return f"the {question.meeting.describe()}"
    return "the last"


_NOTHING = r"(\bnone\b|\bnil\b|\bno\s+(declarations?|interests?|other|further|items?|business)\b|"
_NOTHING += r"\bwere\s+no\b|\bnot\s+any\b)"
_ROUTINE_TITLES = (
    (re.compile(r"^\W*apolog", re.I), None),
    (re.compile(r"declarations?\s+of\s+(\w+\s+)?interests?", re.I), re.compile(_NOTHING, re.I)),
    (
        re.compile(r"^\W*(confirmation\s+of\s+)?minutes\b", re.I),
        re.compile(r"\b(true|correct|accurate)\s+record", re.I),
    ),
    (
        re.compile(r"any\s+other\s+(urgent\s+)?business|^\W*a\.?o\.?b\.?\b", re.I),
        re.compile(_NOTHING, re.I),
    ),
)


def is_routine(item: AgendaItem) -> bool:
    """Apologies; nothing declared; last minutes approved as a true record; no other business."""
    said = " ".join([item.minutes_text or "", *(d.text for d in item.decisions)])
    for title, nothing in _ROUTINE_TITLES:
        if title.search(item.title):
            return nothing is None or not said.strip() or bool(nothing.search(said))
    return False


def _number_key(number: str) -> str:
    return re.sub(r"[\s.]+$", "", number.strip().lower()).replace(" ", "")


def items_numbered(
    ctx: Context, number: str, board_ids: list[int], meetings: list[Meeting] | None
) -> list[AgendaItem]:
    """Items printed with this number ("44", "22/7", "4(b)"), or its sub-items ("47" → "47(a)")."""
    key = _number_key(number)
    meeting_ids = None if meetings is None else [m.id for m in meetings]
    candidates = items_numbered_like(ctx.session, board_ids, key.rstrip("."), meeting_ids)
    exact = [i for i in candidates if _number_key(i.number or "") == key]
    if exact:
        return newest_first(exact)
    # "item 47" for "47(a)" and "47(b)"; "47.1"; never "471".
    sub = re.compile(re.escape(key) + r"(\(?[a-z]\)?|[.(]\d+\)?)", re.I)
    return newest_first([i for i in candidates if sub.fullmatch(_number_key(i.number or ""))])


def item_number_reply(ctx: Context, question: Question, board_ids: list[int]) -> Reply | None:
    """The item(s) printed with the asked number, quoted; None to search by topic instead."""
    number = question.item_number
    if number is None:
        return None
    named = meetings_named(ctx, question, board_ids) if question.names_meeting else None
    items = items_numbered(ctx, number, board_ids, named)
    parent = re.sub(r"(\(?[a-z]\)?|[.(]\d+\)?)$", "", number, flags=re.I)
    if not items and parent and parent != number:
        # "item 45(a)" where the minutes print (a) inside item 45.
        items = items_numbered(ctx, parent, board_ids, named)
    if not items:
        if question.terms:
            return None
        return Reply(
            text=f"I can't find an item numbered {number} in the record of your board(s).",
            intent="ask.no-answer",
        )
    shown = items[:SHOWN]
    lines = [" ".join(item_lines(ctx, item, question.topic_terms)) for item in shown]
    if len(items) > SHOWN:
        lines.append(
            f"{len(items) - SHOWN} more items numbered {number}: name the meeting to see them."
        )
    return Reply(
        text=f"Item {number}:",
        intent="ask.decision",
        items=lines,
        citations=[cite(item) for item in shown],
        private=quotes_exempt(ctx, shown),
    )


def chair_reply(ctx: Context, question: Question, board_ids: list[int]) -> Reply:
    """Who chaired the meeting(s) named, as the minutes' attendance list marks it."""
    meetings = meetings_named(ctx, question, board_ids)
    if not meetings:
        return Reply(
            text=f"I can't find {_wanted(question)} meeting of your board(s) in the record.",
            intent="ask.chair",
        )
    lines = []
    citations = []
    for meeting in meetings[:SHOWN]:
        chairs = [a.name for a in meeting.attendance if _CHAIR_NOTE.search(a.name)]
        citations.append(Citation(meeting.board.name, meeting.date))
        if chairs:
            lines.append(f"{_meeting_heading(meeting)}: chaired by {'; '.join(chairs)}.")
        else:
            lines.append(f"{_meeting_heading(meeting)}: the minutes do not say who chaired.")
    return Reply(text="Who chaired:", intent="ask.chair", items=lines, citations=citations)


def topic_at_meetings(items: list[AgendaItem], meetings: list[Meeting]) -> list[AgendaItem]:
    ids = {m.id for m in meetings}
    return [item for item in items if item.meeting_id in ids]
