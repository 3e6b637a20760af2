"""When a follow-up is due: "by the end of June 2021", "in October 2024", "to the next meeting".

A month alone means its last day; a meeting means that meeting's date, printed
or (for "the next meeting") the one the minutes name; "after X on <date>" is the
earliest the task can start.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ingest.parsers.dates import end_of_month, find_dates, month_deadline, month_number

# "by 30 June", "by the end of May 2027", "before the end of July 2027"
DEADLINE = re.compile(
    r"\b(?:by|before(?=\s+the\s+end\s+of\b))\s+(?:the\s+end\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|"
    r"aug|sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
IN_MONTH = re.compile(
    r"\b(?:in|during)\s+(?P<m>january|february|march|april|may|june|july|august|september|"
    r"october|november|december)\s+(?P<y>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_MONTH_MEETING = re.compile(
    r"\b(?P<m>january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\s+(?:(?P<y>(?:19|20)\d\d)\s+)?(?:board\s+|committee\s+)?meeting\b"
    r"|\bmeeting\s+in\s+(?P<m2>january|february|march|april|may|june|july|august|september|"
    r"october|november|december)\b",
    re.IGNORECASE,
)
_MEETING = re.compile(r"\bmeeting\b", re.IGNORECASE)
_NEXT_MEETING = re.compile(r"\bnext\s+(?:\w+\s+)?meeting\b", re.IGNORECASE)
_NOT_BEFORE = re.compile(r"\b(?:following|after)\s+(?P<what>[^,;]*?\bon\s+)?", re.IGNORECASE)


@dataclass(frozen=True)
class ItemContext:
    """What the follow-up finder needs to know about the item and the meeting."""

    position: int
    ref: str
    title: str
    meeting_date: dt.date
    next_meeting: dt.date | None


def due_date(rest: str, item: ItemContext) -> dt.date | None:
    deadline = DEADLINE.search(rest)
    if deadline is not None:
        after_word = rest[deadline.start() :].split(None, 1)[1]  # past "by" / "before"
        return month_deadline(after_word, item.meeting_date)
    during = IN_MONTH.search(rest)
    if during is not None:
        # "at its meeting in June 2026" is that meeting, when the minutes name it
        return at_meeting(rest, item) or end_of_month(
            int(during.group("y")), month_number(during.group("m"))
        )
    return at_meeting(rest, item) or _month_meeting_end(rest, item)


def _month_meeting_end(rest: str, item: ItemContext) -> dt.date | None:
    """ "to the October meeting" with no October meeting known: due by the end of the next
    October (a deadline, never a meeting date to schedule)."""
    cut = _NOT_BEFORE.search(rest)
    month = _MONTH_MEETING.search(rest[: cut.start()] if cut else rest)
    if month is None:
        return None
    named = month_number(month.group("m") or month.group("m2"))
    if month.group("y"):
        return end_of_month(int(month.group("y")), named)
    return end_of_month(item.meeting_date.year + (named <= item.meeting_date.month), named)


def at_meeting(rest: str, item: ItemContext) -> dt.date | None:
    return meeting_date(rest, item) if _MEETING.search(rest) else None


def meeting_date(rest: str, item: ItemContext) -> dt.date | None:
    """The date of the meeting named in ``rest``: printed, or the known next meeting."""
    cut = _NOT_BEFORE.search(rest)
    head = rest[: cut.start()] if cut else rest
    dates = [d.date for d in find_dates(head) if d.date > item.meeting_date]
    if dates:
        return dates[0]
    if _NEXT_MEETING.search(head):
        return item.next_meeting
    month = _MONTH_MEETING.search(head)
    named = month and month_number(month.group("m") or month.group("m2"))
    year = month and month.group("y")
    if (
        named
        and item.next_meeting
        and item.next_meeting.month == named
        and (not year or item.next_meeting.year == int(year))
    ):
        return item.next_meeting
    return None


def not_before(rest: str) -> dt.date | None:
    cut = _NOT_BEFORE.search(rest)
    if cut is None:
        return None
    dates = find_dates(rest[cut.end() :])
    return dates[0].date if dates else None
