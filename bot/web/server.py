"""Serving the web application until SIGTERM or Ctrl-C, then shutting down gracefully.

aiohttp's ``AppRunner`` stops accepting connections and lets requests in
flight finish (up to ``SHUTDOWN_TIMEOUT``) before returning. Request lines go to
the ``bot.web.access`` logger at debug level: one line per request is noise in
production, but there when you turn debug logging on.
"""

from __future__ import annotations

import asyncio
import logging
import re
import signal
from collections.abc import Callable

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.web_request import BaseRequest
from aiohttp.web_response import StreamResponse

log = logging.getLogger(__name__)
SHUTDOWN_TIMEOUT = 10.0


# A personal calendar token is a password: it never goes into a log.
_SECRET_PATH = re.compile(r"(/calendar/me/)[^/]+(\.ics)$")


class DebugAccessLogger(AbstractAccessLogger):
    """One line per request, at debug level, with personal calendar tokens left out."""

    def log(self, request: BaseRequest, response: StreamResponse, time: float) -> None:
        path = _SECRET_PATH.sub(r"\1…\2", request.path)
        self.logger.debug("%s %s %s %.1fms", request.method, path, response.status, time * 1000)

    @property
    def enabled(self) -> bool:
        return self.logger.isEnabledFor(logging.DEBUG)


async def start(app: web.Application, host: str, port: int) -> tuple[web.AppRunner, int]:
    """Listen on ``host:port`` (0: any free port); returns the runner and the bound port."""
    runner = web.AppRunner(
        app,
        access_log_class=DebugAccessLogger,
        access_log=logging.getLogger("bot.web.access"),
        shutdown_timeout=SHUTDOWN_TIMEOUT,
        handle_signals=False,
    )
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    return runner, int(runner.addresses[0][1])


async def serve(
    app: web.Application, host: str, port: int, on_ready: Callable[[int], None]
) -> None:
    """Serve until SIGTERM/SIGINT; ``on_ready`` gets the bound port once listening."""
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    runner, bound = await start(app, host, port)
    try:
        on_ready(bound)
        await stopping.wait()
        log.info("stopping the web server")
    finally:
        await runner.cleanup()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
