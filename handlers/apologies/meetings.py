"""Which real meeting an apology means: a date phrase matched to the member's meetings.

"Wednesday" is the coming Wednesday (today included), "next Tuesday" is the
coming Tuesday, or a week later too when the coming one is still this week
(people mean both, so both count and two meetings mean asking). Day-and-month
phrases go through dateparser (day-month order, future preferred, relative to
``now`` in the board's timezone); a phrase without a year that points behind
today is read as next year's, but a meeting on this year's date is reported as
past so the member is refused politely rather than silently moved a year on.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal
from zoneinfo import ZoneInfo

import dateparser
from sqlalchemy.orm import Session

from handlers.formatting import day as fmt_day
from storage.meetings import meetings_between
from storage.models import DEFAULT_TIMEZONE, Board, Meeting
from storage.queries import upcoming_meetings

Outcome = Literal["found", "choose", "none-upcoming", "no-meeting-on-date", "past", "unreadable"]

_WEEKDAYS = {
    "mon": 0,
    "tue": 1,
    "wed": 2,
    "thu": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9


@dataclass(frozen=True)
class Wanted:
    """The days a phrase can mean; ``past`` holds the days it would mean if it looked back."""

    first: dt.date | None = None
    last: dt.date | None = None
    days: tuple[dt.date, ...] = ()
    past_first: dt.date | None = None
    past_last: dt.date | None = None
    next_meeting: bool = False

    def covers(self, day: dt.date) -> bool:
        if self.days:
            return day in self.days
        return self.first is not None and self.last is not None and self.first <= day <= self.last

    def describe(self) -> str:
        if self.days:
            return " or ".join(fmt_day(d) for d in self.days)
        if self.first is not None and self.last is not None:
            if self.first == self.last:
                return fmt_day(self.first)
            return f"{fmt_day(self.first)} to {fmt_day(self.last)}"
        return "that date"


@dataclass
class MeetingMatch:
    """``meetings``: the one found, the candidates to choose from, or the nearest ones."""

    outcome: Outcome
    meetings: list[Meeting] = field(default_factory=list)
    wanted: Wanted | None = None


def _weekday(word: str) -> int | None:
    return _WEEKDAYS.get(word.lower()[:3])


def _next_weekday(today: dt.date, weekday: int, *, include_today: bool) -> dt.date:
    ahead = (weekday - today.weekday()) % 7
    if ahead == 0 and not include_today:
        ahead = 7
    return today + dt.timedelta(days=ahead)


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _single(day: dt.date, past: dt.date | None = None) -> Wanted:
    return Wanted(first=day, last=day, past_first=past, past_last=past)


def _day_of_month(today: dt.date, number: int) -> Wanted | None:
    """ "The 27th": this month's if still to come, else the next month that has one."""
    if not 1 <= number <= 31:
        return None
    year, month = today.year, today.month
    past = None
    if number < today.day:
        past = dt.date(year, month, number)
    for _ in range(13):
        if number <= calendar.monthrange(year, month)[1]:
            candidate = dt.date(year, month, number)
            if candidate >= today:
                return _single(candidate, past)
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return None


def _parse_day_month(phrase: str, now_local: dt.datetime) -> Wanted | None:
    today = now_local.date()
    text = re.sub(r"^(?:[a-z]+day|mon|tues?|weds?|thur?s?|fri)\.?,?\s+", "", phrase, flags=re.I)
    text = re.sub(r"\b(\d{1,2})/(\d{1,2})/(\d{2})$", r"\1/\2/20\3", text)
    has_year = re.search(r"\d{4}", text) is not None
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": now_local.replace(tzinfo=None),
            "REQUIRE_PARTS": ["day", "month"],
        },
    )
    if parsed is None:
        return None
    day = parsed.date()
    if has_year:
        return _single(day, day if day < today else None)
    try:
        this_year = day.replace(year=today.year)
    except ValueError:  # 29 February
        return _single(day)
    if this_year >= today:
        return _single(this_year)
    return _single(this_year.replace(year=today.year + 1), this_year)


