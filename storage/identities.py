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


def adopt_email(session: Session, member: Member, email: str) -> bool:
    """Gives ``member``, if they have no address, the one their chat platform reports for them.

    The platform's own directory (Teams' members API, a Slack profile) vouches for it,
    as it does when linking by email. An address the clerk set is never replaced, and
    one another member has is not taken; False when nothing changed.
    """
    address = email.strip().lower()
    if member.email is not None or address.count("@") != 1 or " " in address:
        return False
    taken = session.scalars(select(Member.id).where(Member.email == address).limit(1)).first()
    if taken is not None:
        return False
    member.email = address
    session.flush()
    return True
