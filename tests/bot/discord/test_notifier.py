"""Reminders: delivered as Discord DMs, or to a board's linked Discord channel."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from bot.discord.notifier import DiscordNotifier
from handlers.messages import Button, Citation, Reply
from schedules.notify import Target
from tests.bot.discord.conftest import Seeded, link_channel
from tests.bot.discord.harness import DiscordHarness
from tests.conftest import Database

REMINDER = Reply(
    text="Corporate Parenting Board meets on Wed 2 December 2026, 3.00pm.",
    intent="reminder",
    title="Meeting reminder",
    citations=[Citation("Corporate Parenting Board", dt.date(2026, 12, 2))],
    buttons=[Button("Send apologies", "apology-choose:2", "2")],
)


@pytest.fixture
def notifier(discord_bot: DiscordHarness, sqlite_db: Database) -> DiscordNotifier:
    return DiscordNotifier(discord_bot.client, sqlite_db.factory)


async def test_a_reminder_arrives_as_a_dm_with_its_buttons(
    discord_bot: DiscordHarness, notifier: DiscordNotifier, seeded: Seeded
) -> None:
    # The scheduler calls deliver from its worker thread.
    delivered = await asyncio.to_thread(notifier.deliver, Target.member(seeded.alice_id), REMINDER)

    assert delivered
    dm = await discord_bot.dm_channel(discord_bot.member(0))
    [sent] = discord_bot.posts_to(dm.id)
    assert sent.embed["title"] == "Meeting reminder"
    assert "3.00pm" in sent.embed["description"]
    assert sent.embed["footer"]["text"] == "Corporate Parenting Board, 2 December 2026"
    assert sent.buttons == {"Send apologies": "apology-choose:2"}


async def test_a_board_reminder_goes_to_the_linked_channel(
    discord_bot: DiscordHarness, notifier: DiscordNotifier, seeded: Seeded, sqlite_db: Database
) -> None:
    link_channel(sqlite_db, seeded.board_id, discord_bot.channel.id)

    delivered = await asyncio.to_thread(
        notifier.deliver, Target.board_channel(seeded.board_id), REMINDER
    )

    assert delivered
    [sent] = discord_bot.posts_to(discord_bot.channel.id)
    assert sent.embed["title"] == "Meeting reminder"


async def test_nothing_to_deliver_to_without_a_discord_identity_or_channel(
    discord_bot: DiscordHarness, notifier: DiscordNotifier, seeded: Seeded
) -> None:
    assert not await asyncio.to_thread(
        notifier.deliver, Target.member(seeded.clerk_id + 99), REMINDER
    )
    assert not await asyncio.to_thread(
        notifier.deliver, Target.board_channel(seeded.board_id), REMINDER
    )
    assert discord_bot.posted == []


async def test_a_private_reply_is_never_posted_in_a_board_channel(
    discord_bot: DiscordHarness, notifier: DiscordNotifier, seeded: Seeded, sqlite_db: Database
) -> None:
    link_channel(sqlite_db, seeded.board_id, discord_bot.channel.id)
    private = Reply(text="Your apologies are recorded.", intent="apologies", private=True)

    assert not await asyncio.to_thread(
        notifier.deliver, Target.board_channel(seeded.board_id), private
    )
    assert discord_bot.posted == []


async def test_deliver_refuses_to_block_the_clients_own_loop(
    notifier: DiscordNotifier, seeded: Seeded
) -> None:
    with pytest.raises(RuntimeError, match="worker thread"):
        notifier.deliver(Target.member(seeded.alice_id), REMINDER)
