"""What keeps the one web server standing against slow or hostile clients.

- **Header and idle deadline.** aiohttp has no separate header-read timeout, but
  its keep-alive timer is armed when a connection opens and only closes a
  connection that is still waiting for a *complete* request head; so
  ``keepalive_timeout`` is both the deadline for sending the first request's
  headers and the idle limit between requests.
- **Body deadline.** A request's body must arrive within the same time
  (``read_body_in_time``), read once here so handlers find it cached.
- **Connection cap.** ``GuardedSite`` builds each connection's protocol itself:
  past ``max_connections`` a new connection gets a fixed 503 and is closed at
  once, so slow clients cannot use up the process's file handles.
- **Plain bodies.** Error bodies are the status line only: aiohttp's own 400
  repeats the bad request line (and thus the path), a 500 might carry a traceback
  in debug mode; ``plain_errors`` turns any unexpected exception into a fixed 500.
- **No banner.** ``Server`` names the program without versions.
"""

from __future__ import annotations

import asyncio
import logging
import re
import resource
import time
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from aiohttp import hdrs, web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.web_request import BaseRequest
from aiohttp.web_response import StreamResponse

log = logging.getLogger(__name__)

SERVER_NAME = "boardclerk"
# File handles kept for everything but clients: the database, outgoing requests, logs.
RESERVED_FILES = 256
# What a client over the cap gets before its connection closes.
BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nServer: boardclerk\r\nContent-Type: text/plain\r\n"
    b"Content-Length: 24\r\nRetry-After: 5\r\nConnection: close\r\n\r\n503 Service Unavailable\n"
)
REFUSAL_LOG_EVERY = 60.0  # seconds between the warnings that connections are being refused


@dataclass(frozen=True)
class WebLimits:
    """``read_timeout``: seconds for a request head, a body, or an idle gap; the connection cap."""

    read_timeout: float = 10.0
    max_connections: int = 10_000


DEFAULT_LIMITS = WebLimits()


# A personal calendar token is a password: it never goes into a log.
_SECRET_PATH = re.compile(r"(/calendar/me/|/email/unsubscribe/|/email/sendgrid/)[^/]+?(\.ics)?$")


def safe_path(path: str) -> str:
    """``path`` with any personal calendar token left out, fit for a log line."""
    return _SECRET_PATH.sub(r"\1…\2", path)


def plain_text(status: int) -> str:
    """``404 Not Found``: the whole of an error body, naming nothing the client sent."""
    try:
        return f"{status} {HTTPStatus(status).phrase}\n"
    except ValueError:
        return f"{status}\n"


@web.middleware
async def plain_errors(request: web.Request, handler: Any) -> StreamResponse:
    """An unexpected exception is logged (token-free path) and answered with a bare 500."""
    try:
        response: StreamResponse = await handler(request)
        return response
    except (web.HTTPException, asyncio.CancelledError):
        raise
    except Exception:
        log.exception("%s %s failed", request.method, safe_path(request.path))
        return web.Response(status=500, text=plain_text(500))


def read_body_in_time(seconds: float) -> Any:
    """Middleware: the whole body within ``seconds``, or 408 and the connection closes."""

    @web.middleware
    async def middleware(request: web.Request, handler: Any) -> StreamResponse:
        if request.can_read_body:
            try:
                async with asyncio.timeout(seconds):
                    await request.read()  # cached: the handler's text()/json() reuse it
            except TimeoutError:
                raise web.HTTPRequestTimeout(
                    text=plain_text(408), headers={hdrs.CONNECTION: "close"}
                ) from None
        response: StreamResponse = await handler(request)
        return response

    return middleware


async def _name_server(_request: web.Request, response: StreamResponse) -> None:
    response.headers[hdrs.SERVER] = SERVER_NAME


def harden(app: web.Application, limits: WebLimits) -> None:
    """Add the error, body-deadline and banner handling to ``app`` (before it starts)."""
    app.middlewares.insert(0, read_body_in_time(limits.read_timeout))
    app.middlewares.insert(0, plain_errors)
    app.on_response_prepare.append(_name_server)


class ConnectionGate:
    """Counts open connections; ``admit()`` says whether one more may open."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.open = 0
        self.refused = 0
        self._warned_at = -REFUSAL_LOG_EVERY

    def admit(self) -> bool:
        if self.open < self.limit:
            self.open += 1
            return True
        self.refused += 1
        now = time.monotonic()
        if now - self._warned_at >= REFUSAL_LOG_EVERY:
            self._warned_at = now
            log.warning("%d connections open: refusing more (%d so far)", self.open, self.refused)
        return False

    def release(self) -> None:
        self.open -= 1


class _Refuse(asyncio.Protocol):
    """A connection over the cap: a fixed 503, then closed without reading anything."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.WriteTransport)
        transport.write(BUSY)
        transport.close()


class GuardedHandler(web.RequestHandler):
    """aiohttp's per-connection protocol, counted by a gate and with plain error bodies."""

    def __init__(self, manager: web.Server, gate: ConnectionGate, **kwargs: Any) -> None:
        super().__init__(manager, **kwargs)
        self._gate: ConnectionGate | None = gate

    def connection_lost(self, exc: BaseException | None) -> None:
        if self._gate is not None:
            self._gate.release()
            self._gate = None
        super().connection_lost(exc)

    def handle_error(
        self,
        request: BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> StreamResponse:
        """A malformed request is one debug line (hostile clients must not fill the log)."""
        if status >= 500:
            log.error("web request failed: %s", status, exc_info=exc)
        else:
            log.debug("refused a malformed request: %s %s", status, type(exc).__name__)
        if request.writer.output_size > 0:
            raise ConnectionError("response already started; cannot send an error")
        response = web.Response(
            status=status, text=plain_text(status), headers={hdrs.SERVER: SERVER_NAME}
        )
        response.force_close()
        return response


class GuardedSite(web.BaseSite):
    """A TCP site whose connections pass through a ``ConnectionGate``."""

    def __init__(
        self,
        runner: web.BaseRunner,
        host: str,
        port: int,
        limits: WebLimits,
        access_log_class: type[AbstractAccessLogger],
        access_log: logging.Logger,
    ) -> None:
        super().__init__(runner, backlog=1024)
        self._host = host
        self._port = port
        self.gate = ConnectionGate(connection_cap(limits.max_connections))
        self._handler_args: dict[str, Any] = {
            "keepalive_timeout": limits.read_timeout,
            "lingering_time": min(2.0, limits.read_timeout),
            "access_log_class": access_log_class,
            "access_log": access_log,
        }

    @property
    def name(self) -> str:
        return f"http://{self._host}:{self._port}"

    def _protocol(self) -> asyncio.Protocol:
        server = self._runner.server
        assert server is not None
        if not self.gate.admit():
            return _Refuse()
        loop = asyncio.get_running_loop()
        return GuardedHandler(server, self.gate, loop=loop, **self._handler_args)

    async def start(self) -> None:
        await super().start()
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            self._protocol, self._host, self._port, backlog=self._backlog
        )


def connection_cap(wanted: int) -> int:
    """``wanted``, or fewer if the open-file limit (raised towards its hard limit) is lower."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    needed = wanted + RESERVED_FILES
    if soft != resource.RLIM_INFINITY and soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY:
        return wanted
    cap = max(1, min(wanted, soft - RESERVED_FILES))
    if cap < wanted:
        log.warning("the open-file limit (%d) allows %d web connections, not %d", soft, cap, wanted)
    return cap
