"""Conversation references: where a platform lets Board Clerk speak first.

Teams (like Bot Framework channels generally) delivers a proactive message only
into a conversation the bot has already seen; the reference it needs (service
URL, conversation id, bot and user accounts) is kept here as the platform's
own JSON, replaced whenever a newer one arrives.
"""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session

from storage.models import BoardChannel, ChatIdentity, ConversationReference

Kind = Literal["user", "channel"]


def remember(
    session: Session, platform: str, kind: Kind, key: str, reference: dict[str, Any]
) -> None:
    """Keep the newest reference for one person's chat or one channel."""
    found = session.scalars(
        select(ConversationReference).where(
            ConversationReference.platform == platform,
            ConversationReference.kind == kind,
            ConversationReference.key == key,
        )
    ).one_or_none()
    if found is None:
        session.add(
            ConversationReference(platform=platform, kind=kind, key=key, reference=reference)
        )
    elif found.reference != reference:
        found.reference = reference


def forget_user(session: Session, platform: str, user_id: str) -> None:
    """Drop the chat kept for one person (erasure: ``member forget``)."""
    session.execute(
        delete(ConversationReference).where(
            ConversationReference.platform == platform,
            ConversationReference.kind == "user",
            ConversationReference.key == user_id,
        )
    )


def _references(
    session: Session, platform: str, kind: Kind, keys: Select[str]
) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(ConversationReference.reference)
        .where(
            ConversationReference.platform == platform,
            ConversationReference.kind == kind,
            ConversationReference.key.in_(keys.scalar_subquery()),
        )
        .order_by(ConversationReference.id)
    )
    return list(rows)


def member_references(session: Session, platform: str, member_id: int) -> list[dict[str, Any]]:
    """The chats in which ``member_id`` can be reached on ``platform``."""
    users = select(ChatIdentity.user_id).where(
        ChatIdentity.member_id == member_id, ChatIdentity.platform == platform
    )
    return _references(session, platform, "user", users)


def board_references(session: Session, platform: str, board_id: int) -> list[dict[str, Any]]:
    """The linked channels of ``board_id`` on ``platform`` that Board Clerk has seen."""
    channels = select(BoardChannel.channel_id).where(
        BoardChannel.board_id == board_id, BoardChannel.platform == platform
    )
    return _references(session, platform, "channel", channels)
