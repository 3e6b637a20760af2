from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.bot.cli_runner import Boardclerk
from tests.bot.web_server import Serve, serving
from tests.conftest import Database


@pytest.fixture
async def serve() -> AsyncIterator[Serve]:
    """``await serve(app)``: the web application on a free local port, over real HTTP."""
    async for start in serving():
        yield start


@pytest.fixture
def boardclerk(db: Database, monkeypatch: pytest.MonkeyPatch) -> Boardclerk:
    """The command line on a fresh database (SQLite and PostgreSQL)."""
    return Boardclerk(db.url, monkeypatch)


@pytest.fixture
def boardclerk_sqlite(sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> Boardclerk:
    """The command line on a fresh SQLite database, for tests above storage."""
    return Boardclerk(sqlite_db.url, monkeypatch)
