"""Conversation references: where a platform lets Board Clerk speak first.

Teams (like Bot Framework channels generally) delivers a proactive message only
into a conversation the bot has already seen; the reference it needs (service
URL, conversation id, bot and user accounts) is kept here as the platform's
own JSON, replaced whenever a newer one arrives.
"""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models import ConversationReference

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


def reference_for(session: Session, platform: str, kind: Kind, key: str) -> dict[str, Any] | None:
    """The kept reference of one person's chat or one channel; None if never seen."""
    return session.scalars(
        select(ConversationReference.reference).where(
            ConversationReference.platform == platform,
            ConversationReference.kind == kind,
            ConversationReference.key == key,
        )
    ).one_or_none()
