"""How dates, times and meetings read in replies: the way a clerk writes them."""

from __future__ import annotations

import datetime as dt

from storage.models import Meeting


def clock(value: dt.datetime | dt.time) -> str:
    """ "3.00pm", "10.30am", "12.00pm": the style of UK council minutes."""
    hour = value.hour % 12 or 12
    return f"{hour}.{value.minute:02d}{'am' if value.hour < 12 else 'pm'}"


def day(value: dt.date) -> str:
    """ "Wed 7 November 2018"."""
    return f"{value:%a} {value.day} {value:%B %Y}"


def meeting_when(meeting: Meeting) -> str:
    """ "Wed 7 November 2018, 3.00pm" in the board's timezone; the date alone if no time is known."""
    start = meeting.local_start()
    if start is None:
        return day(meeting.date)
    return f"{day(start.date())}, {clock(start)}"


def meeting_label(meeting: Meeting) -> str:
    """ "Corporate Parenting Board, Wed 7 November 2018, 3.00pm"."""
    return f"{meeting.board.name}, {meeting_when(meeting)}"
