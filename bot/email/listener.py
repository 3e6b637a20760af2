"""The SMTP listener ``boardclerk run`` starts with ``BOARDCLERK_SMTP_LISTEN``, behind the MX.

It takes only recipients on the reply address's domain (others are refused at
RCPT, so it is no open relay), mail up to ``BOARDCLERK_SMTP_MAX_BYTES`` (larger
is refused at DATA), and reads no attachment. Every accepted message gets 250,
whatever became of it: a refused reply would bounce to a forgeable sender.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope
from aiosmtpd.smtp import Session as SmtpSession

from bot.email.inbound import Inbound
from schedules.notify import one_line

log = logging.getLogger(__name__)


class ReplyHandler:
    """aiosmtpd's handler: RCPT checks the domain, DATA hands the message to ``Inbound``."""

    def __init__(self, inbound: Inbound) -> None:
        self.inbound = inbound

    async def handle_RCPT(
        self,
        server: SMTP,
        session: SmtpSession,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if not self.inbound.accepts(address):
            return "550 5.1.1 Not a reply address here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: SmtpSession, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        try:
            await asyncio.to_thread(self.inbound.receive, raw, list(envelope.rcpt_tos))
        except Exception as exc:
            log.warning("email: reply not handled: %s", one_line(exc))
        return "250 OK"


def parse_listen(value: str) -> tuple[str, int]:
    """``host:port`` from ``BOARDCLERK_SMTP_LISTEN``; a clear error otherwise."""
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"BOARDCLERK_SMTP_LISTEN={value!r}: use host:port, e.g. 127.0.0.1:2525")
    return host.strip("[]"), int(port)


def start_listener(inbound: Inbound, listen: str, max_bytes: int) -> Controller:
    """Starts the listener on its own thread; ``stop()`` it at shutdown."""
    host, port = parse_listen(listen)
    options: dict[str, Any] = {"data_size_limit": max_bytes, "ident": "Board Clerk"}
    controller = Controller(ReplyHandler(inbound), hostname=host, port=port, **options)
    controller.start()
    return controller
