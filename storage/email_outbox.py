"""Email waiting to go, and the replies the clerk should see.

The outbox makes a send durable: an email is stored (whole, as bytes) before the
first attempt, and each attempt is a claim: a conditional UPDATE only one
process can win, with a lease, so two replicas never hand the same email to the
relay at once and a sent one is never tried again. A passing failure puts it
back with a later ``next_attempt_at``; after ``MAX_ATTEMPTS``, or a refusal, it
is ``failed`` and stays listed for the clerk.

``EmailReply`` keeps each reply Board Clerk did not act on by itself (not an
apology recorded or withdrawn): the clerk has a copy, as the member is told.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    ForeignKey,
    LargeBinary,
    String,
    Text,
    delete,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage import privacy
from storage.models import Base, BoardRole, Meeting, Member, Role
from storage.types import UTCDateTime

QUEUED = "queued"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
MAX_ATTEMPTS = 6
FIRST_RETRY = dt.timedelta(minutes=1)  # doubled after each failure: 1, 2, 4, 8, 16 minutes


class OutboxMail(Base):
    """One email to one recipient, from queued to sent (or failed)."""

    __tablename__ = "email_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(250), unique=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[bytes | None] = mapped_column(LargeBinary)  # dropped once sent
    status: Mapped[str] = mapped_column(String(10), index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    lease_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class EmailReply(Base):
    """A member's reply that Board Clerk answered without acting on: the clerk's copy."""

    __tablename__ = "email_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    subject: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    understood: Mapped[str] = mapped_column(Text)  # what Board Clerk answered


@dataclass(frozen=True)
class Pending:
    """An email claimed for one attempt."""

    id: int
    recipient: str
    body: bytes
    attempts: int


def enqueue(
    session: Session,
    *,
    message_id: str,
    member_id: int | None,
    recipient: str,
    subject: str,
    body: bytes,
    now: dt.datetime,
) -> int:
    """Stores an email to be sent from ``now``; its outbox id."""
    row = OutboxMail(
        message_id=message_id[:250],
        member_id=member_id,
        recipient=recipient,
        subject=subject[:200],
        body=body,
        status=QUEUED,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row.id


def _claimable(now: dt.datetime) -> ColumnElement[bool]:
    queued = (OutboxMail.status == QUEUED) & (OutboxMail.next_attempt_at <= now)
    lapsed = (OutboxMail.status == SENDING) & or_(
        OutboxMail.lease_until.is_(None), OutboxMail.lease_until <= now
    )
    return queued | lapsed


def due(session: Session, now: dt.datetime, limit: int = 100) -> list[int]:
    """Ids of emails due an attempt at ``now`` (oldest first), lapsed claims included."""
    query = select(OutboxMail.id).where(_claimable(now)).order_by(OutboxMail.id).limit(limit)
    return list(session.scalars(query))


def claim(
    session: Session, mail_id: int, claimer: str, now: dt.datetime, lease: dt.timedelta
) -> Pending | None:
    """Claims one attempt at ``mail_id``; None when it is not due or another process has it.

    Commit at once: the claim must be visible before the email goes.
    """
    result = session.execute(
        update(OutboxMail)
        .where(OutboxMail.id == mail_id, _claimable(now))
        .values(
            status=SENDING,
            attempts=OutboxMail.attempts + 1,
            claimed_by=claimer,
            lease_until=now + lease,
        )
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult[Any], result).rowcount != 1:
        return None
    row = session.execute(
        select(OutboxMail.recipient, OutboxMail.body, OutboxMail.attempts).where(
            OutboxMail.id == mail_id
        )
    ).one()
    return Pending(mail_id, row.recipient, row.body or b"", row.attempts)


def settle(
    session: Session,
    mail_id: int,
    claimer: str,
    *,
    status: str,
    now: dt.datetime,
    error: str | None = None,
    retry_at: dt.datetime | None = None,
) -> bool:
    """Records the attempt's outcome (sent, failed, or queued again for ``retry_at``).

    False when the claim had lapsed and passed to another process.
    """
    values: dict[str, Any] = {"status": status, "lease_until": None, "last_error": error}
    if status == SENT:
        values.update(sent_at=now, body=None, last_error=None)
    if retry_at is not None:
        values["next_attempt_at"] = retry_at
    result = session.execute(
        update(OutboxMail)
        .where(
            OutboxMail.id == mail_id,
            OutboxMail.claimed_by == claimer,
            OutboxMail.status == SENDING,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return cast(CursorResult[Any], result).rowcount == 1


def retry_at(now: dt.datetime, attempts: int) -> dt.datetime | None:
    """When to try again after ``attempts`` failures; None once they are used up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return now + FIRST_RETRY * (1 << max(attempts - 1, 0))


def prune_sent(session: Session, before: dt.datetime) -> int:
    """Forgets emails sent before ``before`` (their bodies went at sending); how many."""
    result = session.execute(
        delete(OutboxMail).where(OutboxMail.status == SENT, OutboxMail.sent_at < before)
    )
    return int(cast(CursorResult[Any], result).rowcount or 0)


