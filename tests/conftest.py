"""Shared fixtures: every storage test runs on SQLite and on PostgreSQL.

PostgreSQL comes from ``BOARDCLERK_TEST_POSTGRES_URL``; each test gets its
own schema, so tests can run in any order. Unreachable means skip, unless
``BOARDCLERK_REQUIRE_POSTGRES=1`` (set by .ci/run) makes it a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from storage.db import make_engine, upgrade
from tests.ingest.moderngov.council import running_site
from tests.ingest.moderngov.fake_moderngov import FakeModernGov

# rich fixes a module-level Console's width from COLUMNS when it is made, and pytest-xdist's
# workers start with COLUMNS=80: CLI tables must not wrap under either runner.
os.environ["COLUMNS"] = "200"

POSTGRES_URL = os.environ.get(
    "BOARDCLERK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REQUIRE_POSTGRES = os.environ.get("BOARDCLERK_REQUIRE_POSTGRES") == "1"
REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


@dataclass
class Database:
    """A fresh, upgraded database for one test."""

    url: str
    engine: Engine
    factory: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name


_postgres_error: str | None = None
_postgres_checked = False


def _postgres_unreachable() -> str | None:
    global _postgres_checked, _postgres_error
    if not _postgres_checked:
        _postgres_checked = True
        try:
            probe = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
            with probe.connect() as connection:
                connection.execute(text("select 1"))
            probe.dispose()
        except Exception as exc:
            _postgres_error = str(exc).splitlines()[0]
    return _postgres_error


def _sqlite(tmp_path: Path) -> Iterator[Database]:
    url = f"sqlite:///{tmp_path / 'boardclerk.db'}"
    engine = make_engine(url)
    upgrade(engine)
    yield Database(url, engine, sessionmaker(engine, expire_on_commit=False))
    engine.dispose()


def _postgres() -> Iterator[Database]:
    reason = _postgres_unreachable()
    if reason is not None:
        message = f"PostgreSQL unreachable at {POSTGRES_URL}: {reason}"
        if REQUIRE_POSTGRES:
            pytest.fail(message)
        pytest.skip(message)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    url = f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    engine = make_engine(url)
    upgrade(engine)
    try:
        yield Database(url, engine, sessionmaker(engine, expire_on_commit=False))
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield from _sqlite(tmp_path)
    else:
        yield from _postgres()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    """A fresh SQLite database, for tests about behaviour above storage."""
    yield from _sqlite(tmp_path)


@pytest.fixture
def postgres_db() -> Iterator[Database]:
    """A fresh PostgreSQL schema, for tests that need two real connections racing."""
    yield from _postgres()


@pytest.fixture
def seeds() -> Path:
    """The shared seed documents; tests that need them skip where they are absent."""
    if not (SEEDS / "expected.json").is_file():
        pytest.skip(f"seed documents not found at {SEEDS}")
    return SEEDS


@pytest.fixture
def site() -> Iterator[FakeModernGov]:
    """A council's fake ModernGov site (tests/ingest/moderngov/council.py) on a free local port."""
    yield from running_site()
