"""Sign-in to the clerk's console: one-time links and sessions, both kept only as hashes.

A link is valid for 15 minutes and works once; a session lasts 12 hours. Only the
SHA-256 of each secret is stored, so a copy of the database opens nobody's console.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import ForeignKey, String, and_, delete, or_, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from storage.models import Base, BoardRole, Member, Role
from storage.types import UTCDateTime

LINK_LIFETIME = dt.timedelta(minutes=15)
SESSION_LIFETIME = dt.timedelta(hours=12)
SECRET_BYTES = 32


class ConsoleLink(Base):
    """A one-time sign-in link; ``used_at`` is set the moment it opens a session."""

    __tablename__ = "console_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class ConsoleSession(Base):
    """A signed-in browser; ``csrf`` is the token its forms carry (not a secret on its own)."""

    __tablename__ = "console_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    id_hash: Mapped[str] = mapped_column(String(64), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    csrf: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    member: Mapped[Member] = relationship()


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def issue_link(session: Session, member: Member, now: dt.datetime) -> str:
    """A new sign-in token for ``member`` (shown once)."""
    token = secrets.token_urlsafe(SECRET_BYTES)
    session.add(
        ConsoleLink(token_hash=_hash(token), member_id=member.id, expires_at=now + LINK_LIFETIME)
    )
    session.flush()
    return token


def redeem_link(
    session: Session, token: str, now: dt.datetime
) -> tuple[str, ConsoleSession] | None:
    """Spend a link: a new session (its secret id, and the row), or None if unknown, used or old."""
    link = session.scalars(
        select(ConsoleLink).where(ConsoleLink.token_hash == _hash(token)).with_for_update()
    ).one_or_none()
    if link is None or link.used_at is not None or link.expires_at <= now:
        return None
    link.used_at = now
    secret = secrets.token_urlsafe(SECRET_BYTES)
    row = ConsoleSession(
        id_hash=_hash(secret),
        member_id=link.member_id,
        csrf=secrets.token_urlsafe(SECRET_BYTES),
        expires_at=now + SESSION_LIFETIME,
    )
    session.add(row)
    session.flush()
    return secret, row


@dataclass(frozen=True)
class SignedIn:
    """Who a live session belongs to, in plain values: what every console page asks first."""

    member_id: int
    name: str
    csrf: str
    roles: tuple[tuple[int, Role], ...]  # (board id, role), each the member holds


def signed_in(session: Session, secret: str, now: dt.datetime) -> SignedIn | None:
    """The member, CSRF token and roles of the live session ``secret`` opens, or None.

    One query of plain rows (the session joined to its member and their roles), since
    every console request asks it before anything else. A role that has ended gives
    nothing: a former clerk no longer sees the board.
    """
    rows = session.execute(
        select(ConsoleSession.member_id, Member.name, ConsoleSession.csrf)
        .add_columns(BoardRole.board_id, BoardRole.role)
        .join(Member, Member.id == ConsoleSession.member_id)
        .outerjoin(
            BoardRole,
            and_(
                BoardRole.member_id == Member.id,
                or_(BoardRole.ended_on.is_(None), BoardRole.ended_on > now.date()),
            ),
        )
        .where(ConsoleSession.id_hash == _hash(secret), ConsoleSession.expires_at > now)
    ).all()
    if not rows:
        return None
    member_id, name, csrf = rows[0][:3]
    roles = tuple((board_id, role) for *_, board_id, role in rows if board_id is not None)
    return SignedIn(member_id, name, csrf, roles)


def end_session(session: Session, secret: str) -> None:
    """Sign out: the session is deleted, so its cookie opens nothing again."""
    session.execute(delete(ConsoleSession).where(ConsoleSession.id_hash == _hash(secret)))
