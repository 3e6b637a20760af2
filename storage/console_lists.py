"""The console's long lists, one page at a time: meetings, actions and the audit log.

Each returns the rows of one page and the total, counted by the database, so a
board with 300 meetings costs one short query per page, not 300 rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from storage.audit import AuditEntry
from storage.models import (
    Action,
    ActionStatus,
    Attendance,
    Board,
    BoardRole,
    Meeting,
    Member,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Slice(Generic[T]):
    """One page of a list: its rows, and how many rows the whole list has."""

    rows: list[T]
    total: int


def _count(session: Session, query: Select[Any]) -> int:
    return session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


def meetings_page(
    session: Session,
    board_ids: Iterable[int],
    *,
    today: dt.date,
    upcoming: bool,
    offset: int,
    limit: int,
) -> Slice[Meeting]:
    """Upcoming meetings soonest first, or past ones latest first, of these boards."""
    query = select(Meeting).where(Meeting.board_id.in_(list(board_ids)))
    if upcoming:
        query = query.where(Meeting.date >= today).order_by(Meeting.date, Meeting.id)
    else:
        query = query.where(Meeting.date < today).order_by(Meeting.date.desc(), Meeting.id.desc())
    rows = session.scalars(
        query.options(selectinload(Meeting.board)).offset(offset).limit(limit)
    ).all()
    return Slice(list(rows), _count(session, query))


def attendance_counts(session: Session, meeting_ids: Iterable[int]) -> dict[int, int]:
    """How many attendance rows each meeting has (meetings with none left out)."""
    ids = list(meeting_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(Attendance.meeting_id, func.count())
        .where(Attendance.meeting_id.in_(ids))
        .group_by(Attendance.meeting_id)
    )
    return {int(meeting_id): int(count) for meeting_id, count in rows}


@dataclass(frozen=True)
class ActionLine:
    """One action as the list shows it, in plain values (a page is one query, no objects)."""

    id: int
    board_id: int
    board: str
    text: str
    owner: str
    due: dt.date | None  # its date, else the date of the meeting it is due back at
    status: ActionStatus


def actions_page(
    session: Session,
    board_ids: Iterable[int],
    *,
    status: ActionStatus | None,
    owner_id: int | None,
    overdue_on: dt.date | None,
    offset: int,
    limit: int,
) -> Slice[ActionLine]:
    """Actions of these boards by status and owner, or only those overdue on ``overdue_on``
    (open, and due, or due back at a meeting, before it); soonest due first, undated last."""
    due_meeting = aliased(Meeting)
    due = func.coalesce(Action.due, due_meeting.date)
    conditions: list[ColumnElement[bool]] = [Action.board_id.in_(list(board_ids))]
    if status is not None:
        conditions.append(Action.status == status)
    if owner_id is not None:
        conditions.append(Action.owner_member_id == owner_id)
    if overdue_on is not None:
        conditions += [Action.status == ActionStatus.OPEN, due < overdue_on]
    # The page's ids first, sorted on narrow rows (id and its due dates), then the
    # board's and owner's names for those 25 only: the sort of thousands of actions
    # carries no text.
    chosen = (
        select(Action.id, due.label("due_on"))
        .outerjoin(due_meeting, due_meeting.id == Action.due_meeting_id)
        .where(*conditions)
        .order_by(due.is_(None), due, Action.id)
        .offset(offset)
        .limit(limit)
        .subquery()
    )
    query = (
        select(
            Action.id,
            Action.board_id,
            Board.name,
            Action.text,
            func.coalesce(Member.name, Action.owner_text),
            chosen.c.due_on,
            Action.status,
        )
        .join(chosen, chosen.c.id == Action.id)
        .join(Board, Board.id == Action.board_id)
        .outerjoin(Member, Member.id == Action.owner_member_id)
    )
    rows = sorted(
        (
            ActionLine(id_, board_id, board, text, owner or "no owner", due_on, status_)
            for id_, board_id, board, text, owner, due_on, status_ in session.execute(query)
        ),
        key=lambda line: (line.due is None, line.due or dt.date.min, line.id),
    )
    counted = select(func.count(Action.id))
    if overdue_on is not None:
        counted = counted.outerjoin(due_meeting, due_meeting.id == Action.due_meeting_id)
    return Slice(rows, session.scalar(counted.where(*conditions)) or 0)


def action_owners(session: Session, board_ids: Iterable[int]) -> list[tuple[int, str]]:
    """(id, name) of the members of these boards, by name: the owner filter's choices.

    Read from the boards' roles (a few hundred rows), not from every action: plain rows,
    each member once.
    """
    rows = session.execute(
        select(Member.id, Member.name)
        .join(BoardRole, BoardRole.member_id == Member.id)
        .where(BoardRole.board_id.in_(list(board_ids)))
        .distinct()
        .order_by(Member.name, Member.id)
    )
    return [(member_id, name) for member_id, name in rows]


def audit_page(
    session: Session,
    *,
    board_ids: Iterable[int],
    actor: str,
    offset: int,
    limit: int,
) -> Slice[AuditEntry]:
    """The audit entries a clerk of ``board_ids`` may read, newest first.

    Those about one of the boards, and those ``actor`` wrote; entries about no one
    board (a member's data, a source) too when the boards are all there are, so only
    a clerk of every board reads the whole log.
    """
    ids = list(board_ids)
    seen: list[ColumnElement[bool]] = [AuditEntry.board_id.in_(ids), AuditEntry.actor == actor]
    unclerked = session.scalar(select(func.count(Board.id)).where(Board.id.not_in(ids)))
    if ids and not unclerked:
        seen.append(AuditEntry.board_id.is_(None))
    query = select(AuditEntry).where(or_(*seen))
    rows = session.scalars(
        query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).offset(offset).limit(limit)
    ).all()
    return Slice(list(rows), _count(session, query))
