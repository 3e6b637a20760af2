"""The Discord client: slash commands, DMs and mentions, and Board Clerk's buttons.

It asks for the default intents without the privileged message-content intent:
Discord still gives a bot the content of direct messages and of messages that
mention it, which are the only messages Board Clerk answers.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.discord.commands import add_commands
from bot.discord.render import ActionButton
from bot.discord.respond import Responder
from bot.platform_health import PlatformHealth


def board_clerk_intents() -> discord.Intents:
    intents = discord.Intents.default()
    intents.message_content = False
    intents.members = False
    intents.presences = False
    return intents


class BoardClerkClient(discord.Client):
    """``sync_commands`` publishes the slash commands to Discord at start-up (off in tests)."""

    def __init__(
        self,
        responder: Responder,
        *,
        sync_commands: bool = True,
        intents: discord.Intents | None = None,
        health: PlatformHealth | None = None,
        **options: Any,
    ) -> None:
        super().__init__(
            intents=intents or board_clerk_intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            **options,
        )
        self.responder = responder
        self.sync_commands = sync_commands
        self.health = health or PlatformHealth("discord", "gateway")
        self.tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(self)
        add_commands(self.tree, responder)

    async def setup_hook(self) -> None:
        # Buttons are answered by their custom_id, so they keep working after a restart.
        self.add_dynamic_items(ActionButton)
        if self.sync_commands:
            await self.tree.sync()

    async def on_ready(self) -> None:
        self.health.mark_up()

    async def on_resumed(self) -> None:
        self.health.mark_up()

    async def on_disconnect(self) -> None:
        self.health.mark_down("disconnected from the gateway; reconnecting")

    async def on_message(self, message: discord.Message) -> None:
        if self.user is not None:
            await self.responder.answer_message(message, self.user)
