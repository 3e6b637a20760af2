"""``/calendar`` on Discord: the personal link is an ephemeral reply, in a server too."""

from __future__ import annotations

import re

from tests.bot.discord.conftest import Seeded
from tests.bot.discord.harness import DiscordHarness


async def test_calendar_in_a_server_is_answered_only_to_the_member(
    discord_bot: DiscordHarness, seeded: Seeded
) -> None:
    response = await discord_bot.slash("calendar", user=discord_bot.member(0))

    assert response.ephemeral
    assert re.search(r"/calendar/me/[A-Za-z0-9_-]{43}\.ics", response.text)
    assert "/calendar/corporate-parenting-board.ics" in response.text
