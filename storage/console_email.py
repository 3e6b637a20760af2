"""What the console's Email page reads and changes: replies kept for the clerk and failed email.

Both are scoped to the members of the clerk's boards (anyone holding a role there), so a
clerk of one board never reads another board's members' mail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from storage.console_lists import Slice
from storage.email_outbox import FAILED, EmailReply, OutboxMail, requeue
from storage.models import Board, BoardRole, Meeting, Member


@dataclass(frozen=True)
class ReplyLine:
    """A kept reply as the clerk reads it, with the meeting its token named."""

    id: int
    member: str
    received_at: dt.datetime
    subject: str
    text: str
    understood: str
    meeting_id: int | None
    meeting: str | None  # "Corporate Parenting Board, 2 December 2026"


@dataclass(frozen=True)
class FailedLine:
    """A failed outgoing email: to whom, what, and why it last failed."""

    id: int
    member: str
    recipient: str
    subject: str
    attempts: int
    created_at: dt.datetime
    last_error: str | None


def _members_of(board_ids: Iterable[int]) -> ColumnElement[bool]:
    ids = list(board_ids)
    return Member.id.in_(select(BoardRole.member_id).where(BoardRole.board_id.in_(ids)))


def _count(query: Select[Any], session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)


def board_replies(
    session: Session, board_ids: Iterable[int], *, offset: int = 0, limit: int = 25
) -> Slice[ReplyLine]:
    """Replies kept for the clerk from members of these boards, newest first."""
    scope = _members_of(board_ids)
    ids = select(EmailReply.id).join(Member, Member.id == EmailReply.member_id).where(scope)
    query = (
        select(EmailReply, Member.name, Meeting.date, Board.name)
        .join(Member, Member.id == EmailReply.member_id)
        .outerjoin(Meeting, Meeting.id == EmailReply.meeting_id)
        .outerjoin(Board, Board.id == Meeting.board_id)
        .where(scope)
        .order_by(EmailReply.received_at.desc(), EmailReply.id.desc())
        .offset(offset)
        .limit(limit)
    )
    rows = [
        ReplyLine(
            r.id,
            name,
            r.received_at,
            r.subject,
            r.text,
            r.understood,
            r.meeting_id,
            None if date is None else f"{board}, {date.day} {date:%B %Y}",
        )
        for r, name, date, board in session.execute(query)
    ]
    return Slice(rows, _count(ids, session))


def board_failed_mail(
    session: Session, board_ids: Iterable[int], *, offset: int = 0, limit: int = 25
) -> Slice[FailedLine]:
    """Failed outgoing email to members of these boards, newest first."""
    scope = _members_of(board_ids)
    failed = OutboxMail.status == FAILED
    ids = select(OutboxMail.id).join(Member, Member.id == OutboxMail.member_id).where(scope, failed)
    query = (
        select(OutboxMail, Member.name)
        .join(Member, Member.id == OutboxMail.member_id)
        .where(scope, failed)
        .order_by(OutboxMail.id.desc())
        .offset(offset)
        .limit(limit)
    )
    rows = [
        FailedLine(r.id, name, r.recipient, r.subject, r.attempts, r.created_at, r.last_error)
        for r, name in session.execute(query)
    ]
    return Slice(rows, _count(ids, session))


def retry_failed(
    session: Session, mail_id: int, board_ids: Iterable[int], now: dt.datetime
) -> FailedLine | None:
    """Requeues a failed email to a member of these boards (as ``boardclerk email retry``);
    the email as it was, or None when there is no such failed email in scope."""
    found = board_failed_mail_by_id(session, mail_id, board_ids)
    if found is None or not requeue(session, mail_id, now):
        return None
    return found


def board_failed_mail_by_id(
    session: Session, mail_id: int, board_ids: Iterable[int]
) -> FailedLine | None:
    row = session.execute(
        select(OutboxMail, Member.name)
        .join(Member, Member.id == OutboxMail.member_id)
        .where(OutboxMail.id == mail_id, OutboxMail.status == FAILED, _members_of(board_ids))
    ).first()
    if row is None:
        return None
    mail, name = row
    return FailedLine(
        mail.id, name, mail.recipient, mail.subject, mail.attempts, mail.created_at, mail.last_error
    )
