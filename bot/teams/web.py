"""``POST /api/messages`` on the one web server."""

from __future__ import annotations

from aiohttp import web
from microsoft_agents.hosting.aiohttp import jwt_authorization_decorator

from bot.teams.runtime import TeamsRuntime

# The key under which the SDK's JWT check looks for its configuration.
AGENT_CONFIGURATION = "agent_configuration"


def register(app: web.Application, runtime: TeamsRuntime) -> None:
    """Mount Teams: the SDK validates each request's token before our agent sees it."""
    app[AGENT_CONFIGURATION] = runtime.auth
    checked = jwt_authorization_decorator(runtime.handle)  # type: ignore[no-untyped-call]
    app.router.add_post("/api/messages", checked)
    app.on_startup.append(runtime.bind_loop)
