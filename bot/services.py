"""``boardclerk run``'s process: the chat adapters and one reminder scheduler together.

Slack and Discord share one pipeline and one ``ReminderService``; reminders and
handler notices fan out to every configured platform, so a clerk on Slack
still hears of an apology sent on Discord.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from bot.settings import Settings
from handlers.pipeline import Pipeline
from schedules.config import ReminderConfig
from schedules.notify import FanOutNotifier
from schedules.retention import parse_retention
from schedules.scheduler import ReminderService

log = logging.getLogger(__name__)


class NothingToServe(ValueError):
    """No chat platform is configured, so ``run`` would have nobody to talk to."""


@dataclass
class Services:
    """Everything ``run`` started, stopped in reverse order."""

    reminders: ReminderService
    notifier: FanOutNotifier
    platforms: list[str] = field(default_factory=list)
    _stops: list[Callable[[], None]] = field(default_factory=list)

    def stop(self) -> None:
        self.reminders.shutdown(wait=False)
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
    *,
    port: int | None = None,
) -> Services:
    """Start each configured adapter, then the reminder scheduler that feeds them."""
    slack = settings.slack_bot_token is not None or settings.slack_client_id is not None
    discord = settings.discord_token is not None
    if not slack and not discord:
        raise NothingToServe("nothing to serve: set SLACK_BOT_TOKEN and/or DISCORD_TOKEN")
    pipeline = Pipeline(factory)
    notifier = FanOutNotifier()
    retention = parse_retention(settings.reason_retention)
    services = Services(
        ReminderService(factory, notifier, config, reason_retention=retention), notifier
    )
    try:
        if slack:
            from bot.slack.runtime import start_slack

            slack_runtime = start_slack(settings, factory, pipeline, port=port, notices=notifier)
            notifier.notifiers.append(slack_runtime.notifier)
            services._stops.append(slack_runtime.stop)
            services.platforms.append(f"slack ({slack_runtime.mode})")
        if discord:
            from bot.discord.runtime import start_discord

            discord_runtime = start_discord(settings, factory, pipeline, notices=notifier)
            notifier.notifiers.append(discord_runtime.notifier)
            services._stops.append(discord_runtime.stop)
            services.platforms.append("discord")
        services.reminders.start()
        settle_heap()
    except BaseException:
        services.stop()
        raise
    return services
