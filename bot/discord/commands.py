"""The slash commands: each one passes its optional text to the pipeline's route of the same name.

The descriptions are the help text Discord shows in its command picker.
Every command works in servers and in a direct message with the bot.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.discord.respond import Responder
from handlers.commands import COMMANDS, CommandSpec

__all__ = ["COMMANDS", "add_commands", "build_command"]


def build_command(spec: CommandSpec, responder: Responder) -> app_commands.Command[Any, ..., None]:
    @app_commands.describe(text=spec.argument)
    async def callback(interaction: discord.Interaction, text: str | None = None) -> None:
        await responder.answer_command(interaction, spec.name, text)

    command: app_commands.Command[Any, ..., None] = app_commands.Command(
        name=spec.name,
        description=spec.description,
        callback=callback,
        allowed_contexts=app_commands.AppCommandContext(guild=True, dm_channel=True),
        allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
    )
    return command


def add_commands(tree: app_commands.CommandTree[discord.Client], responder: Responder) -> None:
    for spec in COMMANDS:
        tree.add_command(build_command(spec, responder))
