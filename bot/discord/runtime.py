"""Running the Discord client in its own thread, beside Slack and the shared scheduler.

``boardclerk run`` calls ``start_discord`` when ``DISCORD_TOKEN`` is set; the
client gets its own event loop in a daemon thread, and ``stop()`` closes it.
Logging in is retried with backoff while Discord cannot be reached (each
failure is one line in the log, and ``/healthz`` shows the platform down);
once logged in, discord.py itself reconnects the gateway. A refused token is
not retried: it will not get better.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import aiohttp
import discord
from aiohttp import web
from discord.utils import MISSING
from sqlalchemy.orm import Session, sessionmaker

from bot.discord.client import BoardClerkClient
from bot.discord.notifier import DiscordNotifier
from bot.discord.respond import Responder
from bot.platform_health import PlatformHealth
from bot.settings import Settings
from handlers.clock import Clock, system_clock
from handlers.pipeline import Pipeline
from schedules.notify import Notifier

log = logging.getLogger(__name__)

# Seconds between login attempts; the last one repeats.
RETRY_DELAYS = (1.0, 2.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0)
_UNREACHABLE = (OSError, aiohttp.ClientError, TimeoutError, discord.HTTPException)


@dataclass
class DiscordRuntime:
    """The running client; ``notifier`` delivers reminders as Discord DMs or channel posts."""

    client: BoardClerkClient
    notifier: DiscordNotifier
    loop: asyncio.AbstractEventLoop
    thread: threading.Thread
    health: PlatformHealth
    stopping: asyncio.Event

    def web_routes(self, app: web.Application) -> None:
        """None: Discord comes to us over the gateway, not through the web server."""

    def stop(self, timeout: float = 10.0) -> None:
        """Close the client and end its thread.

        One coroutine both sets ``stopping`` and closes the client: setting it on its
        own can end the loop before a second call is scheduled on it.
        """

        async def shut() -> None:
            self.stopping.set()
            await self.client.close()

        if self.thread.is_alive() and not self.loop.is_closed():
            try:
                future = asyncio.run_coroutine_threadsafe(shut(), self.loop)
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
    retry_delays: Sequence[float] = RETRY_DELAYS,
) -> DiscordRuntime:
    """Log in with ``settings.discord_token`` and serve in a background thread.

    Notices go through ``notices`` when given, else as Discord DMs.
    """
    if settings.discord_token is None:
        raise ValueError("DISCORD_TOKEN is not set")
    token = settings.discord_token.get_secret_value()
    health = PlatformHealth("discord", "gateway")
    responder = Responder(pipeline, clock=clock)
    client = BoardClerkClient(responder, health=health)
    notifier = DiscordNotifier(client, factory)
    responder.notices = notices if notices is not None else notifier
    loop = asyncio.new_event_loop()
    stopping = asyncio.Event()

    async def log_in() -> bool:
        """Log in, retrying while Discord is unreachable; False if stopped or refused."""
        attempt = 0
        while True:
            try:
                await client.login(token)
                return True
            except discord.LoginFailure as exc:
                health.mark_down(f"token refused: {exc}")
                log.error("Discord refused DISCORD_TOKEN (%s); Discord stays off", exc)
                return False
            except _UNREACHABLE as exc:
                delay = retry_delays[min(attempt, len(retry_delays) - 1)]
                attempt += 1
                reason = (
                    str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                )
                health.mark_down(f"cannot connect: {reason}")
                log.warning("Discord: cannot connect (%s); retrying in %gs", reason, delay)
                # A fresh HTTP session (and connector) for the next attempt.
                await client.http.close()
                client.http.connector = MISSING
            try:
                await asyncio.wait_for(stopping.wait(), delay)
                return False
            except TimeoutError:
                pass

    async def run() -> None:
        if await log_in() and not stopping.is_set():
            await client.connect(reconnect=True)

    def serve() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(run())
        except Exception:
            health.mark_down("stopped after an error")
            log.exception("discord client stopped")
        finally:
            if not client.is_closed():
                loop.run_until_complete(client.close())
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    thread = threading.Thread(target=serve, name="discord", daemon=True)
    thread.start()
    return DiscordRuntime(client, notifier, loop, thread, health, stopping)
