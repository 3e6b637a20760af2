"""Reminders and notices sent into Teams through kept conversation references."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import Future
from typing import Any

from microsoft_agents.activity import ConversationReference
from microsoft_agents.hosting.core import TurnContext
from sqlalchemy.orm import Session, sessionmaker

from bot.teams.agent import card_activity
from handlers.messages import Reply
from schedules.notify import Target
from storage.conversations import board_references, member_references
from storage.db import transaction

log = logging.getLogger(__name__)

Send = Callable[
    [dict[str, Any], Callable[[TurnContext], Awaitable[None]]], Coroutine[Any, Any, None]
]
SEND_TIMEOUT_SECONDS = 60.0
# ``run`` starts the scheduler just before the web server; its first tick waits this long.
SERVING_WAIT_SECONDS = 30.0


class TeamsNotifier:
    """``Notifier`` for Teams; False when the target has no reachable Teams conversation.

    ``deliver`` is called from the scheduler's thread; the sending itself runs
    on the web server's event loop, where the SDK's adapter lives.
    """

    def __init__(self, factory: sessionmaker[Session], send: Send) -> None:
        self.factory = factory
        self.send = send
        self.loop: asyncio.AbstractEventLoop | None = None
        self._serving = threading.Event()

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """The web server's loop is running: sends may go out (the first tick may wait for it)."""
        self.loop = loop
        self._serving.set()

    def deliver(self, target: Target, reply: Reply) -> bool:
        with transaction(self.factory) as session:
            if target.kind == "member" and target.member_id is not None:
                references = member_references(session, "teams", target.member_id)
            elif target.kind == "board-channel" and target.board_id is not None:
                references = board_references(session, "teams", target.board_id)
            else:
                references = []
        results = [self._post(reference, reply) for reference in references]
        return any(results)

    def _post(self, reference: dict[str, Any], reply: Reply) -> bool:
        self._serving.wait(timeout=SERVING_WAIT_SECONDS)
        loop = self.loop
        if loop is None or loop.is_closed():
            log.warning("Teams is not serving; cannot post to %s", _where(reference))
            return False

        async def callback(context: TurnContext) -> None:
            await context.send_activity(card_activity(reply))

        future: Future[None] = asyncio.run_coroutine_threadsafe(
            self.send(reference, callback), loop
        )
        try:
            future.result(timeout=SEND_TIMEOUT_SECONDS)
        except Exception as exc:
            future.cancel()
            log.warning("cannot post to Teams conversation %s: %s", _where(reference), exc)
            return False
        return True


def _where(reference: dict[str, Any]) -> str:
    return str(ConversationReference.model_validate(reference).conversation.id)
