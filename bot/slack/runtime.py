"""Running the Slack adapter beside the scheduler: Socket Mode or HTTP, in the background.

Socket Mode (``SLACK_APP_TOKEN``) needs no public URL. Otherwise Board Clerk's
one web server (``bot.web``) takes Slack's requests at ``/slack/events`` (and,
with OAuth, the install pages ``/slack/install`` and ``/slack/oauth_redirect``):
``web_routes`` registers them there. bolt checks every request's signature and
answers 401 to unsigned or stale ones.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

from aiohttp import web
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from sqlalchemy.orm import Session, sessionmaker

from bot.platform_health import PlatformHealth
from bot.settings import Settings
from bot.slack import http
from bot.slack.app import build_app, secret, slack_notifier
from bot.slack.notifier import SlackNotifier
from handlers.clock import Clock, system_clock
from handlers.pipeline import Pipeline
from schedules.notify import Notifier

log = logging.getLogger(__name__)


@dataclass
class SlackRuntime:
    """A running adapter: its ``notifier`` delivers reminders; ``stop()`` ends it."""

    app: App
    notifier: SlackNotifier
    mode: Literal["socket", "http"]
    health: PlatformHealth
    _stop: Callable[[], None]
    signing_secret: str = ""

    def web_routes(self, web_app: web.Application) -> None:
        """HTTP mode's routes on the web server (Socket Mode needs none)."""
        if self.mode == "http":
            http.register(web_app, self.app, self.signing_secret)

    def stop(self) -> None:
        self._stop()


def start_slack(
    settings: Settings,
    factory: sessionmaker[Session],
    pipeline: Pipeline,
    *,
    clock: Clock = system_clock,
    notices: Notifier | None = None,
) -> SlackRuntime:
    """Start Slack (Socket Mode connects now; HTTP mode waits for the web server's requests)."""
    # Owned here so that ``stop()`` lets the lazy listeners finish and ends their threads.
    listeners = ThreadPoolExecutor(max_workers=5, thread_name_prefix="slack-listener")
    app = build_app(
        settings, factory, pipeline, clock=clock, notices=notices, listener_executor=listeners
    )
    notifier = slack_notifier(app, settings, factory)
    app_token = secret(settings.slack_app_token)
    if app_token is not None:
        handler = SocketModeHandler(app, app_token)
        handler.connect()  # type: ignore[no-untyped-call]
        log.info("Slack connected in Socket Mode")

        def close() -> None:
            handler.close()  # type: ignore[no-untyped-call]
            listeners.shutdown(wait=True)

        health = PlatformHealth("slack", "socket", probe=handler.client.is_connected)
        return SlackRuntime(app, notifier, "socket", health, close)

    log.info("Slack in HTTP mode at %s on the web server", http.EVENTS_PATH)

    def stop() -> None:
        listeners.shutdown(wait=True)

    # Served by our own web server: up exactly when the web server is.
    health = PlatformHealth("slack", "http", up=True, detail="served at " + http.EVENTS_PATH)
    signing_secret = secret(settings.slack_signing_secret) or ""
    return SlackRuntime(app, notifier, "http", health, stop, signing_secret)
