"""The bolt ``App`` for Board Clerk: its Web API client, its authorisation and its listeners.

``process_before_response=False``: bolt acknowledges each request as soon as
the ack listener has run and does the real work (the pipeline, the database,
the replies) in lazy listeners on its executor, so Slack always hears back
within its 3 seconds. Tests pass a synchronous ``listener_executor`` so the
lazy work has finished when ``App.dispatch`` returns.
"""

from __future__ import annotations

import logging
from concurrent.futures import Executor

from slack_bolt import App
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import Settings
from bot.slack.listeners import register_listeners
from bot.slack.notifier import SlackNotifier
from bot.slack.services import SlackServices
from bot.slack.translate import UserDirectory
from bot.slack.workspaces import Workspaces
from handlers.clock import Clock, system_clock
from handlers.pipeline import Pipeline
from schedules.notify import Notifier

log = logging.getLogger(__name__)

# The bot scopes the manifest asks for; the OAuth install asks for the same.
BOT_SCOPES = (
    "app_mentions:read",
    "channels:history",
    "chat:write",
    "commands",
    "groups:history",
    "im:history",
    "im:write",
    "users:read",
    "users:read.email",
)


class SlackSetupError(ValueError):
    """The settings cannot run Slack (e.g. HTTP mode without a signing secret)."""


def secret(value: object) -> str | None:
    getter = getattr(value, "get_secret_value", None)
    return str(getter()) if getter is not None else None


def build_client(settings: Settings, token: str | None = None) -> WebClient:
    """A Web API client on ``SLACK_API_URL`` that waits out rate limits (HTTP 429)."""
    base_url = (
        settings.slack_api_url
        if settings.slack_api_url.endswith("/")
        else settings.slack_api_url + "/"
    )
    client = WebClient(token=token, base_url=base_url)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=2))
    return client


def oauth_enabled(settings: Settings) -> bool:
    return bool(settings.slack_client_id and secret(settings.slack_client_secret))


def _engine(factory: sessionmaker[Session]) -> Engine:
    bind = factory.kw.get("bind")
    if not isinstance(bind, Engine):
        raise SlackSetupError("multi-workspace OAuth needs a session factory bound to an engine")
    return bind


def _oauth_settings(settings: Settings, factory: sessionmaker[Session]) -> OAuthSettings:
    """Installations and OAuth states kept in Board Clerk's own database (slack_sdk's tables)."""
    # Imported here: slack_sdk's stores pull in SQLAlchemy's asyncio (greenlet).
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

    assert settings.slack_client_id is not None
    engine = _engine(factory)
    installations = SQLAlchemyInstallationStore(client_id=settings.slack_client_id, engine=engine)
    states = SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=engine)
    installations.create_tables()  # type: ignore[no-untyped-call]
    states.metadata.create_all(engine)
    return OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=secret(settings.slack_client_secret),
        scopes=list(BOT_SCOPES),
        installation_store=installations,
        state_store=states,
        install_path="/slack/install",
        redirect_uri_path="/slack/oauth_redirect",
    )


def slack_notifier(app: App, settings: Settings, factory: sessionmaker[Session]) -> SlackNotifier:
    """Reminders and notices, each through the token of the recipient's own workspace."""
    token = secret(settings.slack_bot_token)
    default = app.client if app.client.token else build_client(settings, token) if token else None
    workspaces = Workspaces(
        default, app.installation_store, lambda installed: build_client(settings, installed)
    )
    return SlackNotifier(factory, workspaces)


def build_app(
    settings: Settings,
    factory: sessionmaker[Session],
    pipeline: Pipeline,
    client: WebClient | None = None,
    *,
    clock: Clock = system_clock,
    listener_executor: Executor | None = None,
    notices: Notifier | None = None,
    users: UserDirectory | None = None,
) -> App:
    """A bolt ``App`` wired to ``pipeline``; ``notices`` (e.g. all platforms) defaults to Slack.

    Single workspace with ``SLACK_BOT_TOKEN``; several with OAuth when the
    client id and secret are set (installations stored in the same database).
    """
    socket_mode = secret(settings.slack_app_token) is not None
    signing_secret = secret(settings.slack_signing_secret)
    if not socket_mode and not signing_secret:
        raise SlackSetupError(
            "Slack HTTP mode needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)"
        )
    if oauth_enabled(settings):
        app = App(
            signing_secret=signing_secret or "",
            client=client or build_client(settings),
            oauth_settings=_oauth_settings(settings, factory),
            process_before_response=False,
            listener_executor=listener_executor,
        )
    else:
        token = secret(settings.slack_bot_token)
        if token is None:
            raise SlackSetupError("Slack needs SLACK_BOT_TOKEN (or the OAuth client id and secret)")
        app = App(
            signing_secret=signing_secret or "",
            # The client carries the token (bolt verifies it with auth.test).
            client=client or build_client(settings, token),
            process_before_response=False,
            listener_executor=listener_executor,
        )
    services = SlackServices(
        pipeline=pipeline,
        factory=factory,
        clock=clock,
        users=users or UserDirectory(),
        notices=notices or slack_notifier(app, settings, factory),
    )
    register_listeners(app, services)
    return app
