"""Each member's attendance over a period, their last attendance and approved absences.

Rows come from the record as imports, syncs and chat apologies left it; the
figures are worked out elsewhere (``handlers.attendance.figures``), so these
only read and write plain values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVarTuple

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from storage.errors import InvalidInput
from storage.models import (
    ApprovedAbsence,
    Attendance,
    AttendanceStatus,
    Board,
    BoardRole,
    Meeting,
    MeetingStatus,
    Member,
    Role,
)

# Someone at a meeting in their own right or as a substitute: the six-month rule's "attended".
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTE)
# Statuses that make a person one of a meeting's members (officers are "in attendance").
MEMBERSHIP = (*ATTENDED, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT)


Row = TypeVarTuple("Row")


class AttendanceError(InvalidInput):
    """Bad input for an attendance command; one line for the user."""


@dataclass(frozen=True)
class AttendanceLine:
    """One member at one meeting, as the record has it."""

    member_id: int
    member_name: str
    board_id: int
    board_name: str
    meeting_id: int
    date: dt.date
    status: AttendanceStatus
    substitute_for: str | None


def attendance_lines(
    session: Session,
    *,
    board_ids: Iterable[int] | None = None,
    member_ids: Iterable[int] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[AttendanceLine]:
    """Members' attendance rows at meetings that took place, oldest first."""
    query = (
        select(
            Attendance.member_id,
            Member.name,
            Meeting.board_id,
            Board.name,
            Meeting.id,
            Meeting.date,
            Attendance.status,
            Attendance.substitute_for,
        )
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(Board, Board.id == Meeting.board_id)
        .join(Member, Member.id == Attendance.member_id)
        .where(
            Attendance.status.in_(MEMBERSHIP),
            Meeting.status.not_in((MeetingStatus.CANCELLED, MeetingStatus.POSTPONED)),
        )
        .order_by(Meeting.date, Meeting.id, Member.name)
    )
    query = _within(query, board_ids, member_ids, since, until)
    return [
        AttendanceLine(member, name, board, board_name, meeting, date, status, substitute_for)
        for member, name, board, board_name, meeting, date, status, substitute_for in (
            session.execute(query)
        )
        if member is not None
    ]


def _within(
    query: Select[*Row],
    board_ids: Iterable[int] | None,
    member_ids: Iterable[int] | None,
    since: dt.date | None,
    until: dt.date | None,
) -> Select[*Row]:
    if board_ids is not None:
        query = query.where(Meeting.board_id.in_(list(board_ids)))
    if member_ids is not None:
        query = query.where(Attendance.member_id.in_(list(member_ids)))
    if since is not None:
        query = query.where(Meeting.date >= since)
    if until is not None:
        query = query.where(Meeting.date <= until)
    return query


@dataclass(frozen=True)
class AttendanceCount:
    """How often one member had one status at one board's meetings, and the latest date."""

    member_id: int
    member_name: str
    board_name: str
    status: AttendanceStatus
    count: int
    latest: dt.date


def attendance_counts(
    session: Session,
    *,
    board_ids: Iterable[int] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[AttendanceCount]:
    """``attendance_lines`` counted by the database, a row per member, board and status:
    a board's page reads its members' tallies, not every row of 300 meetings."""
    query = (
        select(
            Attendance.member_id,
            Member.name,
            Board.name,
            Attendance.status,
            func.count(),
            func.max(Meeting.date),
        )
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(Board, Board.id == Meeting.board_id)
        .join(Member, Member.id == Attendance.member_id)
        .where(
            Attendance.status.in_(MEMBERSHIP),
            Meeting.status.not_in((MeetingStatus.CANCELLED, MeetingStatus.POSTPONED)),
        )
        .group_by(Attendance.member_id, Member.name, Board.name, Attendance.status)
    )
    return [
        AttendanceCount(member_id, name, board, status, count, latest)
        for member_id, name, board, status, count, latest in session.execute(
            _within(query, board_ids, None, since, until)
        )
        if member_id is not None  # the inner join to members leaves none; for the types
    ]


def last_attended(
    session: Session, until: dt.date, member_ids: Iterable[int] | None = None
) -> dict[int, dt.date]:
    """Each member with any membership row (of ``member_ids``, if given): the date of their
    last attendance on or before ``until`` (a member never recorded attending is absent
    from the answer)."""
    query = (
        select(Attendance.member_id, func.max(Meeting.date))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(
            Attendance.member_id.is_not(None),
            Attendance.status.in_(ATTENDED),
            Meeting.date <= until,
        )
        .group_by(Attendance.member_id)
    )
    if member_ids is not None:
        query = query.where(Attendance.member_id.in_(list(member_ids)))
    return {member_id: date for member_id, date in session.execute(query) if member_id}


def member_names(session: Session, member_ids: Iterable[int]) -> dict[int, str]:
    ids = list(member_ids)
    if not ids:
        return {}
    return dict(session.execute(select(Member.id, Member.name).where(Member.id.in_(ids))).all())


def boards_of(session: Session, member_ids: Iterable[int]) -> dict[int, set[int]]:
    """The boards each member has a membership row on, or a board role."""
    ids = list(member_ids)
    found: dict[int, set[int]] = {}
    if not ids:
        return found
    rows = session.execute(
        select(Attendance.member_id, Meeting.board_id)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Attendance.member_id.in_(ids), Attendance.status.in_(MEMBERSHIP))
        .distinct()
    )
    for member_id, board_id in rows:
        if member_id is not None:
            found.setdefault(member_id, set()).add(board_id)
    roles = session.execute(
        select(BoardRole.member_id, BoardRole.board_id).where(
            BoardRole.member_id.in_(ids), BoardRole.role != Role.CLERK
        )
    )
    for member_id, board_id in roles:
        found.setdefault(member_id, set()).add(board_id)
    return found


