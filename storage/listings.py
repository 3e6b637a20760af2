"""Boards, members and meetings as the clerk's commands list them, and meetings by day.

Named reads so that the command line builds no SQL of its own: each says what
it returns and in which order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Meeting, MeetingStatus, Member


def members_by_name(session: Session) -> list[Member]:
    """Every member, in name order."""
    return list(session.scalars(select(Member).order_by(Member.name)))


def member_names(session: Session) -> dict[int, str]:
    """Each member's name by id."""
    return dict(session.execute(select(Member.id, Member.name)).all())


def meetings_oldest_first(session: Session, board_id: int | None = None) -> list[Meeting]:
    """Every meeting (of one board, if given) by date, start time and id."""
    query = select(Meeting).order_by(Meeting.date, Meeting.starts_at, Meeting.id)
    if board_id is not None:
        query = query.where(Meeting.board_id == board_id)
    return list(session.scalars(query))


def meetings_held_on(session: Session, board_ids: Sequence[int], day: dt.date) -> list[Meeting]:
    """The meetings of these boards on ``day`` that are not cancelled, by start time."""
    return list(
        session.scalars(
            select(Meeting)
            .where(
                Meeting.board_id.in_(board_ids),
                Meeting.date == day,
                Meeting.status != MeetingStatus.CANCELLED,
            )
            .order_by(Meeting.starts_at)
        )
    )


def board_meeting_on(session: Session, board_id: int, day: dt.date) -> Meeting | None:
    """A meeting of the board on ``day`` (cancelled or not), if it has one."""
    return session.scalars(
        select(Meeting).where(Meeting.board_id == board_id, Meeting.date == day)
    ).first()
