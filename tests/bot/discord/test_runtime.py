"""Starting the adapter: only with a token, and retried while Discord cannot be reached."""

from __future__ import annotations

import asyncio
import logging
import socket
import time

import discord
import pytest
from aiohttp import web

from bot.discord.runtime import start_discord
from bot.settings import Settings
from handlers.pipeline import Pipeline
from tests.bot.web_server import Serve
from tests.conftest import Database


def test_start_discord_needs_a_token(sqlite_db: Database) -> None:
    settings = Settings(database_url=sqlite_db.url, discord_token=None)

    with pytest.raises(ValueError, match="DISCORD_TOKEN"):
        start_discord(settings, sqlite_db.factory, Pipeline(sqlite_db.factory))


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ours(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "bot.discord.runtime"]


def test_unreachable_discord_is_retried_with_backoff_one_line_each_time(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Discord's API at a local port nobody listens on: every login is refused at once.
    monkeypatch.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{_closed_port()}/api/v10")
    settings = Settings(database_url=sqlite_db.url, discord_token="not-a-real-token")

    with caplog.at_level(logging.WARNING, logger="bot.discord.runtime"):
        runtime = start_discord(
            settings, sqlite_db.factory, Pipeline(sqlite_db.factory), retry_delays=(0.01, 0.02)
        )
        deadline = time.monotonic() + 10
        while len(_ours(caplog)) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        state = runtime.health.state()
        runtime.stop(timeout=5)

    assert not runtime.thread.is_alive()
    assert state.up is False
    assert state.detail.startswith("cannot connect:")
    messages = [record.getMessage() for record in _ours(caplog)[:3]]
    assert all(message.startswith("Discord: cannot connect (") for message in messages)
    assert [message.rsplit(" ", 1)[1] for message in messages] == ["0.01s", "0.02s", "0.02s"]
    assert all("\n" not in message for message in messages)
    assert not any(record.exc_info for record in _ours(caplog))


async def test_a_refused_token_is_said_once_and_not_retried(
    sqlite_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    serve: Serve,
) -> None:
    logins: list[str] = []

    async def users_me(request: web.Request) -> web.Response:
        logins.append(request.headers.get("Authorization", ""))
        return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)

    fake_api = web.Application()
    fake_api.router.add_get("/api/v10/users/@me", users_me)
    client = await serve(fake_api)
    monkeypatch.setattr(discord.http.Route, "BASE", str(client.make_url("/api/v10")))
    settings = Settings(database_url=sqlite_db.url, discord_token="revoked-token")

    with caplog.at_level(logging.WARNING, logger="bot.discord.runtime"):
        runtime = start_discord(
            settings, sqlite_db.factory, Pipeline(sqlite_db.factory), retry_delays=(0.01,)
        )
        for _ in range(500):
            if not runtime.thread.is_alive():
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)  # a retry, were there one, would have come by now

    assert not runtime.thread.is_alive()
    assert logins == ["Bot revoked-token"]
    [line] = [record.getMessage() for record in _ours(caplog)]
    assert line.startswith("Discord refused DISCORD_TOKEN")
    assert runtime.health.state().detail.startswith("token refused")
