"""Teams set up from settings: the SDK's adapter and auth, our agent and notifier.

With ``MICROSOFT_APP_ID`` (and its password and tenant) every request to
``/api/messages`` must carry a Bot Connector token that the SDK validates, and
replies are sent with a token MSAL obtains. ``TEAMS_ALLOW_ANONYMOUS=1`` is the
SDK's anonymous mode, for local testing only: no credentials, no token checks
on requests without one, and replies that carry no token.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from microsoft_agents.activity import Activity, ConversationReference
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.aiohttp import CloudAdapter, jwt_authorization_decorator
from microsoft_agents.hosting.core import MessageFactory, TurnContext
from microsoft_agents.hosting.core.authorization import AgentAuthConfiguration, ClaimsIdentity
from sqlalchemy.orm import Session, sessionmaker

from bot.platform_health import PlatformHealth
from bot.settings import Settings
from bot.teams.agent import TeamsAgent
from bot.teams.notifier import TeamsNotifier
from handlers.clock import system_clock
from handlers.pipeline import FAILURE_TEXT, Pipeline
from schedules.notify import Notifier

log = logging.getLogger(__name__)

# The Bot Connector's audience; anonymous replies carry no token, so it is only a label there.
CONNECTOR_AUDIENCE = "https://api.botframework.com"
# The key under which the SDK's JWT check looks for its configuration on the web app.
AGENT_CONFIGURATION = "agent_configuration"


@dataclass
class TeamsRuntime:
    """What ``/api/messages`` and the notifier need, built once per process."""

    adapter: CloudAdapter
    agent: TeamsAgent
    notifier: TeamsNotifier
    auth: AgentAuthConfiguration
    app_id: str
    health: PlatformHealth

    @property
    def mode(self) -> str:
        return self.health.mode

    def web_routes(self, app: web.Application) -> None:
        """``POST /api/messages``: the SDK validates each request's token before our agent."""
        app[AGENT_CONFIGURATION] = self.auth
        checked = jwt_authorization_decorator(self.handle)  # type: ignore[no-untyped-call]
        app.router.add_post("/api/messages", checked)
        app.on_startup.append(self.bind_loop)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        # The SDK lets a body that is not JSON, JSON nested past Python's recursion limit, or JSON
        # that is not an activity escape as a 500 and a traceback: each is a 400 here.
        try:
            Activity.model_validate(await request.json())
        except (ValueError, RecursionError):
            return web.Response(status=400, text="not a Bot Framework activity")
        response = await self.adapter.process(request, self.agent)
        return response if response is not None else web.Response(status=202)

    def stop(self) -> None:
        """Nothing of its own to stop: it serves on the shared web server."""

    async def bind_loop(self, _app: web.Application) -> None:
        """Proactive sends run on the loop that serves the web app."""
        self.notifier.bind(asyncio.get_running_loop())
        self.health.mark_up("serving /api/messages")

    async def send(
        self, reference: dict[str, Any], callback: Callable[[TurnContext], Awaitable[None]]
    ) -> None:
        activity = ConversationReference.model_validate(reference).get_continuation_activity()
        if self.auth.ANONYMOUS_ALLOWED:
            anonymous = ClaimsIdentity({}, "Anonymous")
            await self.adapter.continue_conversation_with_claims(
                anonymous, activity, callback, audience=CONNECTOR_AUDIENCE
            )
        else:
            await self.adapter.continue_conversation(self.app_id, activity, callback)


def auth_configuration(settings: Settings) -> AgentAuthConfiguration:
    """Credentials from the three Microsoft variables, or the anonymous test mode."""
    if settings.teams_allow_anonymous:
        return AgentAuthConfiguration(anonymous_allowed=True)
    password = settings.microsoft_app_password
    if not (settings.microsoft_app_id and password and settings.microsoft_app_tenant_id):
        raise ValueError(
            "Teams needs MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID"
        )
    return AgentAuthConfiguration(
        client_id=settings.microsoft_app_id,
        tenant_id=settings.microsoft_app_tenant_id,
        client_secret=password.get_secret_value(),
        anonymous_allowed=False,
    )


def start_teams(
    settings: Settings,
    factory: sessionmaker[Session],
    pipeline: Pipeline,
    notices: Notifier,
    clock: Callable[[], dt.datetime] = system_clock,
) -> TeamsRuntime:
    """Teams' agent, notifier and ``/api/messages``; it is up once the web server serves."""
    auth = auth_configuration(settings)
    if auth.ANONYMOUS_ALLOWED:
        log.warning(
            "TEAMS_ALLOW_ANONYMOUS=1: /api/messages accepts unsigned requests. "
            "For local testing only; never in production."
        )
    manager = MsalConnectionManager(connections_configurations={"SERVICE_CONNECTION": auth})
    adapter = CloudAdapter(connection_manager=manager)

    async def on_turn_error(context: TurnContext, error: Exception) -> None:
        log.error("Teams turn failed", exc_info=error)
        if not context.responded:  # an answer already sent is never followed by an apology
            await context.send_activity(MessageFactory.text(FAILURE_TEXT))

    adapter.on_turn_error = on_turn_error
    runtime = TeamsRuntime(
        adapter=adapter,
        agent=TeamsAgent(pipeline, factory, notices, clock),
        notifier=TeamsNotifier(factory, send=lambda ref, cb: runtime.send(ref, cb)),
        auth=auth,
        app_id=settings.microsoft_app_id or "",
        health=PlatformHealth("teams", "anonymous" if auth.ANONYMOUS_ALLOWED else "credentials"),
    )
    return runtime
