"""Meetings by date: on a day, in a span of days, in a named month, after a meeting.

Each asks only for meetings of the given boards. Cancelled meetings are left
out except where a calendar must show them as cancelled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import extract, select
from sqlalchemy.orm import Session, selectinload

from storage.models import Meeting, MeetingStatus


def meeting_on(session: Session, board_ids: Iterable[int], date: dt.date) -> Meeting | None:
    """The first meeting (by start time) of these boards on ``date``, not cancelled."""
    return session.scalars(
        select(Meeting)
        .where(
            Meeting.board_id.in_(list(board_ids)),
            Meeting.date == date,
            Meeting.status != MeetingStatus.CANCELLED,
        )
        .order_by(Meeting.starts_at)
    ).first()


def meetings_between(
    session: Session, board_ids: Iterable[int], first: dt.date, last: dt.date
) -> list[Meeting]:
    """Meetings of these boards dated ``first`` to ``last`` (inclusive), not cancelled,
    newest first."""
    return list(
        session.scalars(
            select(Meeting)
            .where(
                Meeting.board_id.in_(list(board_ids)),
                Meeting.status != MeetingStatus.CANCELLED,
                Meeting.date >= first,
                Meeting.date <= last,
            )
            .order_by(Meeting.date.desc())
        )
    )


def meetings_in_month(
    session: Session,
    board_ids: Iterable[int],
    month: int,
    year: int | None = None,
    *,
    limit: int = 200,
) -> list[Meeting]:
    """Meetings of these boards in ``month`` (of ``year``, or of any year), not cancelled,
    newest first."""
    query = select(Meeting).where(
        Meeting.board_id.in_(list(board_ids)),
        Meeting.status != MeetingStatus.CANCELLED,
        extract("month", Meeting.date) == month,
    )
    if year is not None:
        query = query.where(extract("year", Meeting.date) == year)
    return list(session.scalars(query.order_by(Meeting.date.desc()).limit(limit)))


def meetings_after(session: Session, board_id: int, date: dt.date, *, limit: int) -> list[Meeting]:
    """The board's first ``limit`` meetings dated after ``date``, whatever their status."""
    return list(
        session.scalars(
            select(Meeting)
            .where(Meeting.board_id == board_id, Meeting.date > date)
            .order_by(Meeting.date)
            .limit(limit)
        )
    )


def meetings_with_papers(session: Session, board_ids: Iterable[int]) -> list[Meeting]:
    """Every meeting of these boards, cancelled ones too, oldest first, with their board,
    items and documents loaded (what a calendar feed prints)."""
    return list(
        session.scalars(
            select(Meeting)
            .where(Meeting.board_id.in_(list(board_ids)))
            .options(
                selectinload(Meeting.items),
                selectinload(Meeting.documents),
                selectinload(Meeting.board),
            )
            .order_by(Meeting.date, Meeting.starts_at, Meeting.id)
        )
    )
