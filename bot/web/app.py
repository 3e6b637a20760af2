"""The web application: every route group registers itself on one ``aiohttp.web.Application``.

To add routes (the Teams adapter's ``POST /api/messages``, say), give the
component a ``register(app, ...)`` function and pass it in ``routes`` (``run``
passes each started chat adapter's ``ChatAdapter.web_routes``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from aiohttp import web
from sqlalchemy.orm import Session, sessionmaker

from bot.platform_health import PlatformHealth
from bot.web import calendar_routes, console, health
from ingest.moderngov.sync import ClientFactory

RouteGroup = Callable[[web.Application], None]


def build_web_app(
    factory: sessionmaker[Session],
    *,
    platforms: Sequence[PlatformHealth] = (),
    routes: Iterable[RouteGroup] = (),
    calendar_cache_seconds: float = 60.0,
    public_url: str | None = None,
    make_client: ClientFactory | None = None,
) -> web.Application:
    """``/healthz``, the calendar feeds and the console, then each of ``routes``."""
    app = web.Application()
    health.register(app, factory, platforms)
    calendar_routes.register(app, factory, cache_seconds=calendar_cache_seconds)
    console.register(app, factory, public_url=public_url, make_client=make_client)
    for register in routes:
        register(app)
    return app
