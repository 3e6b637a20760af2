"""The database opens on SQLite and PostgreSQL and its migrations match the models."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

import storage.audit
import storage.turns  # noqa: F401
from storage.db import (
    RELAXED_COMMIT,
    DatabaseError,
    alembic_config,
    held_connection,
    newest_revision,
    open_database,
    transaction,
    upgrade,
)
from storage.models import Base, Board, Meeting
from storage.search import is_model_object
from tests.conftest import REPO, Database


def test_migrations_create_exactly_the_models(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": is_model_object})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_a_second_upgrade_is_a_no_op(db: Database) -> None:
    assert upgrade(db.engine) is False


def test_the_newest_migration_file_is_alembics_head(db: Database) -> None:
    script = ScriptDirectory.from_config(alembic_config(db.engine))

    assert script.get_heads() == [newest_revision()]
    with db.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_heads() == (newest_revision(),)


def test_opening_a_current_database_leaves_alembic_unimported(db: Database) -> None:
    # A fresh interpreter: this one has imported Alembic already.
    code = (
        "import sys\n"
        "from storage.db import open_database\n"
        "open_database(sys.argv[1])\n"
        "print('alembic' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, db.url], cwd=REPO, capture_output=True, text=True, check=True
    )

    assert done.stdout.split() == ["False"]


def test_aware_datetimes_round_trip_as_utc(db: Database) -> None:
    start = dt.datetime(2018, 11, 7, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=0)))
    with transaction(db.factory) as session:
        board = Board(name="Corporate Parenting Board")
        session.add(Meeting(board=board, date=start.date(), starts_at=start))
    with db.factory() as session:
        meeting = session.scalars(select(Meeting)).one()
        assert meeting.starts_at == start
        assert meeting.starts_at is not None and meeting.starts_at.tzinfo is not None


def test_naive_datetimes_are_refused(db: Database) -> None:
    with pytest.raises(Exception, match="naive"), transaction(db.factory) as session:
        board = Board(name="Corporate Parenting Board")
        session.add(
            Meeting(board=board, date=dt.date(2018, 11, 7), starts_at=dt.datetime(2018, 11, 7))
        )
        session.flush()
    with db.factory() as session:
        assert session.scalars(select(Board)).all() == []


def test_unreachable_database_is_one_clear_error() -> None:
    with pytest.raises(DatabaseError, match="cannot reach the database"):
        open_database("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_invalid_url_is_one_clear_error() -> None:
    with pytest.raises(DatabaseError, match="invalid database URL"):
        open_database("not a url")


def test_a_held_connection_keeps_its_settings_for_every_session_and_resets_them(
    postgres_db: Database,
) -> None:
    show = text("SHOW synchronous_commit")
    with held_connection(postgres_db.factory, RELAXED_COMMIT) as held:
        pids = set()
        for _ in range(3):
            with transaction(held) as session:
                assert session.execute(show).scalar() == "off"
                pids.add(session.execute(text("SELECT pg_backend_pid()")).scalar())
        assert len(pids) == 1  # one connection throughout
    with postgres_db.engine.connect() as connection:  # the same one, back in the pool
        assert connection.execute(text("SELECT pg_backend_pid()")).scalar() in pids
        assert connection.execute(show).scalar() == "on"


def test_a_held_connection_that_breaks_is_replaced_without_its_settings(
    postgres_db: Database,
) -> None:
    with held_connection(postgres_db.factory, RELAXED_COMMIT) as held:
        with transaction(held) as session:
            first = session.execute(text("SELECT pg_backend_pid()")).scalar()
        with postgres_db.engine.begin() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        with pytest.raises(DBAPIError) as broken, transaction(held) as session:
            session.execute(text("SELECT 1"))
        assert broken.value.connection_invalidated
        with transaction(held) as session:
            assert session.execute(text("SELECT pg_backend_pid()")).scalar() != first
            assert session.execute(text("SHOW synchronous_commit")).scalar() == "on"
