"""The server around the application: request lines at debug level, and feeds rendered once."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import pytest

from bot.web.app import build_web_app
from bot.web.feed_cache import FeedCache
from bot.web.server import start
from tests.conftest import Database


async def test_each_request_is_logged_at_debug_level_without_calendar_tokens(
    sqlite_db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    runner, port = await start(build_web_app(sqlite_db.factory), "127.0.0.1", 0)
    try:
        with caplog.at_level(logging.DEBUG, logger="bot.web.access"):
            async with aiohttp.ClientSession() as session:
                for path in ("/calendar/nothing.ics", "/calendar/me/s3cret-token.ics"):
                    async with session.get(f"http://127.0.0.1:{port}{path}") as response:
                        await response.read()
            await asyncio.sleep(0.05)  # the access line is written after the response
    finally:
        await runner.cleanup()

    lines = [r for r in caplog.records if r.name == "bot.web.access"]
    assert {line.levelno for line in lines} == {logging.DEBUG}
    assert [line.getMessage().rsplit(" ", 1)[0] for line in lines] == [
        "GET /calendar/nothing.ics 404",
        "GET /calendar/me/….ics 404",
    ]


async def test_many_clients_asking_at_once_share_one_rendering() -> None:
    cache: FeedCache[str] = FeedCache(ttl=60)
    renders = 0

    async def render() -> str:
        nonlocal renders
        renders += 1
        await asyncio.sleep(0.01)
        return "BEGIN:VCALENDAR"

    feeds = await asyncio.gather(*(cache.get("cpb", render) for _ in range(50)))

    assert feeds == ["BEGIN:VCALENDAR"] * 50
    assert renders == 1


async def test_a_stale_feed_is_served_at_once_while_a_fresh_one_renders() -> None:
    now = [0.0]
    cache: FeedCache[int] = FeedCache(ttl=60, clock=lambda: now[0])
    versions = iter(range(1, 10))

    async def render() -> int:
        return next(versions)

    first = await cache.get("cpb", render)
    cached = await cache.get("cpb", render)
    now[0] = 61
    stale = await cache.get("cpb", render)
    await asyncio.sleep(0)  # the background rendering runs
    fresh = await cache.get("cpb", render)

    assert (first, cached, stale, fresh) == (1, 1, 1, 2)
