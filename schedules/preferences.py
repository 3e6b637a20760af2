"""Which kind of message a reply is, for each member's choice of chat, email, both or neither."""

from __future__ import annotations

from sqlalchemy.orm import Session

from handlers.messages import Reply
from storage.email import channel_for


def kind_of(reply: Reply) -> str:
    """The preference kind (``storage.email.KINDS``) a reply is delivered under."""
    if reply.intent.startswith("announcement"):
        return "announcements"
    if reply.intent in ("reminder.digest", "papers.digest"):
        return "digests"
    if reply.intent.startswith("reminder.action"):
        return "actions"
    return "reminders"


def wants(session: Session, member_id: int, reply: Reply, channel: str) -> bool:
    """Whether the member takes this reply by ``channel`` ("chat" or "email")."""
    return channel_for(session, member_id, kind_of(reply)) in (channel, "both")
