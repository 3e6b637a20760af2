"""Probe: erased data must not stay on disk, nor reach a log.

``run`` keeps the SQLite database open, so the write-ahead log is never
removed and used to keep the erased reasons and chat ids. Each probe here keeps
a second connection open, as ``run`` would, and then searches every byte of the
database's files. On PostgreSQL a NUL in a reason must neither fail the message
nor put the reason into a log line.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from handlers.messages import IncomingMessage
from handlers.pipeline import Pipeline
from schedules.retention import erase_expired
from storage.db import transaction
from storage.models import Attendance, ChatIdentity, Member
from tests.bot.cli_runner import Boardclerk
from tests.conftest import Database
from tests.handlers import apology_calendar
from tests.handlers.apologies.conftest import WALKER

REASON = "oncology-clinic-7f3e9"
TEAMS_ID = "29:teams-id-a41c0d"
FRIDAY = dt.datetime(2018, 11, 2, 10, 0, tzinfo=dt.UTC)


def _files(url: str) -> dict[str, bytes]:
    database = Path(url.removeprefix("sqlite:///"))
    found = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = database.with_name(database.name + suffix)
        if path.exists():
            found[path.name] = path.read_bytes()
    return found


def _holding(files: dict[str, bytes], needle: str) -> list[str]:
    return [name for name, data in files.items() if needle.encode() in data]


@pytest.fixture
def recorded(sqlite_db: Database) -> Iterator[Database]:
    """Walker's apology (with a reason) and Teams id, written through the real pipeline."""
    with transaction(sqlite_db.factory) as session:
        apology_calendar.build(session, apology_calendar.load()["calendar"])
        walker = session.scalars(select(Member).where(Member.name == WALKER)).one()
        walker.identities.append(ChatIdentity(platform="teams", user_id=TEAMS_ID))
    reply = Pipeline(sqlite_db.factory).handle(
        IncomingMessage("teams", TEAMS_ID, f"Apologies for Wednesday – {REASON}", now=FRIDAY)
    )
    assert REASON in reply.text
    yield sqlite_db


@pytest.fixture
def run_holds_it_open(recorded: Database) -> Iterator[sqlite3.Connection]:
    """A second connection that has read the database and stays open, as ``run``'s does."""
    with closing(sqlite3.connect(recorded.url.removeprefix("sqlite:///"))) as other:
        other.execute("SELECT count(*) FROM attendance").fetchone()
        yield other


def test_secure_delete_is_on_for_every_connection(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_member_forget_leaves_no_reason_or_teams_id_in_any_database_file(
    recorded: Database, run_holds_it_open: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _holding(_files(recorded.url), REASON)  # the probe can see it before

    Boardclerk(recorded.url, monkeypatch).ok("member", "forget", WALKER, "--yes")

    files = _files(recorded.url)
    assert "boardclerk.db-wal" in files  # still open elsewhere, so the log is still there
    assert _holding(files, REASON) == []
    assert _holding(files, TEAMS_ID) == []
    assert run_holds_it_open.execute("SELECT count(*) FROM attendance").fetchone() == (1,)


def test_retention_leaves_no_reason_in_any_database_file(
    recorded: Database, run_holds_it_open: sqlite3.Connection
) -> None:
    a_year_on = FRIDAY + dt.timedelta(days=365)

    assert erase_expired(recorded.factory, a_year_on, dt.timedelta(days=30)) == 1

    assert _holding(_files(recorded.url), REASON) == []
    with recorded.factory() as session:
        assert session.scalars(select(Attendance.reason)).all() == [None]


@pytest.mark.postgres
def test_a_nul_in_a_reason_is_stored_without_it_on_postgresql(postgres_db: Database) -> None:
    with transaction(postgres_db.factory) as session:
        apology_calendar.build(session, apology_calendar.load()["calendar"])
        walker = session.scalars(select(Member).where(Member.name == WALKER)).one()
        walker.email = "jane\x00walker@example.org"  # not from chat: storage strips it too

    reply = Pipeline(postgres_db.factory).handle(
        IncomingMessage(
            "console", WALKER, "Apologies for Wednesday – oncology-\x00clinic-7f3e9", now=FRIDAY
        )
    )

    assert REASON in reply.text
    with postgres_db.factory() as session:
        assert session.scalars(select(Attendance.reason)).one() == REASON
        assert session.scalars(select(Member.email).where(Member.name == WALKER)).one() == (
            "janewalker@example.org"
        )


def test_a_driver_error_names_no_parameter(db: Database, caplog: pytest.LogCaptureFixture) -> None:
    with transaction(db.factory) as session:
        apology_calendar.build(session, apology_calendar.load()["calendar"])

    insert = text("INSERT INTO attendance (meeting_id, name, reason) VALUES (:m, :n, :r)")
    with (
        caplog.at_level(logging.DEBUG),
        pytest.raises(IntegrityError) as failure,
        db.engine.begin() as connection,
    ):
        connection.execute(insert, {"m": -1, "n": None, "r": REASON})
    logging.getLogger("probe").exception("the insert failed", exc_info=failure.value)

    assert REASON not in str(failure.value)
    assert REASON not in caplog.text
