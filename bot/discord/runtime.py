"""Running the Discord client in its own thread, beside Slack and the shared scheduler.

``boardclerk run`` calls ``start_discord`` when ``DISCORD_TOKEN`` is set; the
client gets its own event loop in a daemon thread, and ``stop()`` closes it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from bot.discord.client import BoardClerkClient
from bot.discord.notifier import DiscordNotifier
from bot.discord.respond import Responder
from bot.discord.translate import Clock, system_clock
from bot.settings import Settings
from handlers.pipeline import Pipeline
from schedules.notify import Notifier

log = logging.getLogger(__name__)


@dataclass
class DiscordRuntime:
    """The running client; ``notifier`` delivers reminders as Discord DMs or channel posts."""

    client: BoardClerkClient
    notifier: DiscordNotifier
    loop: asyncio.AbstractEventLoop
    thread: threading.Thread

    def stop(self, timeout: float = 10.0) -> None:
        if self.thread.is_alive() and not self.loop.is_closed():
            future = asyncio.run_coroutine_threadsafe(self.client.close(), self.loop)
            try:
                future.result(timeout)
            except Exception:
                log.exception("discord client did not close cleanly")
        self.thread.join(timeout)


def start_discord(
    settings: Settings,
    factory: sessionmaker[Session],
    pipeline: Pipeline,
    *,
    notices: Notifier | None = None,
    clock: Clock = system_clock,
) -> DiscordRuntime:
    """Log in with ``settings.discord_token`` and serve in a background thread.

    Notices go through ``notices`` when given, else as Discord DMs.
    """
    if settings.discord_token is None:
        raise ValueError("DISCORD_TOKEN is not set")
    token = settings.discord_token.get_secret_value()
    responder = Responder(pipeline, clock=clock)
    client = BoardClerkClient(responder)
    notifier = DiscordNotifier(client, factory)
    responder.notices = notices if notices is not None else notifier
    loop = asyncio.new_event_loop()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(client.start(token))
        except Exception:
            log.exception("discord client stopped")
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    thread = threading.Thread(target=serve, name="discord", daemon=True)
    thread.start()
    return DiscordRuntime(client=client, notifier=notifier, loop=loop, thread=thread)
