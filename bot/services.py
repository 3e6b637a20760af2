"""``boardclerk run``'s process: the chat adapters, one reminder scheduler and the site sync.

Every configured platform in the registry (``bot.platforms``) is started and
returns a ``ChatAdapter``; they share one pipeline and one ``ReminderService``.
Reminders and handler notices fan out to every started platform, so a clerk on
Slack still hears of an apology sent on Discord. Each adapter's health goes to
``/healthz`` and its webhook routes, if any, to the one web server
(``bot.web``), which ``run`` starts whether or not any chat platform is configured.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web
from sqlalchemy.orm import Session, sessionmaker

from bot.adapter import ChatAdapter
from bot.email.service import EmailService, start_email
from bot.platform_health import PlatformHealth
from bot.platforms import PLATFORMS
from bot.settings import Settings
from bot.site_clients import sync_service
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
    adapters: list[ChatAdapter] = field(default_factory=list)
    sync: SyncService | None = None
    email: EmailService | None = None

    @property
    def platforms(self) -> list[str]:
        """Each started platform as ``run`` names it: "slack (socket)"."""
        return [f"{a.health.name} ({a.health.mode})" for a in self.adapters]

    @property
    def health(self) -> list[PlatformHealth]:
        return [adapter.health for adapter in self.adapters]

    @property
    def web_routes(self) -> list[Callable[[web.Application], None]]:
        """Route groups for the one web server; each is ``register(app)``."""
        routes: list[Callable[[web.Application], None]] = [
            adapter.web_routes for adapter in self.adapters
        ]
        if self.email is not None:
            routes.append(self.email.web_routes)
        return routes

    def stop(self) -> None:
        self.reminders.shutdown(wait=False)
        if self.email is not None:
            self.email.stop()
        if self.sync is not None:
            self.sync.shutdown(wait=False)
        for adapter in reversed(self.adapters):
            try:
                adapter.stop()
            except Exception:
                log.exception("%s did not stop cleanly", adapter.health.name)


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
    """Start each configured chat platform (none is fine), then the reminder scheduler."""
    pipeline = Pipeline(factory, public_url=settings.public_url)
    notifier = FanOutNotifier()
    services = Services(
        ReminderService(factory, notifier, config, reason_retention=settings.reason_retention),
        notifier,
    )
    try:
        for platform in PLATFORMS:
            if platform.configured(settings):
                adapter = platform.start(settings, factory, pipeline, notices=notifier)
                services.adapters.append(adapter)
                notifier.notifiers.append(adapter.notifier)
        services.email = start_email(settings, factory, pipeline, notifier)
        services.reminders.start()
        services.sync = sync_service(settings, factory, notifier)
        services.sync.start()
        settle_heap()
    except BaseException:
        services.stop()
        raise
    return services
