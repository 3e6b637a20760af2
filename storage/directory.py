"""Boards, members and meetings as a clerk sets them up by hand.

Every function raises ``DirectoryError`` with a one-line reason for bad input
and leaves committing to the caller, so a failed command writes nothing. Member
names are matched with ``storage.names``, as the parsers match them.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from storage.conversations import forget_user
from storage.errors import InvalidInput
from storage.models import (
    DEFAULT_TIMEZONE,
    PRESIDING_ROLES,
    Board,
    BoardRole,
    ChatIdentity,
    Meeting,
    MeetingStatus,
    Member,
    Role,
)
from storage.names import match_key
from storage.queries import find_board

PLATFORMS = ("slack", "discord", "teams")
# ``BoardRole.set_by`` of a role given by hand (imports write "import").
SET_BY_CLERK = "clerk"


def find_member_by_name(session: Session, name: str) -> Member | None:
    """The member whose printed name or matching key is ``name``: exact, never a guess."""
    printed = " ".join(name.split()).lower()
    found = session.scalars(
        select(Member)
        .where(or_(func.lower(Member.name) == printed, Member.match_key == match_key(name)))
        .order_by(Member.id)
    ).all()
    # Two members sharing a matching key ("J Walker") are told apart only by the full name.
    exact = [m for m in found if m.name.lower() == printed]
    return exact[0] if exact else found[0] if len(found) == 1 else None


class DirectoryError(InvalidInput):
    """Bad input for a directory change; the message is one line for the user."""


def board_names(session: Session) -> list[str]:
    """Every board's name, A to Z: what an unknown board name is answered with."""
    return list(session.scalars(select(Board.name).order_by(Board.name)))


def board_named(session: Session, name: str) -> Board:
    board = find_board(session, name)
    if board is None:
        known = ", ".join(board_names(session)) or "none yet"
        raise DirectoryError(f"unknown board {name!r} (known boards: {known})")
    return board


def add_board(
    session: Session,
    name: str,
    *,
    short_name: str | None = None,
    aliases: list[str] | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    quorum: int | None = None,
) -> Board:
    name = " ".join(name.split())
    if not name:
        raise DirectoryError("a board needs a name")
    for label in (name, short_name, *(aliases or [])):
        if label and find_board(session, label) is not None:
            raise DirectoryError(f"a board called {label!r} already exists")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DirectoryError(f"unknown timezone {timezone!r}") from exc
    if quorum is not None and quorum < 1:
        raise DirectoryError("quorum must be at least 1")
    board = Board(
        name=name,
        short_name=short_name,
        aliases=list(aliases or []),
        timezone=timezone,
        quorum=quorum,
    )
    session.add(board)
    session.flush()
    return board


def member_named(session: Session, name: str) -> Member:
    """The one member called ``name``: printed name or matching key, no guessing."""
    key = match_key(name)
    found = list(session.scalars(select(Member).where(Member.match_key == key)))
    if not found:
        raise DirectoryError(f"unknown member {name!r}")
    if len(found) > 1:
        raise DirectoryError(f"{name!r} matches {len(found)} members; use the full printed name")
    return found[0]


def add_member(
    session: Session,
    name: str,
    *,
    email: str | None = None,
    board: Board | None = None,
    role: Role = Role.MEMBER,
    since: dt.date | None = None,
) -> Member:
    name = " ".join(name.split())
    key = match_key(name)
    if not key:
        raise DirectoryError(f"{name!r} is not a name")
    if session.scalars(select(Member).where(Member.match_key == key)).first() is not None:
        raise DirectoryError(f"a member matching {name!r} already exists")
    if email is not None:
        email = email.strip().lower()
        if "@" not in email:
            raise DirectoryError(f"invalid email {email!r}")
        if session.scalars(select(Member).where(Member.email == email)).first() is not None:
            raise DirectoryError(f"another member already has the email {email!r}")
    member = Member(name=name, match_key=key, email=email)
    session.add(member)
    session.flush()
    if board is not None:
        give_role(session, member, board, role, since=since)
    return member


