"""Board Clerk in Slack: bolt listeners that translate Slack payloads and render replies.

Entry points: ``build_app`` (a configured ``slack_bolt.App``) and
``start_slack`` (the running adapter, with its notifier for reminders), which
``PLATFORM`` starts for ``boardclerk run``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.adapter import Platform

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from bot.adapter import ChatAdapter
    from bot.settings import Settings
    from handlers.pipeline import Pipeline
    from schedules.notify import Notifier


def configured(settings: Settings) -> bool:
    """A bot token (one workspace) or an OAuth client id (several)."""
    return settings.slack_bot_token is not None or settings.slack_client_id is not None


def start(
    settings: Settings, factory: sessionmaker[Session], pipeline: Pipeline, *, notices: Notifier
) -> ChatAdapter:
    from bot.slack.runtime import start_slack

    return start_slack(settings, factory, pipeline, notices=notices)


PLATFORM = Platform("slack", configured, start)
