"""``/healthz``: 200 while the database answers and no configured platform has been down long."""

from __future__ import annotations

import socket

from sqlalchemy.orm import sessionmaker

from bot.platform_health import PlatformHealth
from bot.web.app import build_web_app
from storage.db import make_engine
from tests.bot.web_server import Serve
from tests.conftest import Database


class Clock:
    """Monotonic seconds that the test moves on."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_healthy_with_the_database_and_no_chat_platform(
    sqlite_db: Database, serve: Serve
) -> None:
    client = await serve(build_web_app(sqlite_db.factory))

    response = await client.get("/healthz")

    assert response.status == 200
    assert await response.json() == {
        "status": "ok",
        "database": {"ok": True, "dialect": "sqlite"},
        "platforms": {},
    }


async def test_an_unreachable_database_is_503(serve: Serve) -> None:
    engine = make_engine(f"postgresql+psycopg://boardclerk@127.0.0.1:{_closed_port()}/boardclerk")
    client = await serve(build_web_app(sessionmaker(engine)))

    response = await client.get("/healthz")
    body = await response.json()

    assert response.status == 503
    assert body["status"] == "failing"
    assert body["database"]["ok"] is False
    assert body["database"]["error"]


async def test_a_platform_down_for_over_five_minutes_is_503_but_a_short_outage_is_not(
    sqlite_db: Database, serve: Serve
) -> None:
    clock = Clock()
    discord = PlatformHealth("discord", "gateway", clock=clock)
    slack = PlatformHealth("slack", "http", up=True, detail="served", clock=clock)
    discord.mark_down("cannot connect: Connection refused")
    client = await serve(build_web_app(sqlite_db.factory, platforms=[slack, discord]))

    clock.now += 299
    brief = await client.get("/healthz")
    brief_body = await brief.json()
    clock.now += 2
    long = await client.get("/healthz")
    discord.mark_up()
    recovered = await client.get("/healthz")

    assert brief.status == 200
    assert brief_body["platforms"]["discord"] == {
        "mode": "gateway",
        "up": False,
        "detail": "cannot connect: Connection refused",
        "down_for_seconds": 299,
    }
    assert brief_body["platforms"]["slack"]["up"] is True
    assert long.status == 503
    assert recovered.status == 200
