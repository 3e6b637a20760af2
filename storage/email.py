"""What email needs stored: reply tokens (hashed) and each member's choice of channel per kind.

A reply token ties an incoming reply to one member and one meeting, so the From
header is never trusted. Only its SHA-256 is kept: a leaked database cannot be
used to send apologies, and a token is revoked by stamping ``revoked_at``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage.errors import InvalidInput
from storage.models import Base, ChatIdentity, Meeting, Member, utcnow
from storage.types import UTCDateTime

# The kinds a member chooses a channel for, and the channels.
KINDS = ("reminders", "digests", "actions", "announcements")
CHANNELS = ("chat", "email", "both", "neither")


class EmailToken(Base):
    """One reply-to address's secret part, for one member and (usually) one meeting."""

    __tablename__ = "email_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    # What the email was about (a preference kind): one-click unsubscribe turns off that kind.
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class EmailPreference(Base):
    """A member's channel for one kind of message; no row means the default."""

    __tablename__ = "email_preferences"
    __table_args__ = (UniqueConstraint("member_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(10))


@dataclass(frozen=True)
class TokenHolder:
    member_id: int
    meeting_id: int | None
    kind: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.strip().lower().encode()).hexdigest()


def new_token(session: Session, member_id: int, meeting_id: int | None, kind: str) -> str:
    """A fresh token (hex, so a mail server lower-casing it does no harm); only its hash is kept."""
    token = secrets.token_hex(16)
    session.add(
        EmailToken(token_hash=_hash(token), member_id=member_id, meeting_id=meeting_id, kind=kind)
    )
    session.flush()
    return token


def token_holder(session: Session, token: str) -> TokenHolder | None:
    """Whose token this is, or None when unknown or revoked."""
    row = session.scalars(
        select(EmailToken).where(
            EmailToken.token_hash == _hash(token), EmailToken.revoked_at.is_(None)
        )
    ).one_or_none()
    return None if row is None else TokenHolder(row.member_id, row.meeting_id, row.kind)


def revoke_tokens(session: Session, member_id: int, now: dt.datetime) -> int:
    """Revokes every live token of a member (a lost or forwarded mailbox); how many."""
    rows = session.scalars(
        select(EmailToken).where(EmailToken.member_id == member_id, EmailToken.revoked_at.is_(None))
    ).all()
    for row in rows:
        row.revoked_at = now
    return len(rows)


def has_chat(session: Session, member_id: int) -> bool:
    found = session.scalars(
        select(ChatIdentity.id).where(ChatIdentity.member_id == member_id).limit(1)
    ).first()
    return found is not None


def channel_for(session: Session, member_id: int, kind: str) -> str:
    """The member's channel for ``kind``: their choice, else chat if linked, else email."""
    chosen = session.scalars(
        select(EmailPreference.channel).where(
            EmailPreference.member_id == member_id, EmailPreference.kind == kind
        )
    ).one_or_none()
    if chosen is not None:
        return chosen
    return "chat" if has_chat(session, member_id) else "email"


def set_channel(session: Session, member_id: int, kind: str, channel: str) -> None:
    """Sets the member's channel for ``kind`` (one of ``KINDS``) to one of ``CHANNELS``."""
    if kind not in KINDS or channel not in CHANNELS:
        raise ValueError(f"unknown kind {kind!r} or channel {channel!r}")
    row = session.scalars(
        select(EmailPreference).where(
            EmailPreference.member_id == member_id, EmailPreference.kind == kind
        )
    ).one_or_none()
    if row is None:
        session.add(EmailPreference(member_id=member_id, kind=kind, channel=channel))
    else:
        row.channel = channel
    session.flush()


def member_email(session: Session, member_id: int) -> str | None:
    member = session.get(Member, member_id)
    return None if member is None else member.email


def unsubscribe(session: Session, token: str) -> str | None:
    """Stops email of the token's kind for its member (chat stays if linked); the kind, or None."""
    holder = token_holder(session, token)
    if holder is None:
        return None
    channel = "chat" if has_chat(session, holder.member_id) else "neither"
    set_channel(session, holder.member_id, holder.kind, channel)
    return holder.kind


def meeting_facts(session: Session, meeting_id: int) -> tuple[dt.date, str] | None:
    """The meeting's date and its board's name, or None if it is gone."""
    meeting = session.get(Meeting, meeting_id)
    return None if meeting is None else (meeting.date, meeting.board.name)


def channels_of(session: Session, member_id: int) -> dict[str, str]:
    """The member's channel for each kind (``KINDS``), defaults included: for a settings page."""
    return {kind: channel_for(session, member_id, kind) for kind in KINDS}


def clear_member_email(session: Session, member: Member, now: dt.datetime) -> int:
    """Takes away ``member``'s address and revokes their reply addresses; how many were revoked."""
    member.email = None
    session.flush()
    return revoke_tokens(session, member.id, now)


def set_member_email(
    session: Session, member: Member, address: str, now: dt.datetime | None = None
) -> str:
    """Gives ``member`` the email ``address`` (lower-cased); one line of error if it is taken.

    With ``now``, a changed address also revokes the reply addresses sent to the old one
    (whoever reads that mailbox now must not send apologies for the member).
    """
    address = address.strip().lower()
    if address.count("@") != 1 or " " in address or not address.partition("@")[2]:
        raise InvalidInput(f"invalid email {address!r}")
    taken = session.scalars(
        select(Member.id).where(Member.email == address, Member.id != member.id)
    ).first()
    if taken is not None:
        raise InvalidInput(f"another member already has the email {address!r}")
    if now is not None and member.email is not None and member.email != address:
        revoke_tokens(session, member.id, now)
    member.email = address
    session.flush()
    return address
