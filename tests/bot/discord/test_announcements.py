"""Announcements of a council's changes reach a board's linked Discord channel, once each."""

from __future__ import annotations

import asyncio
import datetime as dt

from bot.discord.notifier import DiscordNotifier
from ingest.moderngov.xml import Committee
from schedules.sync_job import SyncService
from storage.db import transaction
from storage.sources import registry
from tests.bot.discord.conftest import link_channel
from tests.bot.discord.harness import DiscordHarness
from tests.conftest import Database
from tests.ingest.moderngov.council import COMMITTEE, LATER, NOW, TITLE, fast_client
from tests.ingest.moderngov.fake_moderngov import FakeModernGov


async def test_a_moved_and_a_cancelled_meeting_are_each_announced_once(
    discord_bot: DiscordHarness, sqlite_db: Database, site: FakeModernGov
) -> None:
    with transaction(sqlite_db.factory) as session:
        board_id = registry.add_source(
            session, "moderngov", site.url, Committee(str(COMMITTEE), TITLE)
        ).board_id
    link_channel(sqlite_db, board_id, discord_bot.channel.id)
    notifier = DiscordNotifier(discord_bot.client, sqlite_db.factory)
    sync = SyncService(sqlite_db.factory, notifier, dt.timedelta(hours=6), make_client=fast_client)
    await asyncio.to_thread(sync.sync, NOW)
    site.meeting(4003).date = dt.date(2026, 6, 24)
    site.meeting(4004).status = "Cancelled"

    await asyncio.to_thread(sync.sync, LATER)
    await asyncio.to_thread(sync.sync, LATER + dt.timedelta(hours=6))

    posts = discord_bot.posts_to(discord_bot.channel.id)
    assert sorted(post.embed["title"] for post in posts) == [
        f"{TITLE}: meeting cancelled",
        f"{TITLE}: meeting moved",
    ]
    moved = next(post for post in posts if post.embed["title"].endswith("moved"))
    assert "Wed 17 June, 1.30pm has moved to Wed 24 June, 1.30pm" in moved.embed["description"]
