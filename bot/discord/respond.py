"""Answering on Discord: run the pipeline off the event loop, then render the reply.

The pipeline is synchronous (SQLAlchemy sessions), so it runs in a worker
thread and a slow query never stalls the gateway heartbeat. Discord wants an
interaction answered within three seconds: a quick answer goes straight back
(ephemeral in a channel when ``for_asker_only``); a slow one is deferred ephemerally
first, so nothing private can end up in the channel.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord

from bot.discord.render import decode_custom_id, render
from bot.discord.translate import from_button, from_command, from_message
from handlers.clock import Clock, system_clock
from handlers.messages import IncomingMessage, Reply
from handlers.pipeline import FAILURE_TEXT, Pipeline
from schedules.notify import Notifier, deliver_notices

log = logging.getLogger(__name__)

# Discord allows three seconds before an interaction must be acknowledged.
ACKNOWLEDGE_AFTER = 2.0

SENT_PRIVATELY = "That answer is private, so I've sent it to you in a direct message."
DMS_CLOSED = (
    "That answer is private and I can't send you direct messages. "
    "Use the slash command instead (e.g. /apologies) to see it only yourself."
)
EXPIRED_BUTTON = "That button has expired. Please ask again."


class Responder:
    """The Discord side of one conversation turn, shared by messages, commands and buttons.

    ``notices`` delivers the notices a reply carries for other members (the
    clerk told of an apology); it may be a fan-out over every platform.
    """

    def __init__(
        self,
        pipeline: Pipeline,
        *,
        clock: Clock = system_clock,
        notices: Notifier | None = None,
        acknowledge_after: float = ACKNOWLEDGE_AFTER,
    ) -> None:
        self.pipeline = pipeline
        self.clock = clock
        self.notices = notices
        self.acknowledge_after = acknowledge_after

    async def ask(self, message: IncomingMessage) -> Reply:
        """The pipeline's reply, computed in a worker thread."""
        try:
            return await asyncio.to_thread(self.pipeline.handle, message)
        except Exception:
            log.exception("pipeline failed for discord user %s", message.user_id)
            return Reply(text=FAILURE_TEXT, intent="error")

    async def deliver_notices(self, reply: Reply) -> None:
        """Notices go after the asker's reply; the notifier blocks, so it runs in a thread."""
        if self.notices is not None and reply.notices:
            await asyncio.to_thread(deliver_notices, self.notices, reply)

    async def answer_message(self, message: discord.Message, me: discord.abc.User) -> None:
        """A DM, or a channel message that mentions the bot; everything else is not for us."""
        if message.author.bot or message.author.id == me.id:
            return
        is_direct = message.guild is None
        if not is_direct and not any(user.id == me.id for user in message.mentions):
            return
        reply = await self.ask(from_message(message, me, self.clock()))
        rendered = render(reply)
        try:
            if reply.for_asker_only and not is_direct:
                try:
                    await message.author.send(**rendered.send_kwargs())
                except discord.Forbidden:
                    await message.channel.send(DMS_CLOSED)
                else:
                    await message.channel.send(SENT_PRIVATELY)
            else:
                await message.channel.send(**rendered.send_kwargs())
        except discord.HTTPException:
            log.exception("could not answer discord message %s", message.id)
            return
        await self.deliver_notices(reply)

    async def answer_command(
        self, interaction: discord.Interaction[Any], command: str, text: str | None
    ) -> None:
        message = from_command(interaction, command, text or "", self.clock())
        await self._answer_interaction(interaction, message)

    async def answer_button(self, interaction: discord.Interaction[Any], custom_id: str) -> None:
        press = decode_custom_id(custom_id)
        if press is None:
            await interaction.response.send_message(EXPIRED_BUTTON, ephemeral=True)
            return
        await self._answer_interaction(interaction, from_button(interaction, press, self.clock()))

    async def _answer_interaction(
        self, interaction: discord.Interaction[Any], message: IncomingMessage
    ) -> None:
        in_channel = interaction.guild_id is not None
        task = asyncio.ensure_future(self.ask(message))
        done, _ = await asyncio.wait({task}, timeout=self.acknowledge_after)
        try:
            if task in done:
                reply = task.result()
                await interaction.response.send_message(
                    ephemeral=in_channel and reply.for_asker_only, **render(reply).send_kwargs()
                )
            else:
                await interaction.response.defer(ephemeral=in_channel, thinking=True)
                reply = await task
                await interaction.followup.send(ephemeral=in_channel, **render(reply).send_kwargs())
        except discord.HTTPException:
            log.exception("could not answer discord interaction %s", interaction.id)
            return
        await self.deliver_notices(reply)
