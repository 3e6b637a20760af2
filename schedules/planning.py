"""What reminders are due when: a pure function of a database snapshot and a window.

Nothing is stored about future reminders; every tick plans again from the
meetings and actions as they are, so a moved meeting moves its reminders
and a cancelled one has none. Local wall times (09:00 on the day before) are
turned into instants with zoneinfo: 09:00 stays 09:00 across DST; a time in
the spring gap fires once when the clocks have gone forward; a time that
happens twice in autumn fires once, at its first occurrence.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from schedules.config import ReminderConfig
from schedules.notify import Target
from storage import reminders
from storage.models import Role

UTC = dt.UTC
DAY = dt.timedelta(days=1)
# Everyone with a seat or a job at the meeting; officers attend per item and are not pinged.
RECIPIENT_ROLES = frozenset(Role) - {Role.OFFICER}


class Kind(enum.StrEnum):
    MEETING = "meeting"
    MATTERS_ARISING = "matters-arising"
    ACTION_DUE = "action-due"
    ACTION_OVERDUE = "action-overdue"
    DIGEST = "digest"


# Kinds whose reminders are of one thing: "action-due" and "action-overdue" are one family.
# Keyed by the plain value: hashing an enum member runs Python code, a str does not.
FAMILY = {kind.value: kind.value.split("-")[0] for kind in Kind}


@dataclass(frozen=True, slots=True)
class BoardSnap:
    id: int
    name: str
    zone: ZoneInfo
    in_channel: bool
    recipients: tuple[int, ...]
    clerks: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class MeetingSnap:
    id: int
    board_id: int
    date: dt.date
    starts_at: dt.datetime | None
    apologised: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class ActionSnap:
    id: int
    board_id: int
    owner_id: int
    due: dt.date
    not_before: dt.date | None = None


@dataclass
class Snapshot:
    """The few facts planning needs, as plain values (no session, no lazy loads)."""

    boards: dict[int, BoardSnap] = field(default_factory=dict)
    meetings: list[MeetingSnap] = field(default_factory=list)
    actions: list[ActionSnap] = field(default_factory=list)
    # Members with at least one open action: they get the weekly digest.
    digest_members: tuple[int, ...] = ()


class Planned(NamedTuple):
    """One reminder to one recipient at one instant, and why (a tuple: millions are cheap)."""

    at: dt.datetime
    kind: Kind
    reason: str
    member_id: int | None  # None: the board's channel
    board_id: int | None = None
    meeting_id: int | None = None
    action_id: int | None = None
    meeting_starts_at: dt.datetime | None = None
    meeting_date: dt.date | None = None
    on_the_day: bool = False
    # After this instant a late reminder is no longer worth sending.
    useful_until: dt.datetime | None = None

    @property
    def subject(self) -> str:
        if self.meeting_id is not None:
            return f"m{self.meeting_id}"
        if self.action_id is not None:
            return f"a{self.action_id}"
        return "-"

    @property
    def recipient(self) -> str:
        return f"u{self.member_id}" if self.member_id is not None else f"b{self.board_id}"

    @property
    def key(self) -> str:
        """The delivery's unique key: kind, subject, recipient and due instant (UTC)."""
        return f"{self.kind}:{self.subject}:{self.recipient}:{self.at:%Y%m%dT%H%MZ}"

    @property
    def group(self) -> tuple[str, int | None, int | None, int | None, int | None]:
        """Reminders of one thing to one recipient: after a gap only the latest is worth
        sending, and no two go out within an hour (plain values: cheap for a week's worth)."""
        channel = self.board_id if self.member_id is None else None
        return (FAMILY[self.kind._value_], self.meeting_id, self.action_id, self.member_id, channel)

    @property
    def group_key(self) -> str:
        """``group`` as the string each delivery row keeps: "meeting:m12:u3"."""
        return f"{FAMILY[self.kind._value_]}:{self.subject}:{self.recipient}"

    @property
    def target(self) -> Target:
        if self.member_id is None:
            assert self.board_id is not None
            return Target.board_channel(self.board_id)
        return Target.member(self.member_id)


