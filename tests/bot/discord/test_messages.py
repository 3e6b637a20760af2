"""DMs and mentions through dpytest: the bot answers those, and nothing else in a channel."""

from __future__ import annotations

import discord.ext.test as dpytest

from bot.discord.respond import SENT_PRIVATELY
from tests.bot.discord.conftest import Seeded
from tests.bot.discord.harness import DiscordHarness


async def test_a_dm_is_answered_in_the_dm(discord_bot: DiscordHarness, seeded: Seeded) -> None:
    dm = await discord_bot.dm_channel(discord_bot.member(0))

    await dpytest.message("when is the next meeting?", channel=dm, member=discord_bot.member(0))

    [reply] = discord_bot.posts_to(dm.id)
    assert "2 December 2026" in reply.text


async def test_a_mention_in_a_channel_is_answered_there_without_the_mention(
    discord_bot: DiscordHarness, seeded: Seeded
) -> None:
    bot_id = discord_bot.client.user.id  # type: ignore[union-attr]

    await dpytest.message(f"<@{bot_id}> when is the next meeting?", member=0)

    [reply] = discord_bot.posts_to(discord_bot.channel.id)
    assert "2 December 2026" in reply.text


async def test_channel_chatter_without_a_mention_is_ignored(
    discord_bot: DiscordHarness, seeded: Seeded
) -> None:
    await dpytest.message("when is the next meeting?", member=0)

    assert discord_bot.posted == []


async def test_the_bot_ignores_its_own_messages(discord_bot: DiscordHarness) -> None:
    await discord_bot.channel.send(f"<@{discord_bot.client.user.id}> hello")  # type: ignore[union-attr]
    await dpytest.run_all_events()

    assert len(discord_bot.posted) == 1  # only the bot's own post, unanswered


async def test_a_stranger_sees_public_information_and_is_told_how_to_get_linked(
    discord_bot: DiscordHarness, seeded: Seeded
) -> None:
    stranger = discord_bot.member(2)

    response = await discord_bot.slash("boardclerk", "help", user=stranger, in_dm=True)

    assert "boardclerk member link" in response.text


async def test_a_private_answer_to_a_mention_goes_by_dm(
    discord_bot: DiscordHarness, seeded: Seeded
) -> None:
    bot_id = discord_bot.client.user.id  # type: ignore[union-attr]

    await dpytest.message(f"<@{bot_id}> sorry, I can't make the next meeting", member=0)

    [in_channel] = discord_bot.posts_to(discord_bot.channel.id)
    assert in_channel.data["content"] == SENT_PRIVATELY
    dm = await discord_bot.dm_channel(discord_bot.member(0))
    [private] = discord_bot.posts_to(dm.id)
    assert any(custom_id.startswith("apology-undo:") for custom_id in private.buttons.values())


async def test_a_stranger_gets_the_next_meeting_with_how_to_get_linked_last(
    discord_bot: DiscordHarness, seeded: Seeded
) -> None:
    response = await discord_bot.slash("next-meeting", user=discord_bot.member(2), in_dm=True)

    assert "2 December 2026" in response.text
    assert response.text.endswith("(`boardclerk member link`).")
