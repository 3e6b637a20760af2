"""Discord messages and interactions as platform-neutral ``IncomingMessage``s.

Discord gives bots no email address, so a Discord user is known only through
a clerk's link (``boardclerk member link``); the time is the injected clock's.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import discord

from handlers.messages import ButtonPress, IncomingMessage


def _mention_pattern(user_id: int) -> re.Pattern[str]:
    return re.compile(rf"<@!?{user_id}>")


def strip_mention(text: str, bot_id: int) -> str:
    """The message without the bot's mention: "@Board Clerk when do we meet?" → "when do we meet?"."""
    return " ".join(_mention_pattern(bot_id).sub(" ", text).split())


def from_message(
    message: discord.Message, bot_user: discord.abc.User, now: dt.datetime
) -> IncomingMessage:
    """A direct message, or a channel message that mentions the bot."""
    is_direct = message.guild is None
    mentioned = any(user.id == bot_user.id for user in message.mentions)
    return IncomingMessage(
        platform="discord",
        user_id=str(message.author.id),
        text=strip_mention(message.content, bot_user.id),
        now=now,
        is_direct=is_direct,
        channel_id=str(message.channel.id),
        mentioned=mentioned,
        display_name=message.author.display_name,
    )


def _interaction_base(interaction: discord.Interaction[Any], now: dt.datetime) -> dict[str, Any]:
    return {
        "platform": "discord",
        "user_id": str(interaction.user.id),
        "now": now,
        "is_direct": interaction.guild_id is None,
        "channel_id": None if interaction.channel_id is None else str(interaction.channel_id),
        "display_name": interaction.user.display_name,
    }


def from_command(
    interaction: discord.Interaction[Any], command: str, text: str, now: dt.datetime
) -> IncomingMessage:
    """``/agenda next week`` → command "agenda", text "next week"."""
    return IncomingMessage(
        text=text.strip(), command=command, **_interaction_base(interaction, now)
    )


def from_button(
    interaction: discord.Interaction[Any], press: ButtonPress, now: dt.datetime
) -> IncomingMessage:
    return IncomingMessage(text="", button=press, **_interaction_base(interaction, now))
