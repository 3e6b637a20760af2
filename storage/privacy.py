"""Personal data about a member: what is held (subject access), erasure, and reason retention.

Each kind of personal data is one ``PersonalData`` entry saying how to list
it and how to erase it; a new feature that stores something about a member
(calendar feed tokens, say) adds its entry with ``register`` and both
``member data`` and ``member forget`` cover it. What the published minutes
print (the member's name, roles, attendance, actions) is the public record and
is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from storage.audit import AuditEntry
from storage.conversations import forget_user
from storage.models import (
    Action,
    ApprovedAbsence,
    Attendance,
    AttendanceSource,
    CalendarToken,
    Delivery,
    Meeting,
    Member,
)
from storage.papers.tables import DigestChoice
from storage.turns import ConversationTurn

Row = dict[str, Any]


@dataclass(frozen=True)
class PersonalData:
    """One kind of data held about a member; ``erase`` is None for the public record."""

    name: str
    describe: Callable[[Session, Member], list[Row]]
    erase: Callable[[Session, Member], int] | None = None


def _count(result: Any) -> int:
    """How many rows a bulk UPDATE or DELETE touched."""
    return int(getattr(result, "rowcount", 0) or 0)


def _when(value: dt.datetime | dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _profile(session: Session, member: Member) -> list[Row]:
    return [
        {
            "name": member.name,
            "match_key": member.match_key,
            "email": member.email,
            "created_at": _when(member.created_at),
        }
    ]


def _erase_email(session: Session, member: Member) -> int:
    had = member.email is not None
    member.email = None
    return int(had)


def _roles(session: Session, member: Member) -> list[Row]:
    return [
        {
            "board": r.board.name,
            "role": r.role.value,
            "since": _when(r.as_of),
            "ended": _when(r.ended_on),
        }
        for r in member.roles
    ]


def _identities(session: Session, member: Member) -> list[Row]:
    return [
        {"platform": i.platform, "user_id": i.user_id, "team_id": i.team_id}
        for i in member.identities
    ]


def _erase_identities(session: Session, member: Member) -> int:
    """The links, and the chats kept for reaching them (Teams' conversation references)."""
    for identity in member.identities:
        forget_user(session, identity.platform, identity.user_id)
    count = len(member.identities)
    member.identities.clear()
    return count


def _own_attendance(member: Member) -> Any:
    return or_(Attendance.member_id == member.id, Attendance.person_key == member.match_key)


# A reason given in chat or to the clerk; one the minutes print is the public record.
_UNPRINTED_REASON = (
    Attendance.reason.is_not(None),
    Attendance.source != AttendanceSource.MINUTES,
)


def _attendance(session: Session, member: Member) -> list[Row]:
    rows = session.scalars(
        select(Attendance).join(Meeting).where(_own_attendance(member)).order_by(Meeting.date)
    )
    return [
        {
            "board": row.meeting.board.name,
            "meeting_date": _when(row.meeting.date),
            "status": row.status.value,
            "substitute_for": row.substitute_for,
            "reason": row.reason,
            "note": row.note,
            "source": row.source.value,
            "recorded_at": _when(row.recorded_at),
            "recorded_by": row.recorded_by,
        }
        for row in rows
    ]


def _erase_reasons(session: Session, member: Member) -> int:
    """Reasons given in chat or to the clerk; a reason the minutes print stays with them."""
    result = session.execute(
        update(Attendance).where(_own_attendance(member), *_UNPRINTED_REASON).values(reason=None)
    )
    return _count(result)


def _absences(session: Session, member: Member) -> list[Row]:
    """Absences the authority approved: its record (section 85), kept as given."""
    rows = session.scalars(
        select(ApprovedAbsence)
        .where(ApprovedAbsence.member_id == member.id)
        .order_by(ApprovedAbsence.until, ApprovedAbsence.id)
    )
    return [
        {
            "until": _when(a.until),
            "reason": a.reason,
            "recorded_at": _when(a.recorded_at),
            "recorded_by": a.recorded_by,
            "withdrawn_at": _when(a.withdrawn_at),
            "withdrawn_by": a.withdrawn_by,
        }
        for a in rows
    ]


def _actions(session: Session, member: Member) -> list[Row]:
    rows = session.scalars(select(Action).where(Action.owner_member_id == member.id))
    return [
        {"id": a.id, "text": a.text, "status": a.status.value, "due": _when(a.due)} for a in rows
    ]


def _deliveries(session: Session, member: Member) -> list[Row]:
    rows = session.scalars(
        select(Delivery).where(Delivery.member_id == member.id).order_by(Delivery.due_at)
    )
    return [
        {
            "kind": d.kind,
            "due_at": _when(d.due_at),
            "sent_at": _when(d.sent_at),
            "outcome": d.outcome,
        }
        for d in rows
    ]


def _erase_deliveries(session: Session, member: Member) -> int:
    result = session.execute(delete(Delivery).where(Delivery.member_id == member.id))
    return _count(result)


def _own_turns(member: Member) -> Any:
    return or_(
        ConversationTurn.member_id == member.id, ConversationTurn.actor == f"member:{member.id}"
    )


def _turns(session: Session, member: Member) -> list[Row]:
    rows = session.scalars(select(ConversationTurn).where(_own_turns(member)))
    return [{"kind": t.kind, "at": _when(t.at), "payload": t.payload} for t in rows]


def _erase_turns(session: Session, member: Member) -> int:
    result = session.execute(delete(ConversationTurn).where(_own_turns(member)))
    return _count(result)


def _calendar_links(session: Session, member: Member) -> list[Row]:
    rows = session.scalars(
        select(CalendarToken).where(CalendarToken.member_id == member.id).order_by(CalendarToken.id)
    )
    # The token itself is never stored (only its hash), so the link cannot be shown again.
    return [{"issued": _when(t.created_at), "revoked": _when(t.revoked_at)} for t in rows]


def _erase_calendar_links(session: Session, member: Member) -> int:
    result = session.execute(delete(CalendarToken).where(CalendarToken.member_id == member.id))
    return _count(result)


def _digest_choice(session: Session, member: Member) -> list[Row]:
    """The member's own ``/digest off|on``; kept on forgetting, so an opt-out stands."""
    choice = session.get(DigestChoice, member.id)
    if choice is None:
        return []
    return [{"papers_digest": "on" if choice.enabled else "off", "at": _when(choice.changed_at)}]


def _requests(session: Session, member: Member) -> list[Row]:
    rows = session.scalars(
        select(AuditEntry).where(AuditEntry.subject == member.name).order_by(AuditEntry.at)
    )
    return [{"at": _when(e.at), "by": e.actor, "action": e.action} for e in rows]


HELD: list[PersonalData] = [
    PersonalData("member", _profile, _erase_email),
    PersonalData("roles", _roles),
    PersonalData("chat_links", _identities, _erase_identities),
    PersonalData("attendance", _attendance, _erase_reasons),
    PersonalData("approved_absences", _absences),
    PersonalData("actions", _actions),
    PersonalData("delivery_history", _deliveries, _erase_deliveries),
    PersonalData("conversation", _turns, _erase_turns),
    PersonalData("calendar_links", _calendar_links, _erase_calendar_links),
    PersonalData("data_requests", _requests),
    PersonalData("digest_choice", _digest_choice),
]


def register(kind: PersonalData) -> None:
    """Another feature's personal data joins subject access and erasure."""
    HELD.append(kind)


def member_data(session: Session, member: Member) -> dict[str, list[Row]]:
    """Everything held about ``member``, by kind."""
    return {kind.name: kind.describe(session, member) for kind in HELD}


def forget_member(session: Session, member: Member) -> dict[str, int]:
    """Erase what is not the published record; returns how many of each kind went."""
    erased = {kind.name: kind.erase(session, member) for kind in HELD if kind.erase is not None}
    session.flush()
    return erased


def erase_expired_reasons(session: Session, now: dt.datetime, retention: dt.timedelta) -> int:
    """Blank reasons given for meetings more than ``retention`` ago; the rows themselves stay.

    Reasons printed in published minutes are the public record and are kept.
    Apology turns (which copy a reason for Undo) older than a day go too.
    """
    cutoff = (now - retention).date()
    old = select(Meeting.id).where(Meeting.date < cutoff)
    result = session.execute(
        update(Attendance)
        .where(Attendance.meeting_id.in_(old), *_UNPRINTED_REASON)
        .values(reason=None)
    )
    session.execute(
        delete(ConversationTurn).where(ConversationTurn.at < now - dt.timedelta(days=1))
    )
    return _count(result)
