"""The slash commands: each one passes its optional text to the pipeline's route of the same name.

The descriptions are the help text Discord shows in its command picker.
Every command works in servers and in a direct message with the bot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import discord
from discord import app_commands

from bot.discord.respond import Responder


@dataclass(frozen=True)
class CommandSpec:
    name: str
    description: str
    argument: str


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec(
        "next-meeting",
        "When and where your board meets next.",
        "Which board, if you sit on more than one (e.g. CPB).",
    ),
    CommandSpec(
        "agenda",
        "The agenda of your board's next meeting, or of a meeting you name.",
        "A board, a date or an item (e.g. 'CPB 2 December' or 'item 5').",
    ),
    CommandSpec(
        "ask",
        "Ask about past decisions; answers cite board, date and item.",
        "Your question, e.g. 'what did we decide about care leavers' housing?'",
    ),
    CommandSpec(
        "apologies",
        "Send apologies for a meeting, or see the ones you have sent.",
        "E.g. 'can't make Wednesday'; leave blank to see your apologies.",
    ),
    CommandSpec(
        "actions",
        "Open actions: yours, or your board's.",
        "A board, or 'mine'.",
    ),
    CommandSpec(
        "done",
        "Mark one of your actions as done.",
        "The action's number, as /actions shows it.",
    ),
    CommandSpec(
        "calendar",
        "Your personal calendar link (sent only to you) and your boards' calendars.",
        "'reset' stops your earlier links.",
    ),
    CommandSpec(
        "boardclerk",
        "What Board Clerk can do; clerks: 'link-channel <board>' links this channel.",
        "'help', or (clerks) 'link-channel <board>'.",
    ),
)


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
