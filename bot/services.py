"""``boardclerk run``'s process: the chat adapters, one reminder scheduler and the site sync.

Slack, Discord and Teams share one pipeline and one ``ReminderService``; reminders and
handler notices fan out to every configured platform, so a clerk on Slack
still hears of an apology sent on Discord. Each adapter adds its connection
state to ``health`` and its webhook routes, if any, to ``web_routes`` for the
one web server (``bot.web``), which ``run`` starts whether or not any chat
platform is configured.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web
from sqlalchemy.orm import Session, sessionmaker

from bot.platform_health import PlatformHealth
from bot.settings import Settings
from bot.sync import sync_service
from handlers.pipeline import Pipeline
from schedules.config import ReminderConfig
from schedules.notify import FanOutNotifier
from schedules.scheduler import ReminderService
from schedules.sync_job import SyncService

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Everything ``run`` started, stopped in reverse order."""

    reminders: ReminderService
    notifier: FanOutNotifier
    platforms: list[str] = field(default_factory=list)
    health: list[PlatformHealth] = field(default_factory=list)
    # Route groups for the web server, e.g. Slack's HTTP mode: each is ``register(app)``.
    web_routes: list[Callable[[web.Application], None]] = field(default_factory=list)
    _stops: list[Callable[[], None]] = field(default_factory=list)
    sync: SyncService | None = None

    def stop(self) -> None:
        self.reminders.shutdown(wait=False)
        if self.sync is not None:
            self.sync.shutdown(wait=False)
        for stop in reversed(self._stops):
            try:
                stop()
            except Exception:
                log.exception("an adapter did not stop cleanly")


def settle_heap() -> None:
    """Move everything loaded at start-up (dateparser's language data, mappers, compiled
    regexes) out of the garbage collector's sight.

    A long-lived heap that large makes each full collection take tens of
    milliseconds, which then lands on whichever member's question triggered it.
    """
    gc.collect()
    gc.freeze()


def start_services(
    settings: Settings,
    factory: sessionmaker[Session],
    config: ReminderConfig,
) -> Services:
    """Start each configured adapter (none is fine), then the reminder scheduler."""
    slack = settings.slack_bot_token is not None or settings.slack_client_id is not None
    discord = settings.discord_token is not None
    pipeline = Pipeline(factory, public_url=settings.public_url)
    notifier = FanOutNotifier()
    services = Services(
        ReminderService(factory, notifier, config, reason_retention=settings.reason_retention),
        notifier,
    )
    try:
        if slack:
            from bot.slack.runtime import start_slack

            slack_runtime = start_slack(settings, factory, pipeline, notices=notifier)
            notifier.notifiers.append(slack_runtime.notifier)
            services._stops.append(slack_runtime.stop)
            services.health.append(slack_runtime.health)
            services.web_routes.append(slack_runtime.web_routes)
            services.platforms.append(f"slack ({slack_runtime.mode})")
        if discord:
            from bot.discord.runtime import start_discord

            discord_runtime = start_discord(settings, factory, pipeline, notices=notifier)
            notifier.notifiers.append(discord_runtime.notifier)
            services._stops.append(discord_runtime.stop)
            services.health.append(discord_runtime.health)
            services.platforms.append("discord")
        if settings.microsoft_app_id is not None or settings.teams_allow_anonymous:
            from bot.teams.runtime import build_teams

            teams_runtime = build_teams(settings, factory, pipeline, notices=notifier)
            notifier.notifiers.append(teams_runtime.notifier)
            services.health.append(teams_runtime.health)
            services.web_routes.append(teams_runtime.web_routes)
            services.platforms.append(f"teams ({teams_runtime.mode})")
        services.reminders.start()
        services.sync = sync_service(settings, factory, notifier)
        services.sync.start()
        settle_heap()
    except BaseException:
        services.stop()
        raise
    return services
