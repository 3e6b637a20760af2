"""Chat accounts as the conversation layer meets them: who an account is, and remembering
one matched by email.

The clerk's own linking (with its checks and one-line errors) is ``storage.directory``.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import ChatIdentity, Member


def identity_of(session: Session, platform: str, user_id: str) -> ChatIdentity | None:
    """The linked identity of this chat account, if any."""
    return session.scalars(
        select(ChatIdentity).where(
            ChatIdentity.platform == platform, ChatIdentity.user_id == user_id
        )
    ).one_or_none()


def member_with_email(session: Session, email: str) -> Member | None:
    """The member whose email is ``email``, compared trimmed and in lower case."""
    return session.scalars(
        select(Member).where(Member.email == email.strip().lower())
    ).one_or_none()


def remember_identity(
    session: Session, member: Member, platform: str, user_id: str, team_id: str | None
) -> None:
    """Remember the chat account; a concurrent first message may have done it already."""
    try:
        with session.begin_nested():
            session.add(
                ChatIdentity(member=member, platform=platform, user_id=user_id, team_id=team_id)
            )
    except IntegrityError:
        pass  # the other message linked the same account: the savepoint alone is undone
