"""Reminders and notices sent into Teams through kept conversation references.

Teams delivers a proactive message only into a conversation the bot has seen,
so a destination without a kept reference cannot be reached. Looking up
destinations and containing failures is ``PlatformNotifier``'s work.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import Future
from typing import Any

from microsoft_agents.hosting.core import TurnContext
from sqlalchemy.orm import Session, sessionmaker

from bot.teams.agent import card_activity
from handlers.messages import Reply
from schedules.notify import Destination, PlatformNotifier, Undeliverable
from storage.conversations import Kind, reference_for
from storage.db import transaction

Send = Callable[
    [dict[str, Any], Callable[[TurnContext], Awaitable[None]]], Coroutine[Any, Any, None]
]
SEND_TIMEOUT_SECONDS = 60.0
# ``run`` starts the scheduler just before the web server; its first tick waits this long.
SERVING_WAIT_SECONDS = 30.0


class TeamsNotifier(PlatformNotifier):
    """``Notifier`` for Teams; a destination never seen in Teams is not reachable.

    ``deliver`` is called from the scheduler's thread; the sending itself runs
    on the web server's event loop, where the SDK's adapter lives.
    """

    platform = "teams"

    def __init__(self, factory: sessionmaker[Session], send: Send) -> None:
        super().__init__(factory)
        self.send_to_reference = send
        self.loop: asyncio.AbstractEventLoop | None = None
        self._serving = threading.Event()

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """The web server's loop is running: sends may go out (the first tick may wait for it)."""
        self.loop = loop
        self._serving.set()

    def send(self, destination: Destination, reply: Reply) -> None:
        kind: Kind = "user" if destination.kind == "member" else "channel"
        with transaction(self.factory) as session:
            reference = reference_for(session, self.platform, kind, destination.id)
        if reference is None:
            raise Undeliverable("no Teams conversation kept (the bot has not been talked to there)")
        self._serving.wait(timeout=SERVING_WAIT_SECONDS)
        loop = self.loop
        if loop is None or loop.is_closed():
            raise Undeliverable("Teams is not serving")

        async def callback(context: TurnContext) -> None:
            await context.send_activity(card_activity(reply))

        future: Future[None] = asyncio.run_coroutine_threadsafe(
            self.send_to_reference(reference, callback), loop
        )
        try:
            future.result(timeout=SEND_TIMEOUT_SECONDS)
        except BaseException:
            future.cancel()
            raise
