"""Reminders and notices as Discord DMs, or posts in a board's linked Discord channels.

The scheduler calls ``deliver`` from its worker thread; each send runs on the
client's event loop and ``send`` waits for it. Looking up destinations and
containing failures is ``PlatformNotifier``'s work.
"""

from __future__ import annotations

import asyncio
from typing import Any

import discord
from sqlalchemy.orm import Session, sessionmaker

from bot.discord.render import render
from handlers.messages import Reply
from schedules.notify import Destination, PlatformNotifier, Target, Undeliverable


class DiscordNotifier(PlatformNotifier):
    """A ``Notifier`` for Discord; blocks, so never call it on the client's own loop."""

    platform = "discord"

    def __init__(
        self, client: discord.Client, factory: sessionmaker[Session], *, timeout: float = 30.0
    ) -> None:
        super().__init__(factory)
        self.client = client
        self.timeout = timeout

    def deliver(self, target: Target, reply: Reply) -> bool:
        """As ``PlatformNotifier.deliver``; raises if called on the client's loop (a bug)."""
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is not None and running is getattr(self.client, "loop", None):
            raise RuntimeError("DiscordNotifier.deliver blocks: call it from a worker thread")
        return super().deliver(target, reply)

    def send(self, destination: Destination, reply: Reply) -> None:
        if not destination.id.isdigit():
            raise Undeliverable("not a Discord id")
        loop = getattr(self.client, "loop", None)
        if not isinstance(loop, asyncio.AbstractEventLoop) or loop.is_closed():
            raise Undeliverable("the Discord client is not running")
        future = asyncio.run_coroutine_threadsafe(
            self.post(destination.kind, int(destination.id), reply), loop
        )
        try:
            future.result(self.timeout)
        except TimeoutError:
            future.cancel()
            raise

    async def post(self, kind: str, destination: int, reply: Reply) -> None:
        """One DM (``kind`` "member") or one channel post, on the client's loop."""
        if kind == "member":
            user = self.client.get_user(destination) or await self.client.fetch_user(destination)
            await user.send(**render(reply).send_kwargs())
            return
        channel: Any = self.client.get_channel(destination) or await self.client.fetch_channel(
            destination
        )
        if not isinstance(channel, discord.abc.Messageable):
            raise Undeliverable("the Discord channel cannot take messages")
        await channel.send(**render(reply).send_kwargs())
