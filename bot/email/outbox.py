"""Sending through the outbox: stored first, tried at once, retried with backoff, never twice.

``Outbox.send`` stores the email (``storage.email_outbox``) and makes the first
attempt straight away. A passing failure (no connection, a 4xx "try later")
leaves it queued for ``flush``, which ``boardclerk run`` calls every
``FLUSH_EVERY``: after 1, 2, 4, 8 and 16 minutes, then it is failed and listed
by ``boardclerk email outbox``. A refusal (5xx) fails it at once. Every attempt
is a claim with a lease, so two replicas never send the same email and a sent
one is never tried again; only a crash between the relay's "250" and recording
it can send one twice, once the lease has run out (as with chat).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP

import aiosmtplib
from sqlalchemy.orm import Session, sessionmaker

from bot.email.smtp import SmtpSender
from schedules.dispatch import replica_name
from schedules.notify import one_line
from storage import email_outbox
from storage.db import transaction
from storage.email_outbox import FAILED, QUEUED, SENT

log = logging.getLogger(__name__)
LEASE = dt.timedelta(minutes=5)  # far longer than one attempt (aiosmtplib's 30 s timeout)
FLUSH_EVERY = dt.timedelta(seconds=30)
KEEP_SENT = dt.timedelta(days=30)  # `email outbox --all` shows a month of sent email


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def passing(exc: Exception) -> bool:
    """A failure worth another try: no connection, or a 4xx "try later" answer."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        return all(400 <= e.code < 500 for e in exc.recipients)
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        return 400 <= exc.code < 500
    return isinstance(exc, aiosmtplib.SMTPException | OSError)


def describe(exc: Exception) -> str:
    """The relay's own answer ("451 4.3.0 Try again later"), else the exception in one line."""
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        return " ".join(f"{exc.code} {exc.message}".split())[:300]
    return one_line(exc)


@dataclass
class FlushReport:
    """What one flush did, by outbox id."""

    sent: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


class Outbox:
    """The durable way every email leaves Board Clerk."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        sender: SmtpSender,
        clock: Callable[[], dt.datetime] = _utcnow,
    ) -> None:
        self.factory = factory
        self.sender = sender
        self.clock = clock
        self.name = replica_name()

    def send(self, message: EmailMessage, member_id: int | None) -> bool:
        """Stores ``message`` and tries it now; False only when it failed for good."""
        now = self.clock()
        with transaction(self.factory) as session:
            mail_id = email_outbox.enqueue(
                session,
                message_id=str(message["Message-ID"]),
                member_id=member_id,
                recipient=str(message["To"]),
                subject=str(message["Subject"] or ""),
                body=message.as_bytes(policy=SMTP),
                now=now,
            )
        return self.attempt(mail_id, now) != FAILED

    def flush(self, now: dt.datetime) -> FlushReport:
        """Tries every email due at ``now`` once; forgets those sent over ``KEEP_SENT`` ago."""
        report = FlushReport()
        with transaction(self.factory) as session:
            email_outbox.prune_sent(session, now - KEEP_SENT)
        with self.factory() as session:
            due = email_outbox.due(session, now)
        for mail_id in due:
            outcome = self.attempt(mail_id, now)
            {SENT: report.sent, QUEUED: report.retrying, FAILED: report.failed}.get(
                outcome, []
            ).append(mail_id)
        return report

    def attempt(self, mail_id: int, now: dt.datetime) -> str:
        """One attempt at ``mail_id``: sent, queued (to retry), failed, or "taken" by another."""
        with transaction(self.factory) as session:
            pending = email_outbox.claim(session, mail_id, self.name, now, LEASE)
        if pending is None:
            return "taken"
        try:
            self.sender.send_bytes(pending.body, pending.recipient)
        except Exception as exc:
            return self._failed(mail_id, pending.attempts, now, exc)
        with transaction(self.factory) as session:
            email_outbox.settle(session, mail_id, self.name, status=SENT, now=now)
        return SENT

    def _failed(self, mail_id: int, attempts: int, now: dt.datetime, exc: Exception) -> str:
        error = describe(exc)
        later = email_outbox.retry_at(now, attempts) if passing(exc) else None
        status = QUEUED if later is not None else FAILED
        with transaction(self.factory) as session:
            email_outbox.settle(
                session, mail_id, self.name, status=status, now=now, error=error, retry_at=later
            )
        if later is None:
            log.warning("email %d not sent after %d attempt(s): %s", mail_id, attempts, error)
        else:
            log.info(
                "email %d: attempt %d failed (%s); again at %s", mail_id, attempts, error, later
            )
        return status