def local_instant(day: dt.date, time: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant when ``zone``'s clocks show ``time`` on ``day``.

    Twice in autumn: the first. Never in spring: the instant the clocks jump
    (the next valid one).
    """
    wall = dt.datetime.combine(day, time)
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        return first
    # In the gap: find the transition between the two readings, to the minute.
    low = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    low, high = min(low, first), max(low, first)
    while high - low > dt.timedelta(minutes=1):
        middle = low + (high - low) / 2
        middle = middle.replace(second=0, microsecond=0)
        if middle <= low:
            break
        if middle.astimezone(zone).replace(tzinfo=None) >= wall:
            high = middle
        else:
            low = middle
    return high


def _in_quiet(local: dt.time, quiet_start: dt.time, quiet_end: dt.time) -> bool:
    if quiet_start <= quiet_end:
        return quiet_start <= local < quiet_end
    return local >= quiet_start or local < quiet_end


@lru_cache(maxsize=65536)
def _wall(
    day: dt.date,
    time: dt.time,
    zone: ZoneInfo,
    quiet_start: dt.time | None,
    quiet_end: dt.time | None,
) -> dt.datetime:
    """A local wall time as an instant, moved to the end of quiet hours if it falls in them.

    Cached: thousands of reminders share each day.
    """
    at = local_instant(day, time, zone)
    if quiet_start is None or quiet_end is None:
        return at
    local = at.astimezone(zone)
    if not _in_quiet(local.time(), quiet_start, quiet_end):
        return at
    day = local.date() if local.time() < quiet_end else local.date() + DAY
    return local_instant(day, quiet_end, zone)


def _at(day: dt.date, time: dt.time, zone: ZoneInfo, config: ReminderConfig) -> dt.datetime:
    return _wall(day, time, zone, config.quiet_start, config.quiet_end)


def _days(value: int) -> str:
    return "1 day" if value == 1 else f"{value} days"


def _meeting_slots(
    meeting: MeetingSnap, zone: ZoneInfo, config: ReminderConfig
) -> Iterator[tuple[dt.datetime, str, bool]]:
    """(instant, reason, on the day) for each reminder of one meeting."""
    begins = meeting.starts_at or local_instant(meeting.date + DAY, dt.time(0), zone)
    for days in config.meeting_days_before:
        at = _at(meeting.date - dt.timedelta(days=days), config.send_time, zone, config)
        if at < begins:
            yield at, f"{_days(days)} before", False
    if meeting.starts_at is not None:
        for hours in config.meeting_hours_before:
            label = f"{hours:g} hour{'s' if hours != 1 else ''} before"
            yield meeting.starts_at - dt.timedelta(hours=hours), label, True
    elif config.meeting_hours_before:
        # No start time to count back from: the on-the-day reminder goes at the send time.
        yield local_instant(meeting.date, config.send_time, zone), "on the day", True


def _plan_meetings(
    snapshot: Snapshot, start: dt.datetime, end: dt.datetime, config: ReminderConfig
) -> Iterator[Planned]:
    ahead = dt.timedelta(
        days=max((*config.meeting_days_before, *config.matters_arising_days_before, 0)) + 2
    )
    hours = dt.timedelta(hours=max((*config.meeting_hours_before, 0.0)))
    first_day, last_day = (start - DAY).date(), (end + ahead + hours).date()
    for meeting in snapshot.meetings:
        if not first_day <= meeting.date <= last_day:
            continue  # no reminder of this meeting can fall in the window
        board = snapshot.boards.get(meeting.board_id)
        if board is None:
            continue
        begins = meeting.starts_at or local_instant(meeting.date + DAY, dt.time(0), board.zone)

        def planned(
            at: dt.datetime,
            kind: Kind,
            reason: str,
            member_id: int | None,
            on_day: bool = False,
            meeting: MeetingSnap = meeting,
            begins: dt.datetime = begins,
        ) -> Planned:
            return Planned(
                at,
                kind,
                reason,
                member_id,
                board_id=meeting.board_id,
                meeting_id=meeting.id,
                meeting_starts_at=meeting.starts_at,
                meeting_date=meeting.date,
                on_the_day=on_day,
                useful_until=begins,
            )

        for at, reason, on_day in _meeting_slots(meeting, board.zone, config):
            if not start < at <= end:
                continue
            if board.in_channel:
                yield planned(at, Kind.MEETING, reason, None, on_day)
                continue
            for member_id in board.recipients:
                why = reason
                if member_id in meeting.apologised:
                    if on_day or config.apologised == "none":
                        continue
                    why = f"{reason}; apologies sent, short note"
                yield planned(at, Kind.MEETING, why, member_id, on_day)
        for days in config.matters_arising_days_before:
            at = _at(meeting.date - dt.timedelta(days=days), config.send_time, board.zone, config)
            if start < at <= end and at < begins:
                for clerk in board.clerks:
                    yield planned(at, Kind.MATTERS_ARISING, f"{_days(days)} before", clerk)


def _plan_actions(
    snapshot: Snapshot, start: dt.datetime, end: dt.datetime, config: ReminderConfig
) -> Iterator[Planned]:
    before = [
        (dt.timedelta(days=days), f"due in {_days(days)}") for days in config.action_days_before
    ]
    every = config.overdue_every_days
    step = dt.timedelta(days=max(every, 1))
    last_day = (end + dt.timedelta(days=max((*config.action_days_before, 0)) + 2)).date()
    lo, hi = (start - DAY).date(), (end + DAY).date()
    quiet, send = (config.quiet_start, config.quiet_end), config.send_time
    for action in snapshot.actions:
        if action.due > last_day:
            continue  # nothing due about it yet
        board = snapshot.boards.get(action.board_id)
        if board is None:
            continue
        zone, not_before = board.zone, action.not_before
        for delta, reason in before:
            day = action.due - delta
            if not_before is not None and day < not_before:
                continue
            at = _wall(day, send, zone, *quiet)
            if start < at <= end:
                yield Planned(
                    at, Kind.ACTION_DUE, reason, action.owner_id, board.id, None, action.id
                )
        if every <= 0:
            continue
        # Overdue from the day after the due date, then every ``every`` days.
        first = action.due + DAY
        day = first + step * max(0, -(-(lo - first).days // every))
        while day <= hi:
            if not_before is None or day >= not_before:
                at = _wall(day, send, zone, *quiet)
                if start < at <= end:
                    late = (day - action.due).days
                    yield Planned(
                        at,
                        Kind.ACTION_OVERDUE,
                        f"{_days(late)} overdue",
                        action.owner_id,
                        board.id,
                        None,
                        action.id,
                    )
            day += step


def _plan_digests(
    snapshot: Snapshot, start: dt.datetime, end: dt.datetime, config: ReminderConfig
) -> Iterator[Planned]:
    if not snapshot.digest_members:
        return
    zone = ZoneInfo(config.timezone)
    day = (start - DAY).astimezone(zone).date()
    last = (end + DAY).astimezone(zone).date()
    day += dt.timedelta(days=(config.digest_weekday - day.weekday()) % 7)
    while day <= last:
        at = _at(day, config.digest_time, zone, config)
        if start < at <= end:
            for member_id in snapshot.digest_members:
                yield Planned(at, Kind.DIGEST, "weekly digest", member_id, useful_until=at + DAY)
        day += dt.timedelta(days=7)


def plan(
    snapshot: Snapshot, start: dt.datetime, end: dt.datetime, config: ReminderConfig
) -> list[Planned]:
    """Every reminder due in the half-open window (start, end], in time order.

    Consecutive windows never share or skip a reminder, whatever the clocks do.
    """
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("plan() needs timezone-aware window bounds")
    found = [
        *_plan_meetings(snapshot, start, end, config),
        *_plan_actions(snapshot, start, end, config),
        *_plan_digests(snapshot, start, end, config),
    ]
    # Stable: equal instants and kinds keep the (deterministic) order they were planned in.
    found.sort(key=attrgetter("at", "kind"))
    return found


def load_snapshot(
    session: Session, start: dt.datetime, end: dt.datetime, config: ReminderConfig
) -> Snapshot:
    """The boards, scheduled meetings and open actions that can have reminders in the window."""
    snapshot = Snapshot()
    recipients: dict[int, list[int]] = {}
    clerks: dict[int, list[int]] = {}
    for board_id, member_id, role in reminders.board_roles(session):
        if role in RECIPIENT_ROLES and member_id not in recipients.setdefault(board_id, []):
            recipients[board_id].append(member_id)
        if role == Role.CLERK:
            clerks.setdefault(board_id, []).append(member_id)
    for board_id, name, timezone, in_channel in reminders.boards(session):
        snapshot.boards[board_id] = BoardSnap(
            board_id,
            name,
            ZoneInfo(timezone),
            bool(in_channel),
            tuple(recipients.get(board_id, ())),
            tuple(clerks.get(board_id, ())),
        )

    ahead = max((*config.meeting_days_before, *config.matters_arising_days_before, 0)) + 2
    first_day = (start - 2 * DAY).date()
    last_day = (end + dt.timedelta(days=ahead)).date()
    rows = reminders.scheduled_meetings(session, first_day, last_day)
    apologised = reminders.apologies_by_meeting(session, [row[0] for row in rows])
    snapshot.meetings = [
        MeetingSnap(mid, bid, date, starts, frozenset(apologised.get(mid, ())))
        for mid, bid, date, starts in rows
    ]

    due_by = (end + dt.timedelta(days=max((*config.action_days_before, 0)) + 2)).date()
    snapshot.actions = [
        ActionSnap(aid, bid, owner, due, not_before)
        for aid, bid, owner, due, not_before in reminders.open_actions_due_by(session, due_by)
    ]
    snapshot.digest_members = tuple(reminders.members_owing_actions(session))
    return snapshot
