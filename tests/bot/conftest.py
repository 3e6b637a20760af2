from __future__ import annotations

import pytest

from tests.bot.cli_runner import Boardclerk
from tests.conftest import Database


@pytest.fixture
def boardclerk(db: Database, monkeypatch: pytest.MonkeyPatch) -> Boardclerk:
    """The command line on a fresh database (SQLite and PostgreSQL)."""
    return Boardclerk(db.url, monkeypatch)


@pytest.fixture
def boardclerk_sqlite(sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> Boardclerk:
    """The command line on a fresh SQLite database, for tests above storage."""
    return Boardclerk(sqlite_db.url, monkeypatch)
