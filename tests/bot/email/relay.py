"""A real SMTP server on a free local port, playing the council's relay: it keeps what it gets."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope
from aiosmtpd.smtp import Session as SmtpSession


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Relay:
    """Keeps each message it takes; ``failing`` answers are given (and used up) first.

    ``failing = ["451 4.3.0 Try again later"] * 2`` plays a relay busy for two
    messages; ``down`` answers every message with it until set back to None.
    """

    port: int = 0
    received: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    failing: list[str] = field(default_factory=list)
    down: str | None = None
    refused: int = 0

    async def handle_DATA(self, server: SMTP, session: SmtpSession, envelope: Envelope) -> str:
        if self.down is not None or self.failing:
            self.refused += 1
            return self.down or self.failing.pop(0)
        message = email.message_from_bytes(
            envelope.original_content or b"", policy=email.policy.default
        )
        assert isinstance(message, EmailMessage)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    @property
    def messages(self) -> list[EmailMessage]:
        return [message for _, message in self.received]


@contextmanager
def running_relay() -> Iterator[Relay]:
    relay = Relay(port=free_port())
    controller = Controller(relay, hostname="127.0.0.1", port=relay.port)
    controller.start()
    try:
        yield relay
    finally:
        controller.stop()
