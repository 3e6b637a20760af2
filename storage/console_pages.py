"""What the clerk's console pages read: boards, meetings, attendance and actions, by name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.models import (
    Action,
    ActionStatus,
    Attendance,
    Board,
    BoardRole,
    Meeting,
    MeetingStatus,
    Member,
    Role,
)


def boards_by_id(session: Session, board_ids: Iterable[int]) -> list[Board]:
    return list(
        session.scalars(select(Board).where(Board.id.in_(list(board_ids))).order_by(Board.name))
    )


def upcoming_meetings(
    session: Session, board_ids: Iterable[int], today: dt.date, *, limit: int = 50
) -> list[Meeting]:
    """Meetings on or after ``today`` of these boards, soonest first."""
    return list(
        session.scalars(
            select(Meeting)
            .options(selectinload(Meeting.board))
            .where(Meeting.board_id.in_(list(board_ids)), Meeting.date >= today)
            .order_by(Meeting.date, Meeting.id)
            .limit(limit)
        )
    )


def attendance_of(session: Session, meeting: Meeting) -> list[Attendance]:
    return list(
        session.scalars(
            select(Attendance)
            .where(Attendance.meeting_id == meeting.id)
            .order_by(Attendance.name, Attendance.id)
        )
    )


def expected_members(session: Session, meeting: Meeting, roles: Iterable[Role]) -> list[Member]:
    """The board's members holding one of ``roles``: those expected at ``meeting``."""
    return list(
        session.scalars(
            select(Member)
            .join(BoardRole, BoardRole.member_id == Member.id)
            .where(BoardRole.board_id == meeting.board_id, BoardRole.role.in_(list(roles)))
            .distinct()
            .order_by(Member.name)
        )
    )


def filtered_actions(
    session: Session,
    board_ids: Iterable[int],
    *,
    status: ActionStatus | None,
    overdue_on: dt.date | None,
    owner_id: int | None = None,
    limit: int = 200,
) -> list[Action]:
    """Actions of these boards, optionally by status, owner and overdue on a date."""
    query = (
        select(Action)
        .options(selectinload(Action.board), selectinload(Action.owner))
        .where(Action.board_id.in_(list(board_ids)))
    )
    if status is not None:
        query = query.where(Action.status == status)
    if owner_id is not None:
        query = query.where(Action.owner_member_id == owner_id)
    if overdue_on is not None:
        query = query.where(Action.status == ActionStatus.OPEN, Action.due < overdue_on)
    return list(
        session.scalars(query.order_by(Action.due.is_(None), Action.due, Action.id).limit(limit))
    )


def member_actions(session: Session, member_id: int) -> list[Action]:
    return list(
        session.scalars(
            select(Action)
            .options(selectinload(Action.board))
            .where(Action.owner_member_id == member_id)
            .order_by(Action.status, Action.due.is_(None), Action.due, Action.id)
        )
    )


def member_apologies(session: Session, member: Member) -> list[Attendance]:
    """The member's own attendance rows with apologies, newest meeting first."""
    return list(
        session.scalars(
            select(Attendance)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .options(selectinload(Attendance.meeting).selectinload(Meeting.board))
            .where(
                (Attendance.member_id == member.id) | (Attendance.person_key == member.match_key)
            )
            .order_by(Meeting.date.desc())
        )
    )


def live_meeting_statuses() -> tuple[MeetingStatus, ...]:
    return (MeetingStatus.SCHEDULED, MeetingStatus.POSTPONED)
