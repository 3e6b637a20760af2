"""Engines, sessions and schema upgrades for SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

# Tables kept beside their capability still belong to the one schema.
import storage.sources.tables  # noqa: F401

MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseError(RuntimeError):
    """The database cannot be used; the message is one line for the user."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # WAL lets the chat adapters read while an import or a reminder tick writes, and
    # with synchronous=NORMAL a commit no longer waits for a disk sync (a power cut
    # may lose the last commits, never corrupt the file).
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get their folder and foreign keys."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"invalid database URL {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(parsed, pool_pre_ping=True)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> bool:
    """Bring the schema to the newest revision; True if anything was applied."""
    heads = set(ScriptDirectory.from_config(alembic_config(engine)).get_heads())
    try:
        with engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseError(f"cannot reach the database: {reason}") from exc
    if current == heads:
        return False
    command.upgrade(alembic_config(engine), "heads")
    return True


def open_database(url: str) -> sessionmaker[Session]:
    """A session factory on an upgraded database: first use creates it."""
    engine = make_engine(url)
    upgrade(engine)
    return sessionmaker(engine, expire_on_commit=False)


def relax_commit(connection: Connection) -> None:
    """Let this transaction's commit return before PostgreSQL has it on disk.

    For work that can simply be run again, like importing files: a crash in the
    moment after may lose the last commits, never part of one (the database stays
    consistent), and re-running restores them. Waiting for the disk costs about
    4 ms a commit, more than storing a document. SQLite in WAL mode with
    synchronous=NORMAL (above) makes the same trade for every transaction.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL synchronous_commit = off"))


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed whole on success, rolled back whole on error."""
    with factory() as session, session.begin():
        yield session


def ping(factory: sessionmaker[Session]) -> None:
    """Asks the database the cheapest question there is; raises if it cannot answer."""
    with factory() as session:
        session.execute(text("SELECT 1"))
