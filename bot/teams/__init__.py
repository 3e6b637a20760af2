"""Microsoft Teams through the Microsoft 365 Agents SDK: the only place that imports it.

``PLATFORM`` starts it (``runtime.start_teams``) for ``boardclerk run``. The
smallest adapter: copy this folder to add a chat platform.
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
    """App credentials, or (local testing only) the SDK's anonymous mode."""
    return settings.microsoft_app_id is not None or settings.teams_allow_anonymous


def start(
    settings: Settings, factory: sessionmaker[Session], pipeline: Pipeline, *, notices: Notifier
) -> ChatAdapter:
    from bot.teams.runtime import start_teams

    return start_teams(settings, factory, pipeline, notices=notices)


PLATFORM = Platform("teams", configured, start)
