"""``/agenda [board or date]``: the agenda of the next meeting, or of the meeting on a date."""

from __future__ import annotations

import datetime as dt
import re

import dateparser

from handlers.formatting import day, meeting_when
from handlers.messages import Citation, Reply
from handlers.next_meeting import APOLOGY_WORDS, agenda_lines, meeting_fields
from handlers.router import Context, Route, Router
from handlers.scope import Scope, board_mentioned, resolve_scope, visible_boards
from storage.meetings import meeting_on
from storage.queries import past_meetings, upcoming_meetings

_ASKS = re.compile(r"\b(agenda|what'?s\s+on\s+(at|for)\s+the\s+(next\s+)?meeting)\b")
_DATE_HINT = re.compile(
    r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tomorrow|next|last)",
    re.I,
)


def recognises(ctx: Context) -> bool:
    text = " ".join(ctx.text.lower().replace("’", "'").split())
    return bool(_ASKS.search(text)) and not APOLOGY_WORDS.search(text)


def parse_date(text: str, now: dt.datetime) -> dt.date | None:
    """A calendar date in the member's words ("7 November 2018", "next Wednesday")."""
    if not _DATE_HINT.search(text):
        return None
    cleaned = re.sub(r"\b(agenda|for|the|of|meeting|on|what'?s|show|me)\b", " ", text, flags=re.I)
    parsed = dateparser.parse(
        cleaned.strip(" ?"),
        languages=["en"],
        settings={
            "RELATIVE_BASE": now.replace(tzinfo=None),
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": "future",
        },
    )
    return parsed.date() if parsed else None


def agenda(ctx: Context) -> Reply:
    argument = ctx.text if ctx.message.command else ""
    named = board_mentioned(ctx, argument, visible_boards(ctx)) if argument else None
    date = None if named else parse_date(argument or ctx.text, ctx.message.now)
    if argument and named is None and date is None:
        scope = resolve_scope(ctx, argument)
    else:
        scope = Scope(boards=[named]) if named else resolve_scope(ctx)
    if scope.problem:
        return Reply(
            text=f"{scope.problem} Give a board's name or a date, e.g. /agenda 7 November 2018.",
            intent="agenda.no-board",
        )
    if date is not None:
        meeting = meeting_on(ctx.session, scope.board_ids, date)
        if meeting is None:
            return Reply(
                text=f"There is no meeting on {day(date)} in the record.", intent="agenda.none"
            )
    else:
        upcoming = upcoming_meetings(ctx.session, scope.board_ids, ctx.message.now, limit=1)
        if not upcoming:
            last = past_meetings(ctx.session, scope.board_ids, ctx.message.now, limit=1)
            text = "No upcoming meeting is scheduled."
            if last:
                text += f" The last one was on {day(last[0].date)}: ask /agenda {last[0].date:%-d %B %Y}."
            return Reply(text=text, intent="agenda.none")
        meeting = upcoming[0]
    lines = agenda_lines(meeting)
    text = f"Agenda for the {meeting.board.name}, {meeting_when(meeting)}:"
    if not lines:
        text = f"No agenda is recorded for the {meeting.board.name}, {meeting_when(meeting)}."
    return Reply(
        title=f"Agenda: {meeting.board.name}",
        text=text,
        intent="agenda",
        fields=meeting_fields(meeting),
        items=lines,
        citations=[Citation(meeting.board.name, meeting.date)],
    )


def register(router: Router) -> None:
    router.add(
        Route(
            intent="agenda", handle=agenda, commands=("agenda",), recognises=recognises, priority=50
        )
    )
