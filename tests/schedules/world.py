"""A small board to remind: builders shared by the scheduling tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storage.models import (
    Action,
    AgendaItem,
    Attendance,
    AttendanceSource,
    AttendanceStatus,
    Board,
    BoardRole,
    Meeting,
    Member,
    Role,
)

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A London wall-clock time (the first one, if it happens twice)."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)


def member(session: Session, name: str) -> Member:
    person = Member(name=name, match_key=name.lower().removeprefix("councillor ").strip())
    session.add(person)
    return person


def board(
    session: Session,
    name: str = "Corporate Parenting Board",
    people: dict[str, Role] | None = None,
    in_channel: bool = False,
) -> tuple[Board, dict[str, Member]]:
    """A board with members in roles; default: a chair, a member, a clerk and an officer."""
    people = people or {
        "Councillor M Carr": Role.CHAIR,
        "Councillor J Walker": Role.MEMBER,
        "Sam Clerk": Role.CLERK,
        "Director of Children's Services": Role.OFFICER,
    }
    made = Board(name=name, timezone="Europe/London", remind_in_channel=in_channel)
    session.add(made)
    members: dict[str, Member] = {}
    for person, role in people.items():
        members[person] = member(session, person)
        session.add(BoardRole(board=made, member=members[person], role=role))
    session.flush()
    return made, members


def meeting(
    session: Session,
    of: Board,
    starts: dt.datetime | dt.date,
    venue: str | None = "Committee Room 1, Civic Centre",
    items: tuple[str, ...] = ("Apologies for absence", "Minutes of the last meeting"),
) -> Meeting:
    if isinstance(starts, dt.datetime):
        made = Meeting(board=of, date=starts.date(), starts_at=starts.astimezone(UTC))
    else:
        made = Meeting(board=of, date=starts, starts_at=None)
    made.venue = venue
    for position, title in enumerate(items, start=1):
        made.items.append(AgendaItem(position=position, number=str(position), title=title))
    session.add(made)
    session.flush()
    return made


def apologies(session: Session, at: Meeting, who: Member) -> None:
    session.add(
        Attendance(
            meeting=at,
            member_id=who.id,
            name=who.name,
            person_key=who.match_key,
            status=AttendanceStatus.APOLOGIES,
            source=AttendanceSource.CHAT,
        )
    )
    session.flush()


def action(
    session: Session,
    of: Board,
    text: str,
    owner: Member | None,
    due: dt.date | None = None,
    due_meeting: Meeting | None = None,
) -> Action:
    made = Action(
        board=of,
        text=text,
        owner=owner,
        owner_text=owner.name if owner else None,
        due=due,
        due_meeting=due_meeting,
    )
    session.add(made)
    session.flush()
    return made