@dataclass(frozen=True)
class OutboxLine:
    """One email as ``boardclerk email outbox`` lists it."""

    id: int
    recipient: str
    subject: str
    status: str
    attempts: int
    created_at: dt.datetime
    last_error: str | None


def outbox_lines(session: Session, statuses: tuple[str, ...]) -> list[OutboxLine]:
    """Emails in ``statuses``, newest first."""
    rows = session.scalars(
        select(OutboxMail).where(OutboxMail.status.in_(statuses)).order_by(OutboxMail.id.desc())
    )
    return [
        OutboxLine(r.id, r.recipient, r.subject, r.status, r.attempts, r.created_at, r.last_error)
        for r in rows
    ]


def requeue(session: Session, mail_id: int, now: dt.datetime) -> bool:
    """Gives a failed email a fresh set of attempts from ``now``; False if it is not failed."""
    row = session.get(OutboxMail, mail_id)
    if row is None or row.status != FAILED or row.body is None:
        return False
    row.status, row.attempts, row.next_attempt_at = QUEUED, 0, now
    session.flush()
    return True


def keep_reply(
    session: Session,
    *,
    member_id: int,
    meeting_id: int | None,
    now: dt.datetime,
    subject: str,
    text: str,
    understood: str,
) -> int:
    """Keeps a reply for the clerk; its id."""
    row = EmailReply(
        member_id=member_id,
        meeting_id=meeting_id,
        received_at=now,
        subject=subject[:200],
        text=text,
        understood=understood,
    )
    session.add(row)
    session.flush()
    return row.id


@dataclass(frozen=True)
class KeptReply:
    """A kept reply as the clerk reads it."""

    id: int
    member: str
    received_at: dt.datetime
    subject: str
    text: str
    understood: str


def kept_replies(
    session: Session, since: dt.datetime | None = None, member_id: int | None = None
) -> list[KeptReply]:
    """Replies kept for the clerk (since ``since``; one member's), newest first."""
    query = select(EmailReply, Member.name).join(Member, Member.id == EmailReply.member_id)
    if since is not None:
        query = query.where(EmailReply.received_at >= since)
    if member_id is not None:
        query = query.where(EmailReply.member_id == member_id)
    rows = session.execute(query.order_by(EmailReply.received_at.desc(), EmailReply.id.desc()))
    return [
        KeptReply(r.id, name, r.received_at, r.subject, r.text, r.understood) for r, name in rows
    ]


# Subject access and erasure cover both (see storage.privacy).
def _describe_outbox(session: Session, member: Member) -> list[dict[str, Any]]:
    rows = session.scalars(select(OutboxMail).where(OutboxMail.member_id == member.id))
    return [
        {"subject": r.subject, "status": r.status, "at": r.created_at.isoformat()} for r in rows
    ]


def _erase_outbox(session: Session, member: Member) -> int:
    result = session.execute(delete(OutboxMail).where(OutboxMail.member_id == member.id))
    return int(cast(CursorResult[Any], result).rowcount or 0)


def _describe_replies(session: Session, member: Member) -> list[dict[str, Any]]:
    rows = session.scalars(select(EmailReply).where(EmailReply.member_id == member.id))
    return [{"at": r.received_at.isoformat(), "text": r.text} for r in rows]


def _erase_replies(session: Session, member: Member) -> int:
    result = session.execute(delete(EmailReply).where(EmailReply.member_id == member.id))
    return int(cast(CursorResult[Any], result).rowcount or 0)


privacy.register(privacy.PersonalData("email_outbox", _describe_outbox, _erase_outbox))
privacy.register(privacy.PersonalData("email_replies", _describe_replies, _erase_replies))


@dataclass(frozen=True)
class ReplyFacts:
    """Who replied, about which meeting, and which clerks get the copy."""

    member: str
    meeting: str | None
    clerk_ids: list[int]


def reply_facts(session: Session, member_id: int, meeting_id: int | None) -> ReplyFacts | None:
    """The member's name, the meeting ("Corporate Parenting Board, 2 December 2026") and the
    clerks of its board, or of every board the member sits on when there is no meeting."""
    member = session.get(Member, member_id)
    if member is None:
        return None
    meeting = None if meeting_id is None else session.get(Meeting, meeting_id)
    if meeting is not None:
        boards = [meeting.board_id]
        label: str | None = f"{meeting.board.name}, {meeting.date.day} {meeting.date:%B %Y}"
    else:
        boards = list(
            session.scalars(select(BoardRole.board_id).where(BoardRole.member_id == member_id))
        )
        label = None
    clerks = session.scalars(
        select(BoardRole.member_id).where(
            BoardRole.board_id.in_(boards),
            BoardRole.role == Role.CLERK,
            BoardRole.member_id != member_id,
        )
    )
    return ReplyFacts(member.name, label, sorted(set(clerks)))
