"""Failures become a short apology, and slow database work never stalls the event loop."""

from __future__ import annotations

import logging
import threading

import pytest
from sqlalchemy import event, text

from handlers.pipeline import FAILURE_TEXT
from tests.bot.discord.conftest import Seeded
from tests.bot.discord.harness import CALLBACK_DEFERRED, DiscordHarness
from tests.conftest import Database


async def test_a_failing_handler_gives_a_private_apology_and_is_logged(
    discord_bot: DiscordHarness,
    seeded: Seeded,
    sqlite_db: Database,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with sqlite_db.engine.begin() as connection:
        connection.execute(text("DROP TABLE chat_identities"))

    with caplog.at_level(logging.ERROR):
        response = await discord_bot.slash("next-meeting", user=discord_bot.member(0))

    assert response.text == FAILURE_TEXT
    assert response.ephemeral
    assert any(record.exc_info for record in caplog.records)


async def test_a_slow_query_is_deferred_while_the_loop_keeps_running(
    discord_bot: DiscordHarness, seeded: Seeded, sqlite_db: Database
) -> None:
    discord_bot.client.responder.acknowledge_after = 0.05
    release = threading.Event()

    def slow_query(*_args: object) -> None:
        release.wait(timeout=10)  # every statement waits, as on a database under load

    event.listen(sqlite_db.engine, "before_cursor_execute", slow_query)
    try:
        # Only a free event loop can acknowledge while the pipeline is stuck.
        deferred = await discord_bot.slash("next-meeting", user=discord_bot.member(0))
        assert deferred.payload["type"] == CALLBACK_DEFERRED
        assert deferred.ephemeral
        assert len(discord_bot.webhook.requests) == 1
    finally:
        release.set()  # the listener stays (removing it races the worker); it no longer waits

    [_, answer] = await discord_bot.webhook.wait_for(2)

    assert answer.path == "/webhooks/{webhook_id}/{webhook_token}"
    assert "2 December 2026" in answer.text
    assert answer.ephemeral
