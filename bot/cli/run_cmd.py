"""``boardclerk run``: the one long-running process."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from typing import Annotated

import typer

from bot.cli.common import database, fail, settings
from bot.cli.reminder_cmds import reminder_config
from bot.services import start_services
from bot.site_clients import client_factory
from bot.web.app import build_web_app
from bot.web.guard import WebLimits
from bot.web.server import serve


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback address (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(
    port: Annotated[
        int | None,
        typer.Option(help="Port of the web server (default: PORT, else 3000; 0: any free port)."),
    ] = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on (127.0.0.1 behind a reverse proxy).")
    ] = "0.0.0.0",
) -> None:
    """Serve the web server, Slack, Discord and/or Teams, and send reminders until Ctrl-C.

    The web server (/healthz, /calendar/…, and Slack's /slack/events in HTTP mode) always
    starts. Slack starts when SLACK_BOT_TOKEN is set (Socket Mode with SLACK_APP_TOKEN,
    otherwise HTTP); Discord when DISCORD_TOKEN is set; Teams (/api/messages) when
    MICROSOFT_APP_ID (or, for local testing, TEAMS_ALLOW_ANONYMOUS=1) is set. SIGTERM stops
    it too. Followed sites (`boardclerk source add`) are synced at start and every
    BOARDCLERK_SYNC_INTERVAL; changes are announced in each board's linked channels.
    """
    current = settings()
    level = logging.getLevelNamesMapping().get(current.log_level.upper())
    if level is None:
        fail(f"unknown BOARDCLERK_LOG_LEVEL {current.log_level!r}: use DEBUG, INFO or WARNING")
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if current.teams_allow_anonymous and not is_loopback(host):
        fail(f"TEAMS_ALLOW_ANONYMOUS=1 accepts unsigned requests: listen on 127.0.0.1, not {host}")
    try:
        config = reminder_config(current)
    except ValueError as exc:
        fail(str(exc))
    factory = database()
    try:
        services = start_services(current, factory, config)
    except ValueError as exc:
        fail(str(exc))
    try:
        app = build_web_app(
            factory,
            platforms=services.health,
            routes=services.web_routes,
            calendar_cache_seconds=current.calendar_cache.total_seconds(),
            public_url=current.public_url,
            make_client=client_factory(current),
        )
        platforms = ", ".join(services.platforms) or "no chat platform"

        def ready(bound: int) -> None:
            typer.echo(
                f"Board Clerk running on http://{host}:{bound} ({platforms}); reminders and sync on. "
                "Ctrl-C stops."
            )

        limits = WebLimits(current.web_read_timeout.total_seconds(), current.web_max_connections)
        asyncio.run(serve(app, host, current.port if port is None else port, ready, limits))
    except OSError as exc:
        fail(f"cannot listen on {host}:{current.port if port is None else port}: {exc.strerror}")
    finally:
        services.stop()
        typer.echo("Board Clerk stopped.")


def register(app: typer.Typer) -> None:
    app.command("run")(run)