def give_role(
    session: Session, member: Member, board: Board, role: Role, *, since: dt.date | None = None
) -> None:
    """Give ``member`` a role on ``board``, as a clerk says.

    A chair or vice-chair is one person: giving the role takes it from whoever held it,
    and from the member the other of the two. Dated ``since``, it holds against minutes
    of meetings up to that day; minutes of a later meeting may name someone else.
    """
    if role in PRESIDING_ROLES:
        others = (BoardRole.role == role) & (BoardRole.member_id != member.id)
        other_role = (BoardRole.role == PRESIDING_ROLES[role]) & (BoardRole.member_id == member.id)
        for stale in session.scalars(
            select(BoardRole).where(BoardRole.board_id == board.id, others | other_role)
        ):
            session.delete(stale)
    held = [r for r in member.roles if r.board_id == board.id and r.role == role]
    row = held[0] if held else BoardRole(board=board, role=role)
    if not held:
        member.roles.append(row)
    if role in PRESIDING_ROLES:
        row.as_of, row.set_by = since, SET_BY_CLERK
    row.ended_on = None  # given again: held again
    session.flush()


def end_roles(
    session: Session, member: Member, board: Board, on: dt.date, *, role: Role | None = None
) -> list[BoardRole]:
    """End ``member``'s roles on ``board`` (or only ``role``) on ``on``: they left the board.

    The rows stay, dated, so the member's record still shows the role they held.
    """
    held = [
        r
        for r in member.roles
        if r.board_id == board.id and (role is None or r.role == role) and r.ended_on is None
    ]
    if not held:
        what = f"no current {role.value} role" if role else "no current role"
        raise DirectoryError(f"{member.name} has {what} on {board.name}: nothing to end")
    for row in held:
        row.ended_on = on
    session.flush()
    return held


def unlink_identity(session: Session, member: Member, platform: str) -> list[str]:
    """Remove ``member``'s chat links on ``platform``; the user ids that were linked."""
    gone = [i for i in member.identities if i.platform == platform]
    for identity in gone:
        forget_user(session, identity.platform, identity.user_id)  # kept conversations too
        member.identities.remove(identity)
    session.flush()
    return [i.user_id for i in gone]


def _chat_id(platform: str, value: str, what: str) -> str:
    if platform not in PLATFORMS:
        raise DirectoryError(f"unknown platform {platform!r} (use {' or '.join(PLATFORMS)})")
    value = value.strip()
    if not value:
        raise DirectoryError(f"a chat {what} id cannot be empty")
    return value


def link_identity(
    session: Session, member: Member, platform: str, user_id: str, team_id: str | None = None
) -> None:
    """Link a chat user id (and Slack workspace) to a member; a user id belongs to one member."""
    user_id = _chat_id(platform, user_id, "user")
    existing = session.scalars(
        select(ChatIdentity).where(
            ChatIdentity.platform == platform, ChatIdentity.user_id == user_id
        )
    ).one_or_none()
    if existing is not None:
        if existing.member_id == member.id:
            existing.team_id = team_id or existing.team_id
            return
        raise DirectoryError(
            f"{platform} user {user_id} is already linked to {existing.member.name}"
        )
    session.add(ChatIdentity(member=member, platform=platform, user_id=user_id, team_id=team_id))
    session.flush()


def parse_when(value: str, zone: ZoneInfo) -> tuple[dt.date, dt.datetime | None]:
    """A meeting's date, and its start if a time is given: "2026-12-02" or "2026-12-02T15:00"."""
    try:
        if "T" in value or " " in value.strip():
            start = dt.datetime.fromisoformat(value.strip())
            start = start if start.tzinfo else start.replace(tzinfo=zone)
            return start.astimezone(zone).date(), start
        return dt.date.fromisoformat(value.strip()), None
    except ValueError as exc:
        raise DirectoryError(f"invalid date {value!r}: use 2026-12-02 or 2026-12-02T15:00") from exc


def add_meeting(session: Session, board: Board, when: str, *, venue: str | None = None) -> Meeting:
    date, start = parse_when(when, board.tz)
    meeting = Meeting(board=board, date=date, starts_at=start, venue=venue)
    session.add(meeting)
    session.flush()
    return meeting


def meeting_by_id(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise DirectoryError(f"no meeting with id {meeting_id}")
    return meeting


def cancel_meeting(session: Session, meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.HELD:
        raise DirectoryError("a meeting that has been held cannot be cancelled")
    meeting.status = MeetingStatus.CANCELLED


def move_meeting(session: Session, meeting: Meeting, when: str) -> None:
    """Reschedule; reminders follow by themselves because they are planned from this row."""
    if meeting.status == MeetingStatus.HELD:
        raise DirectoryError("a meeting that has been held cannot be moved")
    meeting.date, meeting.starts_at = parse_when(when, meeting.board.tz)
    meeting.status = MeetingStatus.SCHEDULED
