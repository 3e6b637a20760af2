"""Running the Slack adapter beside the scheduler: Socket Mode or HTTP, in the background.

Socket Mode (``SLACK_APP_TOKEN``) needs no public URL. Otherwise a threaded
WSGI server takes Slack's requests at ``/slack/events`` (and, with OAuth, the
install pages ``/slack/install`` and ``/slack/oauth_redirect``); bolt checks
every request's signature and answers 401 to unsigned or stale ones.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from socketserver import ThreadingMixIn
from typing import Any, Literal
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import Settings
from bot.slack.app import build_app, secret, slack_notifier
from bot.slack.notifier import SlackNotifier
from bot.slack.translate import Clock, utc_clock
from handlers.pipeline import Pipeline
from schedules.notify import Notifier

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


@dataclass
class SlackRuntime:
    """A running adapter: its ``notifier`` delivers reminders; ``stop()`` ends it."""

    app: App
    notifier: SlackNotifier
    mode: Literal["socket", "http"]
    port: int | None
    _stop: Callable[[], None]

    def stop(self) -> None:
        self._stop()


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    """Request lines go to ``logging`` at debug level, not to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("slack http: " + format, *args)


def start_slack(
    settings: Settings,
    factory: sessionmaker[Session],
    pipeline: Pipeline,
    *,
    port: int | None = None,
    host: str = "0.0.0.0",
    clock: Clock = utc_clock,
    notices: Notifier | None = None,
) -> SlackRuntime:
    """Start Slack in the background and return at once (``port`` overrides ``PORT``)."""
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

        return SlackRuntime(app, notifier, "socket", None, close)

    server = make_server(
        host,
        settings.port if port is None else port,
        SlackRequestHandler(app, path=EVENTS_PATH),
        server_class=_ThreadingWSGIServer,
        handler_class=_QuietHandler,
    )
    thread = threading.Thread(target=server.serve_forever, name="slack-http", daemon=True)
    thread.start()
    log.info("Slack listening on %s:%s%s", host, server.server_port, EVENTS_PATH)

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        listeners.shutdown(wait=True)

    return SlackRuntime(app, notifier, "http", server.server_port, stop)
