"""A new database made from the recorded migration chain is the one Alembic makes."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, create_engine, text

import storage.db
from storage.db import alembic_config, make_engine, upgrade
from storage.migrations.record import record, recording
from tests.conftest import POSTGRES_URL, REPO, _postgres_unreachable

MakeEmpty = Callable[[], Engine]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def make_empty(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MakeEmpty]:
    """Makes empty databases of one dialect: SQLite files, or PostgreSQL schemas."""
    engines: list[Engine] = []
    schemas: list[str] = []
    if request.param == "postgresql" and (reason := _postgres_unreachable()) is not None:
        pytest.skip(f"PostgreSQL unreachable: {reason}")
    admin = create_engine(POSTGRES_URL if request.param == "postgresql" else "sqlite://")

    def make() -> Engine:
        name = f"t_{uuid.uuid4().hex[:12]}"
        if request.param == "sqlite":
            engines.append(make_engine(f"sqlite:///{tmp_path / name}.db"))
            return engines[-1]
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{name}"'))
        schemas.append(name)
        separator = "&" if "?" in POSTGRES_URL else "?"
        engines.append(make_engine(f"{POSTGRES_URL}{separator}options=-csearch_path%3D{name}"))
        return engines[-1]

    yield make
    for engine in engines:
        engine.dispose()
    with admin.begin() as connection:
        for name in schemas:
            connection.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
    admin.dispose()


_POSTGRES_CATALOGUE = {
    "relations": "SELECT relname, relkind FROM pg_class WHERE relnamespace = {ns} ORDER BY 1",
    "columns": (
        "SELECT table_name, column_name, ordinal_position, data_type, column_default, "
        "is_nullable, character_maximum_length FROM information_schema.columns "
        "WHERE table_schema = current_schema() ORDER BY 1, 3"
    ),
    "constraints": (
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
        "FROM pg_constraint WHERE connamespace = {ns} ORDER BY 1, 2"
    ),
    "indexes": (
        "SELECT tablename, indexname, indexdef FROM pg_indexes "
        "WHERE schemaname = current_schema() ORDER BY 1, 2"
    ),
    "triggers": (
        "SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = {ns} "
        "AND NOT t.tgisinternal ORDER BY 1, 2"
    ),
    "functions": (
        "SELECT proname, pg_get_functiondef(oid) FROM pg_proc WHERE pronamespace = {ns} ORDER BY 1"
    ),
    "views": "SELECT viewname, definition FROM pg_views WHERE schemaname = current_schema()",
    "version": "SELECT version_num FROM alembic_version",
}


def _schema(connection: Connection) -> dict[str, list[tuple[object, ...]]]:
    """Everything the migrations define, as the database's catalogue describes it."""
    if connection.dialect.name == "sqlite":
        queries = {
            "master": "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY 1, 2",
            "version": "SELECT version_num FROM alembic_version",
        }
    else:
        ns = "current_schema()::regnamespace"
        queries = {name: sql.format(ns=ns) for name, sql in _POSTGRES_CATALOGUE.items()}
    own = str(
        connection.execute(
            text(
                "SELECT 'main'"
                if connection.dialect.name == "sqlite"
                else "SELECT current_schema()"
            )
        ).scalar()
    )
    return {
        name: [
            tuple(str(v).replace(f"{own}.", "<schema>.") for v in row)
            for row in connection.execute(text(sql))
        ]
        for name, sql in queries.items()
    }


def test_the_recording_is_what_the_migrations_run_now(make_empty: MakeEmpty) -> None:
    engine = make_empty()

    ran = record(engine)

    assert ran == recording(engine.dialect.name), (
        "the migrations changed: record them again with `python -m storage.migrations.record`"
    )


def test_a_new_database_from_the_recording_is_the_one_alembic_makes(
    make_empty: MakeEmpty,
) -> None:
    by_alembic, recorded = make_empty(), make_empty()
    command.upgrade(alembic_config(by_alembic), "heads")
    # In a fresh interpreter, to show the recording was run and Alembic never imported.
    code = (
        "import sys\n"
        "from storage.db import make_engine, upgrade\n"
        "print(upgrade(make_engine(sys.argv[1])), 'alembic' in sys.modules)"
    )
    url = recorded.url.render_as_string(hide_password=False)
    done = subprocess.run(
        [sys.executable, "-c", code, url], cwd=REPO, capture_output=True, text=True, check=True
    )

    assert done.stdout.split() == ["True", "False"]
    with by_alembic.connect() as one, recorded.connect() as other:
        assert _schema(other) == _schema(one)
    assert upgrade(recorded) is False


def test_a_recording_short_of_the_newest_migration_is_not_used(
    make_empty: MakeEmpty, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_alembic, engine = make_empty(), make_empty()
    command.upgrade(alembic_config(by_alembic), "heads")
    stale = {"revision": "0021_review_checks", "statements": ["CREATE TABLE stale (id INTEGER)"]}
    (tmp_path / f"{engine.dialect.name}.json").write_text(json.dumps(stale), encoding="utf-8")
    monkeypatch.setattr(storage.db, "RECORDINGS", tmp_path)

    assert upgrade(engine) is True

    with by_alembic.connect() as one, engine.connect() as other:
        assert _schema(other) == _schema(one)
