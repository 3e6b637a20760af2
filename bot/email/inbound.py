"""A reply by email, tied to its member and meeting by the token in its address alone.

The From header is never trusted: anyone can write it. The reply's own words
(quoted history and signature stripped by ``email_reply_parser``) go through the
same pipeline as a chat message, and the member gets one confirmation email.
Mail that is not for us, carries no live token, is about a meeting already past,
or is an auto-reply gets no action and no answer (no backscatter): one log line.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from email.message import EmailMessage

from email_reply_parser import EmailReplyParser
from selectolax.lexbor import LexborHTMLParser
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.email.config import MailConfig
from bot.email.copies import acted_on, copied
from bot.email.notifier import EmailNotifier
from handlers.apologies.replies import CHOOSE
from handlers.messages import ButtonPress, IncomingMessage, Reply
from handlers.pipeline import Pipeline
from schedules.notify import Notifier, deliver_notices
from storage.db import transaction
from storage.email import TokenHolder, meeting_facts, token_holder
from storage.processed_events import mark_processed, unmark_processed

log = logging.getLogger(__name__)
MAX_TEXT = 2000
AUTO_SUBJECT = re.compile(
    r"^\s*(out of (the )?office|automatic reply|auto(matic)?[- ]?reply|autoreply|"
    r"away from (the )?office|on leave|undeliverable|delivery status notification)",
    re.IGNORECASE,
)
GREETING = re.compile(r"^(dear|hi|hello|good (morning|afternoon))\b[^\n]{0,60}$", re.IGNORECASE)
SIGN_OFF = re.compile(
    r"^(thanks|thank you|many thanks|regards|kind regards|best( wishes)?|cheers|yours|"
    r"sent from my)\b",
    re.IGNORECASE,
)
AUTO_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress")


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def is_auto_reply(message: EmailMessage) -> bool:
    """RFC 3834 ``Auto-Submitted``, bulk/list precedence, or an out-of-office subject."""
    if str(message.get("Auto-Submitted", "no")).strip().lower() != "no":
        return True
    if str(message.get("Precedence", "")).strip().lower() in {"bulk", "junk", "list", "auto_reply"}:
        return True
    if any(message.get(name) for name in AUTO_HEADERS):
        return True
    return bool(AUTO_SUBJECT.match(str(message.get("Subject", ""))))


def _sign_off(paragraph: str) -> bool:
    """A closing ("Kind regards") or an unmarked signature: a few short lines, no sentence."""
    lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
    if not lines or SIGN_OFF.match(lines[0]):
        return True
    return len(lines) <= 4 and all(len(x) < 40 and x[-1] not in ".?!" for x in lines)


def _message_only(text: str) -> str:
    """The message without a greeting line, a closing or a signature the parser left."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(paragraphs) > 1 and GREETING.match(paragraphs[0]):
        paragraphs = paragraphs[1:]
    kept = paragraphs[:1] + [p for p in paragraphs[1:] if not _sign_off(p)]
    return " ".join(" ".join(p.split()) for p in kept)


def own_words(message: EmailMessage) -> str:
    """The reply's new text: the plain part (or the HTML's text), quotes and signature cut."""
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    content = body.get_content()
    if body.get_content_subtype() == "html":
        content = LexborHTMLParser(content).text(separator="\n")
    return _message_only(str(EmailReplyParser.parse_reply(content[: MAX_TEXT * 20])))[:MAX_TEXT]


def delivery_key(message: EmailMessage, holder: TokenHolder) -> str | None:
    """One delivery's claim: its Message-ID for its member; None when it has no Message-ID.

    A relay or webhook may deliver one message twice (a retry after a lost answer, or
    both the listener and a webhook). The claim is kept as chat events' are
    (``storage.processed_events``) and forgotten after a day by housekeeping.
    """
    message_id = str(message.get("Message-ID", "")).strip()
    if not message_id:
        return None
    return hashlib.sha256(f"{holder.member_id}:{message_id}".encode()).hexdigest()


