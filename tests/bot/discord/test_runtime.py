"""Starting the adapter: ``boardclerk run`` only starts it with a token."""

from __future__ import annotations

import pytest

from bot.discord.runtime import start_discord
from bot.settings import Settings
from handlers.pipeline import Pipeline
from tests.conftest import Database


def test_start_discord_needs_a_token(sqlite_db: Database) -> None:
    settings = Settings(database_url=sqlite_db.url, discord_token=None)

    with pytest.raises(ValueError, match="DISCORD_TOKEN"):
        start_discord(settings, sqlite_db.factory, Pipeline(sqlite_db.factory))
