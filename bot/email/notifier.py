"""The email ``Notifier``: one member's reminders and notices through the council's relay.

It sits in the same fan-out as the chat platforms, so a reminder is claimed once
(``schedules.dispatch``) and goes out by chat, email or both as the member chose.
Each email goes through the outbox (``bot.email.outbox``): a send that fails for
a passing reason counts as delivered, because the outbox retries it with backoff
(the dispatcher must not make a second email of it); one the relay refused
outright counts as not delivered, so the dispatcher records it failed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from email.message import EmailMessage
from typing import ClassVar

from sqlalchemy.orm import Session, sessionmaker

from bot.email.compose import compose
from bot.email.config import MailConfig
from bot.email.outbox import Outbox
from bot.email.smtp import SmtpSender
from handlers.calendar.invite import meeting_ics
from handlers.messages import Reply
from schedules.notify import Target
from schedules.preferences import kind_of, wants
from storage.db import transaction
from storage.email import member_email, new_token

log = logging.getLogger(__name__)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class EmailNotifier:
    """Delivers a member's reply by email when they take that kind by email (or both)."""

    platform: ClassVar[str] = "email"

    def __init__(
        self,
        factory: sessionmaker[Session],
        config: MailConfig,
        clock: Callable[[], dt.datetime] = _utcnow,
    ) -> None:
        self.factory = factory
        self.config = config
        self.outbox = Outbox(factory, SmtpSender(config), clock)

    def message_for(
        self,
        member_id: int,
        reply: Reply,
        in_reply_to: str | None = None,
        *,
        always: bool = False,
    ) -> EmailMessage | None:
        """The email for the member, with a fresh reply token; None when email is not theirs.

        ``always``: an answer to the member's own email goes by email whatever they chose.
        """
        with transaction(self.factory) as session:
            address = member_email(session, member_id)
            if address is None or not (always or wants(session, member_id, reply, "email")):
                return None
            token = new_token(session, member_id, reply.meeting_id, kind_of(reply))
            ics = None
            if reply.meeting_id is not None and reply.intent.startswith("reminder.meeting"):
                ics = meeting_ics(session, reply.meeting_id)
        return compose(self.config, address, reply, token=token, ics=ics, in_reply_to=in_reply_to)

    def deliver(self, target: Target, reply: Reply) -> bool:
        if target.kind != "member" or target.member_id is None:
            return False
        message = self.message_for(target.member_id, reply)
        if message is None:
            return False
        return self.outbox.send(message, target.member_id)