class Inbound:
    """Takes raw replies (from the SMTP listener or a webhook) and answers the ones we should."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        config: MailConfig,
        pipeline: Pipeline,
        mailer: EmailNotifier,
        notices: Notifier,
        clock: Callable[[], dt.datetime] = _utcnow,
    ) -> None:
        self.factory = factory
        self.config = config
        self.pipeline = pipeline
        self.mailer = mailer
        self.notices = notices
        self.clock = clock

    def token_in(self, recipients: Iterable[str]) -> str | None:
        """The token of the first recipient that is our reply address plus a token."""
        for recipient in recipients:
            local, _, domain = recipient.strip().strip("<>").rpartition("@")
            prefix = f"{self.config.reply_local}+"
            if domain.lower() == self.config.reply_domain and local.lower().startswith(prefix):
                return local[len(prefix) :]
        return None

    def accepts(self, recipient: str) -> bool:
        """Whether the listener takes mail for ``recipient`` (the reply domain only)."""
        return recipient.strip("<>").rpartition("@")[2].lower() == self.config.reply_domain

    def _holder(self, token: str | None, now: dt.datetime) -> TokenHolder | None:
        if token is None:
            log.info("email: reply ignored: no reply token in its recipients")
            return None
        with transaction(self.factory) as session:
            holder = token_holder(session, token)
            facts = (
                None
                if holder is None or holder.meeting_id is None
                else meeting_facts(session, holder.meeting_id)
            )
        if holder is None:
            log.info("email: reply ignored: unknown or revoked token")
            return None
        if holder.meeting_id is not None and (facts is None or facts[0] < now.date()):
            log.info("email: reply ignored: its meeting has passed (member %s)", holder.member_id)
            return None
        return holder

    def receive(self, raw: bytes, recipients: Iterable[str]) -> Reply | None:
        """Handles one raw reply (the SMTP listener's); the reply sent back, or None if ignored."""
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        return self.receive_message(message, recipients)

    def receive_message(self, message: EmailMessage, recipients: Iterable[str]) -> Reply | None:
        """Handles one parsed reply (a webhook's, or the listener's); None when it was ignored.

        ``recipients`` are the envelope's: the token is read from them, never from From.
        """
        if is_auto_reply(message):
            log.info("email: auto-reply ignored")
            return None
        now = self.clock()
        holder = self._holder(self.token_in(recipients), now)
        if holder is None:
            return None
        key = delivery_key(message, holder)
        if key is not None and not self._claim(key, now):
            log.info("email: reply ignored: already handled (member %s)", holder.member_id)
            return None
        try:
            reply = self._understood(message, holder, now)
        except Exception:
            if key is not None:  # a retry of this delivery must be acted on
                with transaction(self.factory) as session:
                    unmark_processed(session, "email", key)
            raise
        if reply is None:
            return None
        log.info("email: reply from member %s answered (%s)", holder.member_id, reply.intent)
        reply.meeting_id = holder.meeting_id
        confirmation = self.mailer.message_for(
            holder.member_id, reply, in_reply_to=message.get("Message-ID"), always=True
        )
        if confirmation is not None:
            self.mailer.outbox.send(confirmation, holder.member_id)
        deliver_notices(self.notices, reply)
        return reply

    def _claim(self, key: str, now: dt.datetime) -> bool:
        """False for a copy of a reply already handled (see ``delivery_key``)."""
        try:
            with transaction(self.factory) as session:
                mark_processed(session, "email", key, now)
        except IntegrityError:
            return False
        return True

    def _understood(
        self, message: EmailMessage, holder: TokenHolder, now: dt.datetime
    ) -> Reply | None:
        """The reply's answer: the pipeline's if it acted, else what it understood (copied)."""
        text = own_words(message)
        if not text:
            log.info("email: reply ignored: no text of its own (member %s)", holder.member_id)
            return None
        reply = self._answer(holder, text, now)
        if acted_on(reply):
            return reply
        with transaction(self.factory) as session:
            return copied(
                session,
                member_id=holder.member_id,
                meeting_id=holder.meeting_id,
                subject=str(message.get("Subject", "")),
                text=text,
                answer=reply,
                now=now,
            )

    def _answer(self, holder: TokenHolder, text: str, now: dt.datetime) -> Reply:
        """The pipeline's answer; a question of which meeting is answered by the token's."""
        board = None
        if holder.meeting_id is not None:
            with transaction(self.factory) as session:
                facts = meeting_facts(session, holder.meeting_id)
            board = None if facts is None else facts[1]
        incoming = IncomingMessage(
            platform="email", user_id=str(holder.member_id), text=text, now=now, board=board
        )
        reply = self.pipeline.handle(incoming)
        chosen = f"{CHOOSE}:{holder.meeting_id}"
        button = next((b for b in reply.buttons if b.action_id == chosen), None)
        if button is None:
            return reply
        # The member replied to this meeting's email: that names the meeting they mean.
        press = IncomingMessage(
            platform="email",
            user_id=str(holder.member_id),
            text="",
            now=now,
            board=board,
            button=ButtonPress(button.action_id, button.value),
        )
        return self.pipeline.handle(press)
