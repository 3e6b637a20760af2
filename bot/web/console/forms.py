"""Reading the console's forms: GOV.UK date inputs, times, and who may change what.

A field that cannot be read raises ``FormError``: the console shows its one line
and changes nothing (the request's transaction rolls back).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from aiohttp import web
from sqlalchemy.orm import Session

from bot.web.console.auth import Viewer
from storage.audit import log
from storage.errors import InvalidInput
from storage.models import Meeting

T = TypeVar("T")
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


class FormError(InvalidInput):
    """A form field that cannot be read, in one line for the clerk."""


async def in_thread(work: Callable[[], T]) -> T:
    """Database or site work off the event loop, in the default thread pool."""
    return await asyncio.get_running_loop().run_in_executor(None, work)


def local_when(meeting: Meeting) -> str:
    """The meeting's date (and time) in its board's timezone: "Wednesday 2 December 2026, 3:00pm"."""
    if meeting.starts_at is None:
        return meeting.date.strftime("%A %-d %B %Y")
    return local_time(meeting.starts_at, ZoneInfo(meeting.board.timezone), "%A %-d %B %Y")


def local_time(at: dt.datetime, zone: ZoneInfo, date_format: str = "%-d %B %Y") -> str:
    """``at`` in ``zone``, the date then the time as people write it: "2 December 2026, 3:00pm"."""
    text = at.astimezone(zone).strftime(f"{date_format}, %-I:%M%p")
    return text.replace("AM", "am").replace("PM", "pm")


def clerks_only(viewer: Viewer, refusal: str) -> None:
    """A page or form for the clerks of some board: anyone else is refused with ``refusal``."""
    if not viewer.clerk_of:
        raise web.HTTPForbidden(text=refusal)


def number(value: str) -> int:
    """A path or form id; anything else is a page that does not exist."""
    try:
        return int(value)
    except ValueError:
        raise web.HTTPNotFound(text="No such page.") from None


def date_field(form: Mapping[str, str], prefix: str, what: str) -> dt.date | None:
    """A GOV.UK date input (``prefix-day``, ``-month``, ``-year``); None when all are empty."""
    parts = [form.get(f"{prefix}-{part}", "").strip() for part in ("day", "month", "year")]
    if not any(parts):
        return None
    if not all(part.isdigit() for part in parts):
        raise FormError(f"{what} must be a real date, like 9 12 2026")
    day, month, year = (int(part) for part in parts)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise FormError(f"{what} must be a real date, like 9 12 2026") from None


def time_field(form: Mapping[str, str], name: str, what: str) -> dt.time | None:
    """A 24-hour time, ``15:00`` or ``15.00``; None when empty."""
    text = form.get(name, "").strip()
    if not text:
        return None
    match = _TIME.match(text)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise FormError(f"{what} must be a time on the 24-hour clock, like 14:30")
    return dt.time(int(match[1]), int(match[2]))


def audit(
    session: Session,
    viewer: Viewer,
    action: str,
    subject: str,
    detail: dict[str, Any],
    now: dt.datetime,
    *,
    board_id: int | None,
) -> None:
    """One audit entry for a change made in the console: who, what, when, before → after,
    filed under the board it is about (whose clerks see it)."""
    log(
        session,
        actor=f"console:{viewer.name}",
        action=action,
        subject=subject,
        detail=json.dumps(detail, ensure_ascii=False, default=str),
        now=now,
        board_id=board_id,
    )
