"""The email ``Notifier``: one member's reminders and notices through the council's relay.

It sits in the same fan-out as the chat platforms, so a reminder is claimed once
(``schedules.dispatch``) and goes out by chat, email or both as the member chose.
A send that fails for a passing reason (the relay busy or restarting) is tried
again with backoff; one the relay refused outright is not, and counts as not
delivered, so the dispatcher records it failed and never sends it twice.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import time
from collections.abc import Coroutine
from email.message import EmailMessage
from typing import Any, ClassVar, TypeVar

import aiosmtplib
from sqlalchemy.orm import Session, sessionmaker

from bot.email.compose import compose
from bot.email.config import MailConfig
from handlers.calendar.invite import meeting_ics
from handlers.messages import Reply
from schedules.notify import Target, one_line
from schedules.preferences import kind_of, wants
from storage.db import transaction
from storage.email import member_email, new_token

log = logging.getLogger(__name__)
T = TypeVar("T")
ATTEMPTS = 3
BACKOFF = 1.0  # seconds before the second attempt; doubled each time
TIMEOUT = 30.0


def run_coroutine(coroutine: Coroutine[Any, Any, T]) -> T:
    """Runs ``coroutine`` to the end from sync code, even on a thread whose loop is running."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _passing(exc: Exception) -> bool:
    """A failure worth another try: no connection, or a 4xx "try later" answer."""
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        return 400 <= exc.code < 500
    return isinstance(exc, aiosmtplib.SMTPException | OSError)


class SmtpSender:
    """Hands messages to the relay named by ``BOARDCLERK_SMTP_URL``."""

    def __init__(self, config: MailConfig, backoff: float = BACKOFF) -> None:
        self.config = config
        self.backoff = backoff

    async def _send(self, message: EmailMessage) -> None:
        config = self.config
        await aiosmtplib.send(
            message,
            hostname=config.host,
            port=config.port,
            username=config.username,
            password=config.password,
            use_tls=config.use_tls,
            start_tls=config.start_tls if config.start_tls else False,
            timeout=TIMEOUT,
        )

    def send(self, message: EmailMessage) -> None:
        """Sends ``message``, retrying passing failures with backoff; raises the last failure."""
        for attempt in range(ATTEMPTS):
            try:
                run_coroutine(self._send(message))
                return
            except Exception as exc:
                if attempt == ATTEMPTS - 1 or not _passing(exc):
                    raise
                log.info("email: attempt %d failed (%s); retrying", attempt + 1, one_line(exc))
                time.sleep(self.backoff * 2**attempt)


class EmailNotifier:
    """Delivers a member's reply by email when they take that kind by email (or both)."""

    platform: ClassVar[str] = "email"

    def __init__(self, factory: sessionmaker[Session], config: MailConfig) -> None:
        self.factory = factory
        self.config = config
        self.sender = SmtpSender(config)

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
        try:
            self.sender.send(message)
        except Exception as exc:
            log.warning("email: %s not delivered: %s", target, one_line(exc))
            return False
        return True