def interpret(phrase: str | None, now_local: dt.datetime) -> Wanted | None:
    """The days ``phrase`` can mean at ``now_local`` (the board's local time); None if unreadable."""
    if phrase is None:
        return Wanted(next_meeting=True)
    today = now_local.date()
    text = " ".join(phrase.lower().replace("'s", "").split())
    text = re.sub(r"^(?:on|for|at|the)\s+", "", text)
    text = re.sub(
        r"\s+(?:meeting|board|committee|session|panel|cpb|sub-committee|forum)s?$", "", text
    )
    text = re.sub(r"^the\s+", "", text)
    if text in {"next", "next meeting", ""}:
        return Wanted(next_meeting=True)
    if text in {"today", "tonight", "this afternoon", "this evening", "this morning"}:
        return _single(today)
    if text == "tomorrow":
        return _single(today + dt.timedelta(days=1))
    if text == "yesterday":
        return Wanted(past_first=today - dt.timedelta(days=1), past_last=today)
    if text in {"this week", "next week", "last week"}:
        monday = today - dt.timedelta(days=today.weekday())
        if text == "this week":
            return Wanted(
                first=today, last=monday + dt.timedelta(days=6), past_first=monday, past_last=today
            )
        if text == "last week":
            return Wanted(past_first=monday - dt.timedelta(days=7), past_last=monday)
        start = monday + dt.timedelta(days=7)
        return Wanted(first=start, last=start + dt.timedelta(days=6))
    if text in {"this month", "next month"}:
        if text == "this month":
            first, last = _month_range(today.year, today.month)
            return Wanted(first=today, last=last, past_first=first, past_last=today)
        year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        first, last = _month_range(year, month)
        return Wanted(first=first, last=last)
    words = text.split()
    if len(words) == 2 and words[0] in {"next", "this", "last", "coming"}:
        weekday = _weekday(words[1])
        if weekday is not None:
            if words[0] == "last":
                back = (today.weekday() - weekday) % 7 or 7
                past_day = today - dt.timedelta(days=back)
                return Wanted(past_first=past_day, past_last=past_day)
            if words[0] in {"this", "coming"}:
                return _single(_next_weekday(today, weekday, include_today=True))
            coming = _next_weekday(today, weekday, include_today=False)
            same_week = coming.isocalendar()[:2] == today.isocalendar()[:2]
            days = (coming, coming + dt.timedelta(days=7)) if same_week else (coming,)
            return Wanted(days=days)
    if len(words) == 2 and words[1] == "week" and _weekday(words[0]) is not None:
        weekday = _weekday(words[0])
        assert weekday is not None
        return _single(_next_weekday(today, weekday, include_today=False) + dt.timedelta(days=7))
    if len(words) == 1 and _weekday(words[0]) is not None and words[0] not in _MONTHS:
        weekday = _weekday(words[0])
        assert weekday is not None
        coming = _next_weekday(today, weekday, include_today=True)
        started = today if coming == today else None
        return _single(coming, started)
    ordinal = re.fullmatch(r"(?:[a-z]+\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)", text)
    if ordinal:
        return _day_of_month(today, int(ordinal.group(1)))
    named = re.fullmatch(r"([a-z]+)(?:\s+(\d{4}))?", text)
    if named and named.group(1) in _MONTHS and (len(named.group(1)) > 3 or text == "may"):
        number = _MONTHS[named.group(1)]
        if named.group(2):
            if not dt.MINYEAR <= int(named.group(2)) < dt.MAXYEAR:
                return None
            first, last = _month_range(int(named.group(2)), number)
            return Wanted(
                first=max(first, today), last=last, past_first=first, past_last=min(last, today)
            )
        if number == today.month:
            first, last = _month_range(today.year, number)
            return Wanted(first=today, last=last, past_first=first, past_last=today)
        year = today.year if number > today.month else today.year + 1
        first, last = _month_range(year, number)
        if number < today.month:
            past_first, past_last = _month_range(today.year, number)
            return Wanted(first=first, last=last, past_first=past_first, past_last=past_last)
        return Wanted(first=first, last=last)
    return _parse_day_month(phrase, now_local)


def boards_named_in(text: str, boards: Iterable[Board]) -> list[Board]:
    """The boards whose name, short name or an alias appears in ``text`` as whole words."""
    found = []
    for board in boards:
        names = [board.name, *(board.aliases or [])]
        if board.short_name:
            names.append(board.short_name)
        if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, re.I) for n in names if n):
            found.append(board)
    return found


def _zone(session: Session, board_ids: Sequence[int]) -> ZoneInfo:
    if board_ids:
        board = session.get(Board, min(board_ids))
        if board is not None:
            return board.tz
    return ZoneInfo(DEFAULT_TIMEZONE)


def _past_meetings(
    session: Session, board_ids: Sequence[int], wanted: Wanted, now: dt.datetime
) -> list[Meeting]:
    if wanted.past_first is None or wanted.past_last is None:
        return []
    meetings = meetings_between(session, board_ids, wanted.past_first, wanted.past_last)
    upcoming_ids = {m.id for m in upcoming_meetings(session, board_ids, now)}
    return [m for m in meetings if m.id not in upcoming_ids]


def _nearest(upcoming: list[Meeting], wanted: Wanted) -> list[Meeting]:
    target = wanted.days[0] if wanted.days else wanted.first
    if target is None:
        return upcoming[:2]
    return sorted(upcoming, key=lambda m: (abs((m.date - target).days), m.date))[:2]


def match_meetings(
    session: Session, board_ids: Iterable[int], phrase: str | None, now: dt.datetime
) -> MeetingMatch:
    """The upcoming meeting(s) of these boards that ``phrase`` can mean at ``now``."""
    ids = sorted(set(board_ids))
    upcoming = upcoming_meetings(session, ids, now)
    wanted = interpret(phrase, now.astimezone(_zone(session, ids)))
    if wanted is None:
        return MeetingMatch("unreadable")
    if wanted.next_meeting:
        firsts: dict[int, Meeting] = {}
        for meeting in upcoming:
            firsts.setdefault(meeting.board_id, meeting)
        found = list(firsts.values())
        if not found:
            return MeetingMatch("none-upcoming", wanted=wanted)
        return MeetingMatch("found" if len(found) == 1 else "choose", found, wanted)
    candidates = [m for m in upcoming if wanted.covers(m.date)]
    if len(candidates) == 1:
        return MeetingMatch("found", candidates, wanted)
    if candidates:
        return MeetingMatch("choose", candidates, wanted)
    past = _past_meetings(session, ids, wanted, now)
    if past:
        return MeetingMatch("past", past[:1], wanted)
    if not upcoming:
        return MeetingMatch("none-upcoming", wanted=wanted)
    return MeetingMatch("no-meeting-on-date", _nearest(upcoming, wanted), wanted)