def clerks_of(session: Session, board_ids: Iterable[int]) -> dict[int, set[int]]:
    """Each board's clerks (members with the clerk role) by board id."""
    ids = list(board_ids)
    found: dict[int, set[int]] = {}
    if not ids:
        return found
    rows = session.execute(
        select(BoardRole.board_id, BoardRole.member_id).where(
            BoardRole.board_id.in_(ids), BoardRole.role == Role.CLERK
        )
    )
    for board_id, member_id in rows:
        found.setdefault(board_id, set()).add(member_id)
    return found


def approve_absence(
    session: Session,
    member: Member,
    until: dt.date,
    reason: str,
    *,
    today: dt.date,
    recorded_by: str | None = None,
) -> ApprovedAbsence:
    """Records an approved absence; a date already past or an empty reason is refused."""
    reason = " ".join(reason.split())
    if not reason:
        raise AttendanceError("give the reason the authority approved (--reason)")
    if until < today:
        raise AttendanceError(f"--until {until.isoformat()} is already past")
    absence = ApprovedAbsence(
        member_id=member.id, until=until, reason=reason[:2000], recorded_by=recorded_by
    )
    session.add(absence)
    session.flush()
    return absence


def approved_until(session: Session, on: dt.date) -> dict[int, dt.date]:
    """Members with an approved absence covering ``on`` (not withdrawn): the latest date it
    runs to."""
    rows = session.execute(
        select(ApprovedAbsence.member_id, func.max(ApprovedAbsence.until))
        .where(ApprovedAbsence.until >= on, ApprovedAbsence.withdrawn_at.is_(None))
        .group_by(ApprovedAbsence.member_id)
    )
    return {int(member_id): until for member_id, until in rows}


def absences(
    session: Session,
    *,
    member_ids: Iterable[int] | None = None,
    board_id: int | None = None,
    include_withdrawn: bool = True,
) -> list[ApprovedAbsence]:
    """Approved absences, latest end first: of these members, or of a board's members."""
    query = select(ApprovedAbsence).join(Member, Member.id == ApprovedAbsence.member_id)
    if member_ids is not None:
        query = query.where(ApprovedAbsence.member_id.in_(list(member_ids)))
    if board_id is not None:
        on_board = select(BoardRole.member_id).where(
            BoardRole.board_id == board_id, BoardRole.role != Role.CLERK
        )
        query = query.where(ApprovedAbsence.member_id.in_(on_board))
    if not include_withdrawn:
        query = query.where(ApprovedAbsence.withdrawn_at.is_(None))
    return list(
        session.scalars(
            query.order_by(ApprovedAbsence.until.desc(), Member.name, ApprovedAbsence.id)
        )
    )


def absence_by_id(session: Session, absence_id: int) -> ApprovedAbsence:
    found = session.get(ApprovedAbsence, absence_id)
    if found is None:
        raise AttendanceError(f"no approved absence #{absence_id}")
    return found


def withdraw_absence(
    session: Session, absence: ApprovedAbsence, *, by: str, now: dt.datetime
) -> ApprovedAbsence:
    """Withdraws an approved absence (kept, stamped): six-month warnings resume at once."""
    if absence.withdrawn_at is not None:
        raise AttendanceError(f"approved absence #{absence.id} was already withdrawn")
    absence.withdrawn_at = now
    absence.withdrawn_by = by[:200]
    session.flush()
    return absence


def former_members(session: Session, member_ids: Iterable[int], on: dt.date) -> set[int]:
    """Members whose every board role (a clerk's aside) has ended by ``on``: former members.

    A member with no role at all is not counted as former: nothing says they left.
    """
    ids = list(member_ids)
    if not ids:
        return set()
    held: dict[int, bool] = {}
    rows = session.execute(
        select(BoardRole.member_id, BoardRole.ended_on).where(
            BoardRole.member_id.in_(ids), BoardRole.role != Role.CLERK
        )
    )
    for member_id, ended_on in rows:
        current = ended_on is None or ended_on > on
        held[member_id] = held.get(member_id, False) or current
    return {member_id for member_id, current in held.items() if not current}


def ended_boards(session: Session, member_ids: Iterable[int], on: dt.date) -> dict[int, set[int]]:
    """Each member's boards where every role they held (a clerk's aside) has ended by ``on``."""
    ids = list(member_ids)
    held: dict[tuple[int, int], bool] = {}
    if not ids:
        return {}
    rows = session.execute(
        select(BoardRole.member_id, BoardRole.board_id, BoardRole.ended_on).where(
            BoardRole.member_id.in_(ids), BoardRole.role != Role.CLERK
        )
    )
    for member_id, board_id, ended_on in rows:
        current = ended_on is None or ended_on > on
        held[(member_id, board_id)] = held.get((member_id, board_id), False) or current
    found: dict[int, set[int]] = {}
    for (member_id, board_id), current in held.items():
        if not current:
            found.setdefault(member_id, set()).add(board_id)
    return found
