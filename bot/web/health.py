"""``GET /healthz``: the database and each configured chat platform, as JSON.

200 while healthy; 503 when the database does not answer or a configured
platform has been down for over five minutes (a short reconnect is not an
outage a load balancer should act on).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session, sessionmaker

from bot.platform_health import PlatformHealth
from storage.db import ping

DOWN_TOO_LONG = 300.0
DATABASE_TIMEOUT = 5.0


async def database_state(factory: sessionmaker[Session]) -> dict[str, Any]:
    loop = asyncio.get_running_loop()
    try:
        await asyncio.wait_for(loop.run_in_executor(None, ping, factory), DATABASE_TIMEOUT)
    except TimeoutError:
        return {"ok": False, "error": f"no answer within {DATABASE_TIMEOUT:.0f}s"}
    except Exception as exc:
        return {"ok": False, "error": str(exc).strip().splitlines()[0][:300]}
    return {"ok": True, "dialect": factory.kw["bind"].dialect.name}


def platform_states(platforms: Sequence[PlatformHealth]) -> tuple[dict[str, Any], bool]:
    """Each platform's state, and whether any has been down too long."""
    states: dict[str, Any] = {}
    failing = False
    for platform in platforms:
        state = platform.state()
        for_seconds = round(state.for_seconds)
        states[state.name] = {
            "mode": state.mode,
            "up": state.up,
            "detail": state.detail,
            ("up_for_seconds" if state.up else "down_for_seconds"): for_seconds,
        }
        failing |= not state.up and for_seconds > DOWN_TOO_LONG
    return states, failing


def register(
    app: web.Application,
    factory: sessionmaker[Session],
    platforms: Sequence[PlatformHealth],
) -> None:
    async def healthz(_request: web.Request) -> web.Response:
        database = await database_state(factory)
        states, failing = platform_states(platforms)
        healthy = database["ok"] and not failing
        body = {"status": "ok" if healthy else "failing", "database": database, "platforms": states}
        return web.json_response(body, status=200 if healthy else 503)

    app.router.add_get("/healthz", healthz)
