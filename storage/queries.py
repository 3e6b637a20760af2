"""Questions about the meeting database that more than one layer asks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session

from storage.models import Board, Meeting, MeetingStatus

# Built once: every imported document looks its board up.
_BOARD_NAMED = select(Board).where(
    or_(
        func.lower(Board.name) == bindparam("wanted"),
        func.lower(Board.short_name) == bindparam("wanted"),
    )
)


def find_board(session: Session, name: str) -> Board | None:
    """The board called ``name``: its name, short name or an alias, any case."""
    wanted = " ".join(name.split()).lower()
    board = session.scalars(_BOARD_NAMED, {"wanted": wanted}).first()
    if board is not None:
        return board
    for candidate in session.scalars(select(Board)):
        if wanted in (alias.lower() for alias in candidate.aliases):
            return candidate
    return None


def _has_started(meeting: Meeting, now: dt.datetime) -> bool:
    if meeting.starts_at is not None:
        return meeting.starts_at <= now
    return meeting.date < now.astimezone(meeting.board.tz).date()


def upcoming_meetings(
    session: Session, board_ids: Iterable[int], now: dt.datetime, limit: int | None = None
) -> list[Meeting]:
    """Scheduled meetings of these boards that have not begun at ``now``, soonest first.

    A date-only meeting counts as upcoming for the whole of its day.
    """
    ids = list(board_ids)
    if not ids:
        return []
    # A day's margin either side: each board's own local date is checked below.
    earliest = (now - dt.timedelta(days=1)).date()
    candidates = session.scalars(
        select(Meeting)
        .where(
            Meeting.board_id.in_(ids),
            Meeting.status == MeetingStatus.SCHEDULED,
            Meeting.date >= earliest,
        )
        .order_by(Meeting.date, Meeting.starts_at)
    )
    found = [m for m in candidates if not _has_started(m, now)]
    return found[:limit] if limit is not None else found


def past_meetings(
    session: Session, board_ids: Iterable[int], now: dt.datetime, limit: int = 1
) -> Sequence[Meeting]:
    """Meetings of these boards that have begun by ``now`` (held or not), newest first."""
    ids = list(board_ids)
    if not ids:
        return []
    latest = (now + dt.timedelta(days=1)).date()
    candidates = session.scalars(
        select(Meeting)
        .where(
            Meeting.board_id.in_(ids),
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.date <= latest,
        )
        .order_by(Meeting.date.desc(), Meeting.starts_at.desc())
        .limit(limit + 2)
    )
    return [m for m in candidates if _has_started(m, now)][:limit]


# PostgreSQL's INTEGER; SQLite's is wider, but an id beyond this exists in neither.
MAX_ID = 2**31 - 1


def parse_id(value: str | int | object) -> int | None:
    """A row id as a message or a button gives it ("17", "#17", 17): None unless it could exist.

    Every number taken from a message goes through here before it reaches a
    query, so "#99999999999999999999" is an unknown id, not a database error.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        digits = value.strip().removeprefix("#")
        if not (digits.isascii() and digits.isdigit()) or len(digits) > len(str(MAX_ID)):
            return None
        value = int(digits)
    if not isinstance(value, int):
        return None
    return value if 0 < value <= MAX_ID else None
