"""Serving the web application until SIGTERM or Ctrl-C, then shutting down gracefully.

aiohttp's ``AppRunner`` stops accepting connections and lets requests in
flight finish (up to ``SHUTDOWN_TIMEOUT``) before returning. Request lines go to
the ``bot.web.access`` logger at debug level: one line per request is noise in
production, but there when you turn debug logging on.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.web_request import BaseRequest
from aiohttp.web_response import StreamResponse

from bot.web.guard import DEFAULT_LIMITS, GuardedSite, WebLimits, harden, safe_path

log = logging.getLogger(__name__)
SHUTDOWN_TIMEOUT = 10.0


class DebugAccessLogger(AbstractAccessLogger):
    """One line per request, at debug level, with personal calendar tokens left out."""

    def log(self, request: BaseRequest, response: StreamResponse, time: float) -> None:
        path = safe_path(request.path)
        self.logger.debug("%s %s %s %.1fms", request.method, path, response.status, time * 1000)

    @property
    def enabled(self) -> bool:
        return self.logger.isEnabledFor(logging.DEBUG)


async def start(
    app: web.Application, host: str, port: int, limits: WebLimits = DEFAULT_LIMITS
) -> tuple[web.AppRunner, int]:
    """Listen on ``host:port`` (0: any free port); returns the runner and the bound port.

    ``app`` is hardened first (``bot.web.guard``): deadlines, a connection cap, plain errors.
    """
    harden(app, limits)
    runner = web.AppRunner(app, shutdown_timeout=SHUTDOWN_TIMEOUT, handle_signals=False)
    await runner.setup()
    access_log = logging.getLogger("bot.web.access")
    site = GuardedSite(runner, host, port, limits, DebugAccessLogger, access_log)
    await site.start()
    return runner, int(runner.addresses[0][1])


async def serve(
    app: web.Application,
    host: str,
    port: int,
    on_ready: Callable[[int], None],
    limits: WebLimits = DEFAULT_LIMITS,
) -> None:
    """Serve until SIGTERM/SIGINT; ``on_ready`` gets the bound port once listening."""
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    runner, bound = await start(app, host, port, limits)
    try:
        on_ready(bound)
        await stopping.wait()
        log.info("stopping the web server")
    finally:
        await runner.cleanup()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
