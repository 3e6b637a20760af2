"""Engines, sessions and schema upgrades for SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    Engine,
    column,
    create_engine,
    event,
    inspect,
    select,
    table,
    text,
)
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

# Tables kept beside their capability still belong to the one schema.
import storage.console_auth
import storage.email
import storage.email_outbox
import storage.papers.tables
import storage.review
import storage.sources.tables
import storage.unplaced  # noqa: F401

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# The migration chain's statements as run on an empty database, one file a dialect
# (storage/migrations/record.py makes them).
RECORDINGS = MIGRATIONS / "recorded"
# Alembic's record of the revision a database is at.
_VERSION = table("alembic_version", column("version_num"))
log = logging.getLogger(__name__)


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
    # Deleted and overwritten content (an erased reason) is zeroed in the file, not just freed.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def _strip_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {key: _strip_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_strip_nul(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_strip_nul(item) for item in value)
    return value


# Parameter types that hold no text: passed over without a look.
_NO_TEXT = frozenset({type(None), int, float, bool, dt.date, dt.datetime, dt.time, Decimal})


def _needs_strip(value: Any) -> bool:
    """Would ``_strip_nul`` change ``value``: a NUL, or a ``str`` subclass it makes plain?

    Checked first because nearly no parameter holds a NUL: this allocates nothing,
    where ``_strip_nul`` copies every parameter of every statement.
    """
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, list | tuple):
        return isinstance(value, str) and (type(value) is not str or "\x00" in value)
    for item in value:
        kind = type(item)
        if kind is str:
            if "\x00" in item:
                return True
        elif kind not in _NO_TEXT and _needs_strip(item):
            return True
    return False


def _without_nul(
    _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool
) -> tuple[str, Any]:
    """PostgreSQL refuses NUL in text: strip it from string parameters, whatever the path."""
    return statement, _strip_nul(parameters) if _needs_strip(parameters) else parameters


def _without_detail(message: str) -> str:
    return "\n".join(line for line in message.splitlines() if not line.startswith("DETAIL:"))


def _no_values_in_errors(context: ExceptionContext) -> None:
    """PostgreSQL's DETAIL line repeats the failing row's values ("Failing row contains (…)").

    ``hide_parameters`` keeps the parameters out of SQLAlchemy's message; this
    drops the DETAIL from the driver's error and SQLAlchemy's copy of it, so no
    reason reaches a log through a traceback either (``.diag`` still has it).
    """
    for error in (context.original_exception, context.sqlalchemy_exception):
        if error is not None and error.args and isinstance(error.args[0], str):
            error.args = (_without_detail(error.args[0]), *error.args[1:])


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get their folder and foreign keys."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"invalid database URL {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # hide_parameters: a driver error names the statement, never the values (reasons, text).
        engine = create_engine(parsed, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_engine(parsed, pool_pre_ping=True, hide_parameters=True)
    event.listen(engine, "before_cursor_execute", _without_nul, retval=True)
    event.listen(engine, "handle_error", _no_values_in_errors)
    return engine


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def newest_revision() -> str:
    """The head revision, read off the migration files' names.

    From 0003 on each file is named after its revision (``0022_audit_board.py``
    is revision ``0022_audit_board``), so the last name is the head; a test
    checks this against Alembic's own answer.
    """
    return max(path.stem for path in (MIGRATIONS / "versions").glob("[0-9]*.py"))


def _current_revisions(connection: Connection) -> set[str]:
    if not inspect(connection).has_table(_VERSION.name):
        return set()
    return set(connection.execute(select(_VERSION.c.version_num)).scalars())


def _create_as_recorded(engine: Engine) -> bool:
    """Make an empty database by running the recorded migration chain; False if none fits.

    Alembic costs a new database several times what the statements themselves
    do (importing it, then building each step), and every test and every first
    command makes one. A recording that ends short of the newest revision is not
    used: the database then goes through Alembic.
    """
    path = RECORDINGS / f"{engine.dialect.name}.json"
    if not path.is_file():
        return False
    recording = json.loads(path.read_text(encoding="utf-8"))
    if recording["revision"] != newest_revision():
        return False
    with engine.begin() as connection:
        if inspect(connection).get_table_names():
            return False
        for statement in recording["statements"]:
            connection.exec_driver_sql(statement)
    return True


def upgrade(engine: Engine) -> bool:
    """Bring the schema to the newest revision; True if anything was applied.

    A database already at the newest revision is told apart without Alembic, whose
    import costs more than the rest of opening a database: every command opens one.
    An empty database is made by the recorded chain when it is current.
    """
    try:
        with engine.connect() as connection:
            current = _current_revisions(connection)
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseError(f"cannot reach the database: {reason}") from exc
    if current == {newest_revision()}:
        return False
    if not current and _create_as_recorded(engine):
        return True
    from alembic import command
    from alembic.script import ScriptDirectory

    config = alembic_config(engine)
    if current == set(ScriptDirectory.from_config(config).get_heads()):
        return False
    command.upgrade(config, "heads")
    return True


def open_database(url: str) -> sessionmaker[Session]:
    """A session factory on an upgraded database: first use creates it."""
    engine = make_engine(url)
    upgrade(engine)
    return sessionmaker(engine, expire_on_commit=False)


# A bulk import's commits return before PostgreSQL has them on disk (``held_connection``).
# For work that can simply be run again, like importing files: a crash in the moment
# after may lose the last commits, never part of one (the database stays consistent),
# and re-running restores them. Waiting for the disk costs about 4 ms a commit, more than
# storing a document. SQLite in WAL mode with synchronous=NORMAL (above) makes the same
# trade for every transaction.
RELAXED_COMMIT = {"synchronous_commit": "off"}
# In ``Session.info`` of a held connection's sessions: one dict they all share, for what
# stays true across their transactions (a bulk import's boards); gone with the block.
HELD_MEMO = "held_memo"


@contextmanager
def held_connection(
    factory: sessionmaker[Session], settings: Mapping[str, str] | None = None
) -> Iterator[sessionmaker[Session]]:
    """``factory``'s sessions, all on one connection held until the block ends.

    A bulk import commits once a document. Taking a pooled connection for each
    (PostgreSQL pings it first) and setting each transaction's options again cost
    it three of its twenty-odd round trips a document. PostgreSQL ``settings`` hold
    for the whole connection and are reset before it goes back to the pool. Should
    the connection break, the next session gets a new one without them: slower, no
    less correct (the importer retries the file it was storing).
    """
    engine: Engine = factory.kw["bind"]
    options = {key: value for key, value in factory.kw.items() if key != "bind"}
    options["info"] = {**options.get("info", {}), HELD_MEMO: {}}
    with engine.connect() as connection:
        named = dict(settings or {}) if connection.dialect.name == "postgresql" else {}
        if named:
            connection.execute(_set_config(named))
            connection.commit()
        try:
            yield sessionmaker(connection, **options)
        finally:
            if named and not connection.invalidated:
                connection.rollback()
                for key in named:
                    connection.execute(text(f"RESET {key}"))
                connection.commit()


def _set_config(settings: Mapping[str, str]) -> Any:
    """One statement for all ``settings`` (``set_config``: names and values bound, not spliced)."""
    calls = ", ".join(f"set_config(:name{i}, :value{i}, false)" for i in range(len(settings)))
    values = {}
    for i, (key, value) in enumerate(settings.items()):
        values[f"name{i}"], values[f"value{i}"] = key, value
    return text(f"SELECT {calls}").bindparams(**values)


def settle_erasure(engine: Engine) -> None:
    """After erasing, leave nothing erased in SQLite's write-ahead log.

    With ``run`` holding a connection the log is never removed, and it keeps the
    pages as they were before the erasure. A TRUNCATE checkpoint copies every
    page back into the (securely deleting) database file and empties the log; it
    waits (busy_timeout) for other connections' reads to finish. PostgreSQL
    frees erased rows with VACUUM (see README, "Erased data").
    """
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        busy, _log, _done = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    if busy:
        log.warning("the database was busy: its write-ahead log still holds erased pages")


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed whole on success, rolled back whole on error."""
    with factory() as session, session.begin():
        yield session


def ping(factory: sessionmaker[Session]) -> None:
    """Asks the database the cheapest question there is; raises if it cannot answer."""
    with factory() as session:
        session.execute(text("SELECT 1"))
