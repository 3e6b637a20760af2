"""Probes against the one web server as ``run`` serves it (``bot.web.server.start``).

Slow clients: connections that send their headers slowly, or half a request,
are closed once ``read_timeout`` passes, while ``/healthz`` keeps answering;
past the connection cap a client gets a 503 at once. Error bodies name nothing
the client sent and carry no traceback; no response names aiohttp or Python.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass

import aiohttp
import pytest
from aiohttp import web

from bot.web.app import RouteGroup, build_web_app
from bot.web.guard import WebLimits
from bot.web.server import start
from tests.conftest import Database

TIMEOUT = 1.0
SLOW_CLIENTS = 300
LIMITS = WebLimits(read_timeout=TIMEOUT, max_connections=2000)


@dataclass
class Served:
    port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def healthz(self) -> tuple[int, float, dict[str, str]]:
        started = time.perf_counter()
        async with aiohttp.ClientSession() as session, session.get(f"{self.base}/healthz") as got:
            await got.read()
            return got.status, time.perf_counter() - started, dict(got.headers)

    async def connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        return await asyncio.open_connection("127.0.0.1", self.port)

    async def raw(self, request: bytes) -> bytes:
        """What the server answers ``request`` with, up to its closing the connection."""
        reader, writer = await self.connect()
        writer.write(request)
        try:
            return await asyncio.wait_for(reader.read(), 5)
        finally:
            writer.close()


Serve = Callable[..., Awaitable[Served]]


@pytest.fixture
async def serving(sqlite_db: Database) -> AsyncIterator[Serve]:
    runners: list[web.AppRunner] = []

    async def serve(limits: WebLimits = LIMITS, routes: Sequence[RouteGroup] = ()) -> Served:
        app = build_web_app(sqlite_db.factory, routes=routes)
        runner, port = await start(app, "127.0.0.1", 0, limits)
        runners.append(runner)
        return Served(port)

    yield serve
    for runner in runners:
        await runner.cleanup()


async def _closed_within(reader: asyncio.StreamReader, seconds: float) -> bytes:
    return await asyncio.wait_for(reader.read(), seconds)


async def test_slow_header_clients_are_closed_and_healthz_answers_meanwhile(serving: Serve) -> None:
    served = await serving()
    slow = [await served.connect() for _ in range(SLOW_CLIENTS)]
    for _, writer in slow:
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: probe\r\nX-Slow: ")
    await asyncio.sleep(0.1)

    status, took, _ = await served.healthz()
    assert (status, took < 1.0) == (200, True)

    started = time.monotonic()
    leftovers = await asyncio.gather(*(_closed_within(r, TIMEOUT + 3) for r, _ in slow))
    assert leftovers == [b""] * SLOW_CLIENTS  # closed without an answer
    assert time.monotonic() - started < TIMEOUT + 3
    for _, writer in slow:
        writer.close()


async def test_a_half_sent_body_is_refused_with_408_within_the_timeout(serving: Serve) -> None:
    served = await serving()
    reader, writer = await served.connect()
    writer.write(b"POST /healthz HTTP/1.1\r\nHost: probe\r\nContent-Length: 100\r\n\r\nhalf")
    started = time.monotonic()

    answer = await _closed_within(reader, TIMEOUT + 4)

    assert answer.startswith(b"HTTP/1.1 408 ")
    assert time.monotonic() - started < TIMEOUT + 4
    writer.close()


async def test_over_the_cap_a_client_gets_503_at_once_and_healthz_returns_after(
    serving: Serve,
) -> None:
    served = await serving(WebLimits(read_timeout=5.0, max_connections=10))
    idle = [await served.connect() for _ in range(10)]
    await asyncio.sleep(0.1)

    started = time.monotonic()
    refused = await served.raw(b"GET /healthz HTTP/1.1\r\nHost: probe\r\n\r\n")
    assert refused.startswith(b"HTTP/1.1 503 ")
    assert time.monotonic() - started < 1.0

    for _, writer in idle:
        writer.close()
    await asyncio.sleep(0.2)
    assert (await served.healthz())[0] == 200


async def test_no_response_names_the_server_software(serving: Serve) -> None:
    served = await serving()
    _, _, headers = await served.healthz()
    not_found = await served.raw(
        b"GET /nothing HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n"
    )
    bad = await served.raw(b"GET / HTTP/1.1\r\nno colon here\r\n\r\n")

    assert headers["Server"] == "boardclerk"
    for answer in (not_found, bad):
        head = answer.split(b"\r\n\r\n")[0].lower()
        assert b"server: boardclerk" in head
        assert b"aiohttp" not in head and b"python" not in head


@pytest.mark.parametrize(
    "request_line",
    [
        b"GET /probe-<script>alert(1)</script> HTTP/1.1\r\nno colon here\r\n\r\n",
        b"G\x01T /probe-<script> HTTP/1.1\r\nHost: probe\r\n\r\n",
        b"GET /probe-<script> HTTP/9.9\r\nHost: probe\r\n\r\n",
    ],
    ids=["bad header", "bad method", "bad version"],
)
async def test_a_bad_request_gets_400_naming_nothing_it_sent(
    serving: Serve, request_line: bytes
) -> None:
    served = await serving()

    answer = await served.raw(request_line)

    assert answer.split(b"\r\n")[0].endswith(b" 400 Bad Request")
    body = answer.split(b"\r\n\r\n", 1)[1]
    assert body == b"400 Bad Request\n"


async def test_an_unexpected_error_is_a_bare_500_without_traceback(serving: Serve) -> None:
    async def boom(_request: web.Request) -> web.Response:
        raise RuntimeError("internal detail: reason text")

    served = await serving(routes=(lambda app: app.router.add_get("/boom", boom),))
    async with aiohttp.ClientSession() as session:
        for accept in ("text/html", "*/*"):
            async with session.get(f"{served.base}/boom", headers={"Accept": accept}) as response:
                body = await response.text()
                assert (response.status, body) == (500, "500 Internal Server Error\n")
