"""Board Clerk on Discord: slash commands, DMs and mentions, buttons, and reminders as DMs.

Only this package (and the rest of ``bot/``) imports discord.py; it
translates Discord events into ``IncomingMessage``s and renders ``Reply``s.
``PLATFORM`` starts it (``runtime.start_discord``) for ``boardclerk run``.
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
    return settings.discord_token is not None


def start(
    settings: Settings, factory: sessionmaker[Session], pipeline: Pipeline, *, notices: Notifier
) -> ChatAdapter:
    from bot.discord.runtime import start_discord

    return start_discord(settings, factory, pipeline, notices=notices)


PLATFORM = Platform("discord", configured, start)
