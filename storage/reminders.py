"""What reminder planning reads: roles, boards, meetings in a window, apologies, open actions.

Rows of plain columns rather than ORM objects: planning runs every tick over
every board, so it reads only what it uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import (
    Action,
    ActionStatus,
    Attendance,
    AttendanceStatus,
    Board,
    BoardRole,
    Meeting,
    MeetingStatus,
    Role,
)

CHUNK = 500


# (board id, member id, role)
RoleRow = tuple[int, int, Role]
# (id, name, timezone, remind in channel)
BoardRow = tuple[int, str, str, bool]
# (id, board id, date, start)
MeetingRow = tuple[int, int, dt.date, dt.datetime | None]
# (id, board id, owner member id, due, not before)
ActionRow = tuple[int, int, int, dt.date, dt.date | None]


def _chunks(values: Sequence[int]) -> Iterator[Sequence[int]]:
    for index in range(0, len(values), CHUNK):
        yield values[index : index + CHUNK]


def board_roles(session: Session) -> list[RoleRow]:
    """Every role on every board, by board and then member."""
    query = select(BoardRole.board_id, BoardRole.member_id, BoardRole.role).order_by(
        BoardRole.board_id, BoardRole.member_id
    )
    return list(session.execute(query).all())


def boards(session: Session) -> list[BoardRow]:
    """Every board with its name, timezone and whether it is reminded in its channel."""
    query = select(Board.id, Board.name, Board.timezone, Board.remind_in_channel)
    return list(session.execute(query).all())


def scheduled_meetings(session: Session, first: dt.date, last: dt.date) -> list[MeetingRow]:
    """The scheduled (not cancelled or held) meetings dated ``first`` to ``last``."""
    query = select(Meeting.id, Meeting.board_id, Meeting.date, Meeting.starts_at).where(
        Meeting.status == MeetingStatus.SCHEDULED,
        Meeting.date >= first,
        Meeting.date <= last,
    )
    return list(session.execute(query).all())


def apologies_by_meeting(session: Session, meeting_ids: Sequence[int]) -> dict[int, set[int]]:
    """The members who sent apologies for each of ``meeting_ids`` (meetings with none left out)."""
    found: dict[int, set[int]] = {}
    for ids in _chunks(meeting_ids):
        for meeting_id, member_id in session.execute(
            select(Attendance.meeting_id, Attendance.member_id).where(
                Attendance.meeting_id.in_(ids),
                Attendance.status == AttendanceStatus.APOLOGIES,
                Attendance.member_id.is_not(None),
            )
        ):
            if member_id is not None:
                found.setdefault(meeting_id, set()).add(member_id)
    return found


def has_sent_apologies(session: Session, meeting_id: int, member_id: int) -> bool:
    """Whether the member has apologies recorded for the meeting."""
    return (
        session.scalars(
            select(Attendance.id).where(
                Attendance.meeting_id == meeting_id,
                Attendance.member_id == member_id,
                Attendance.status == AttendanceStatus.APOLOGIES,
            )
        ).first()
        is not None
    )


_OPEN_OWNED = (Action.status == ActionStatus.OPEN, Action.owner_member_id.is_not(None))


def open_actions_due_by(session: Session, due_by: dt.date) -> list[ActionRow]:
    """Open actions with an owner and a due date on or before ``due_by``."""
    query = select(
        Action.id, Action.board_id, Action.owner_member_id, Action.due, Action.not_before
    ).where(*_OPEN_OWNED, Action.due.is_not(None), Action.due <= due_by)
    return [
        (action_id, board_id, owner, due, not_before)
        for action_id, board_id, owner, due, not_before in session.execute(query)
        if owner is not None and due is not None
    ]


def members_owing_actions(session: Session) -> list[int]:
    """The members who own at least one open action, in id order."""
    query = select(Action.owner_member_id).where(*_OPEN_OWNED).distinct()
    return sorted(owner for owner in session.scalars(query) if owner is not None)
