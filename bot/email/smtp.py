"""One attempt to hand an email to the relay named by ``BOARDCLERK_SMTP_URL``.

Retrying is the outbox's business (``bot.email.outbox``), so a failure here is
simply raised.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine
from typing import Any, TypeVar

import aiosmtplib

from bot.email.config import MailConfig

T = TypeVar("T")
TIMEOUT = 30.0


def run_coroutine(coroutine: Coroutine[Any, Any, T]) -> T:
    """Runs ``coroutine`` to the end from sync code, even on a thread whose loop is running."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


class SmtpSender:
    """Hands messages to the relay; one attempt each."""

    def __init__(self, config: MailConfig) -> None:
        self.config = config

    async def _send(self, body: bytes, recipient: str) -> None:
        config = self.config
        await aiosmtplib.send(
            body,
            sender=config.mail_from,
            recipients=[recipient],
            hostname=config.host,
            port=config.port,
            username=config.username,
            password=config.password,
            use_tls=config.use_tls,
            start_tls=config.start_tls if config.start_tls else False,
            timeout=TIMEOUT,
        )

    def send_bytes(self, body: bytes, recipient: str) -> None:
        """Sends the whole message ``body`` to ``recipient``; raises if the relay did not take it."""
        run_coroutine(self._send(body, recipient))
