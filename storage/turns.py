"""What a person's next words may refer to, kept in the database between messages.

"undo" refers to the apology change just made; "yes" to the apology just
offered for confirmation. Chat adapters run in several processes and
``boardclerk say`` is a new process per message, so this state cannot live in
memory: one row per (actor, kind), replaced by the next turn of that kind.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage.models import Base, Meeting
from storage.types import UTCDateTime


class ConversationTurn(Base):
    __tablename__ = "conversation_turns"
    __table_args__ = (UniqueConstraint("actor", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # "member:12" for a known member, else "<platform>:<user id>".
    actor: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    # Whose attendance the turn is about, so erasing a member erases their turns.
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


def remember(
    session: Session,
    actor: str,
    kind: str,
    meeting: Meeting,
    payload: dict[str, Any],
    now: dt.datetime,
    member_id: int | None = None,
) -> None:
    """Make this the actor's latest turn of ``kind`` (in the message's own transaction)."""
    forget(session, actor, kind)
    session.add(
        ConversationTurn(
            actor=actor,
            kind=kind,
            member_id=member_id,
            meeting_id=meeting.id,
            payload=payload,
            at=now,
        )
    )
    session.flush()


def recent(
    session: Session, actor: str, kind: str, now: dt.datetime, within: dt.timedelta
) -> ConversationTurn | None:
    """The actor's turn of ``kind`` if it is no older than ``within``."""
    return session.scalars(
        select(ConversationTurn).where(
            ConversationTurn.actor == actor,
            ConversationTurn.kind == kind,
            ConversationTurn.at >= now - within,
        )
    ).one_or_none()


def forget(session: Session, actor: str, kind: str) -> None:
    session.execute(
        delete(ConversationTurn).where(
            ConversationTurn.actor == actor, ConversationTurn.kind == kind
        )
    )
