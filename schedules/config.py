"""When reminders go out: offsets, quiet hours, the weekly digest and the papers digest.

Wall-clock settings (send time, quiet hours, digest time) are local to the
board (the digest: to ``timezone``), so 09:00 stays 09:00 across DST changes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from schedules.durations import parse_duration
from storage.models import DEFAULT_TIMEZONE

ApologisedMode = Literal["note", "none"]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class ReminderConfig:
    # Meeting reminders: whole days before, at ``send_time`` local...
    meeting_days_before: tuple[int, ...] = (7, 1)
    # ...and hours before the start, on the day (exempt from quiet hours).
    meeting_hours_before: tuple[float, ...] = (2.0,)
    send_time: dt.time = dt.time(9, 0)
    # Members who sent apologies: a short note instead of the day-before reminders, or nothing.
    apologised: ApologisedMode = "note"
    # The clerk's matters-arising list, days before each meeting.
    matters_arising_days_before: tuple[int, ...] = (7,)
    # Action owners: days before the due date, then every ``overdue_every_days`` once overdue.
    action_days_before: tuple[int, ...] = (7, 1)
    overdue_every_days: int = 7
    # The weekly digest of each member's open actions (0 = Monday).
    digest_weekday: int = 0
    digest_time: dt.time = dt.time(9, 0)
    # Quiet hours hold back everything but the on-the-day reminder; None disables them.
    quiet_start: dt.time | None = dt.time(21, 0)
    quiet_end: dt.time | None = dt.time(8, 0)
    # The zone for reminders that belong to no board (the digest).
    timezone: str = DEFAULT_TIMEZONE
    # How far back a tick looks for reminders missed while the bot was down.
    lookback: dt.timedelta = dt.timedelta(days=7)
    # How long a claimed reminder is its claimer's to send; after that another
    # process retries it (the claimer died mid-send). Longer than any one send takes.
    lease: dt.timedelta = dt.timedelta(minutes=2)
    # The papers digest: when the agenda is published, and again this many days before
    # the meeting at ``send_time`` (0: only when it is published).
    papers_digest_days: int = 5

    def is_quiet(self, local: dt.time) -> bool:
        """Whether a local clock time falls in quiet hours (which may span midnight)."""
        if self.quiet_start is None or self.quiet_end is None:
            return False
        start, end = self.quiet_start, self.quiet_end
        if start <= end:
            return start <= local < end
        return local >= start or local < end


def _clock(value: str, what: str) -> dt.time:
    try:
        return dt.time.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"invalid {what} {value!r}: use HH:MM, e.g. 09:00") from None


def parse_offsets(value: str) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """ "7d,1d,2h" → ((7, 1), (2.0,)): days before at the send time, hours before the start."""
    days: list[int] = []
    hours: list[float] = []
    for part in filter(None, (p.strip().lower() for p in value.split(","))):
        match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([dh])", part)
        if match is None:
            raise ValueError(f"invalid reminder offset {part!r}: use e.g. 7d or 2h")
        number, unit = match.groups()
        if unit == "d":
            if "." in number:
                raise ValueError(f"invalid reminder offset {part!r}: days must be whole")
            days.append(int(number))
        else:
            hours.append(float(number))
    return tuple(sorted(set(days), reverse=True)), tuple(sorted(set(hours), reverse=True))


def _lease(value: str | dt.timedelta) -> dt.timedelta:
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise ValueError(f"invalid reminder lease {value!r}: {exc}") from None


def parse_quiet_hours(value: str) -> tuple[dt.time | None, dt.time | None]:
    """ "21:00-08:00" → the two times; "off" or "" → no quiet hours."""
    if value.strip().lower() in ("", "off", "none"):
        return None, None
    start, sep, end = value.partition("-")
    if not sep:
        raise ValueError(f"invalid quiet hours {value!r}: use e.g. 21:00-08:00 or off")
    return _clock(start, "quiet hours start"), _clock(end, "quiet hours end")


def parse_digest(value: str) -> tuple[int, dt.time]:
    """ "mon 09:00" → (0, 09:00)."""
    day, _, time = value.strip().lower().partition(" ")
    if day[:3] not in WEEKDAYS:
        raise ValueError(f"invalid digest day {day!r}: use mon, tue, ... sun")
    return WEEKDAYS.index(day[:3]), _clock(time or "09:00", "digest time")


def config_from_strings(
    *,
    offsets: str = "7d,1d,2h",
    send_time: str = "09:00",
    quiet_hours: str = "21:00-08:00",
    digest: str = "mon 09:00",
    apologised: str = "note",
    matters_arising_days: str = "7",
    lease: str | dt.timedelta = "2m",
    timezone: str = DEFAULT_TIMEZONE,
    papers_digest_days: int = 5,
) -> ReminderConfig:
    """A config from settings strings; a bad value raises ``ValueError`` with one line."""
    days, hours = parse_offsets(offsets)
    quiet_start, quiet_end = parse_quiet_hours(quiet_hours)
    weekday, digest_time = parse_digest(digest)
    if apologised not in ("note", "none"):
        raise ValueError(f"invalid apologised-member mode {apologised!r}: use note or none")
    try:
        arising = tuple(int(p) for p in matters_arising_days.split(",") if p.strip())
    except ValueError:
        raise ValueError(
            f"invalid matters-arising days {matters_arising_days!r}: use e.g. 7 or 7,1"
        ) from None
    return ReminderConfig(
        meeting_days_before=days,
        meeting_hours_before=hours,
        send_time=_clock(send_time, "reminder send time"),
        apologised="note" if apologised == "note" else "none",
        matters_arising_days_before=arising,
        digest_weekday=weekday,
        digest_time=digest_time,
        quiet_start=quiet_start,
        quiet_end=quiet_end,
        timezone=timezone,
        lease=_lease(lease),
        papers_digest_days=papers_digest_days,
    )
