"""Calendar feeds' storage side: board slugs and members' personal calendar tokens.

A token is shown once, when it is issued: only its SHA-256 is stored, so a
leaked database cannot be turned into working links. Looking a token up hashes
it and asks for that hash, so a wrong, a revoked and a right token all take the
same path (one indexed query) and the time taken says nothing about the token.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import unicodedata

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.models import Board, CalendarToken, Member

TOKEN_BYTES = 32  # 256 random bits
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def board_slug(name: str) -> str:
    """'Corporate Parenting Board' → 'corporate-parenting-board' (accents folded: 'Môn' → 'mon')."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", folded.lower()).strip("-")


def board_by_slug(session: Session, slug: str) -> Board | None:
    """The board whose slug is ``slug`` (the oldest, should two names fold alike)."""
    for board in session.scalars(select(Board).order_by(Board.id)):
        if board_slug(board.name) == slug:
            return board
    return None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(session: Session, member: Member, now: dt.datetime, *, reset: bool = False) -> str:
    """A new personal calendar token for ``member``; ``reset`` revokes every earlier one first."""
    if reset:
        revoke_tokens(session, member, now)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(CalendarToken(member_id=member.id, token_hash=hash_token(token), created_at=now))
    session.flush()
    return token


def revoke_tokens(session: Session, member: Member, now: dt.datetime) -> int:
    """Revoke all of ``member``'s live tokens; how many there were."""
    result = session.execute(
        update(CalendarToken)
        .where(CalendarToken.member_id == member.id, CalendarToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def member_for_token(session: Session, token: str) -> Member | None:
    """The member a live token belongs to, or None (wrong and revoked alike)."""
    digest = hash_token(token)
    row = session.scalars(
        select(CalendarToken).where(
            CalendarToken.token_hash == digest, CalendarToken.revoked_at.is_(None)
        )
    ).first()
    return None if row is None else session.get(Member, row.member_id)
