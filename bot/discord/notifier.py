"""Reminders and notices as Discord DMs, or posts in a board's linked Discord channels.

The scheduler calls ``deliver`` from its worker thread; the send itself runs
on the client's event loop, and ``deliver`` waits for its outcome.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.discord.render import render
from handlers.messages import Reply
from schedules.notify import Target
from storage.models import BoardChannel, ChatIdentity

log = logging.getLogger(__name__)

PLATFORM = "discord"


class DiscordNotifier:
    """A ``Notifier``: False when the member (or board) has no Discord identity (or channel)."""

    def __init__(
        self, client: discord.Client, factory: sessionmaker[Session], *, timeout: float = 30.0
    ) -> None:
        self.client = client
        self.factory = factory
        self.timeout = timeout

    def deliver(self, target: Target, reply: Reply) -> bool:
        destinations = self._destinations(target)
        if not destinations:
            return False
        if target.kind == "board-channel" and reply.private:
            log.warning("not posting a private reply to board %s's channels", target.board_id)
            return False
        loop = self._loop()
        if loop is None:
            log.warning("discord client is not running; %s not delivered", target)
            return False
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            raise RuntimeError("DiscordNotifier.deliver blocks: call it from a worker thread")
        future = asyncio.run_coroutine_threadsafe(self.send(target.kind, destinations, reply), loop)
        return future.result(self.timeout)

    async def send(self, kind: str, destinations: list[int], reply: Reply) -> bool:
        """Sends to each destination; True if any of them took it."""
        delivered = False
        for destination in destinations:
            try:
                if kind == "member":
                    user = self.client.get_user(destination) or await self.client.fetch_user(
                        destination
                    )
                    await user.send(**render(reply).send_kwargs())
                else:
                    channel: Any = self.client.get_channel(
                        destination
                    ) or await self.client.fetch_channel(destination)
                    if not isinstance(channel, discord.abc.Messageable):
                        log.warning("discord channel %s cannot take messages", destination)
                        continue
                    await channel.send(**render(reply).send_kwargs())
            except discord.HTTPException:
                log.exception("discord delivery to %s %s failed", kind, destination)
                continue
            delivered = True
        return delivered

    def _destinations(self, target: Target) -> list[int]:
        with self.factory() as session:
            if target.kind == "member":
                ids = session.scalars(
                    select(ChatIdentity.user_id).where(
                        ChatIdentity.member_id == target.member_id,
                        ChatIdentity.platform == PLATFORM,
                    )
                )
            else:
                ids = session.scalars(
                    select(BoardChannel.channel_id).where(
                        BoardChannel.board_id == target.board_id,
                        BoardChannel.platform == PLATFORM,
                    )
                )
            return [int(i) for i in ids if i.isdigit()]

    def _loop(self) -> asyncio.AbstractEventLoop | None:
        loop = getattr(self.client, "loop", None)
        if not isinstance(loop, asyncio.AbstractEventLoop) or loop.is_closed():
            return None
        return loop
