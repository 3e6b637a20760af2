"""The web application served over real HTTP on a free local port (aiohttp's TestServer)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

Serve = Callable[[web.Application], Awaitable[TestClient[web.Request, web.Application]]]


async def serving() -> AsyncIterator[Serve]:
    """Yields ``start``: ``await start(app)`` serves ``app`` on 127.0.0.1 and returns a client."""
    clients: list[TestClient[web.Request, web.Application]] = []

    async def start(app: web.Application) -> TestClient[web.Request, web.Application]:
        client = TestClient(TestServer(app))
        await client.start_server()
        clients.append(client)
        return client

    yield start
    for client in clients:
        await client.close()
