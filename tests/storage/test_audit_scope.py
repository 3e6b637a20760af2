"""Whose console lists which audit entries, on both databases: a clerk reads the entries
about their boards and the ones they wrote; entries about no one board only a clerk of
every board reads."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import select, text

from storage.audit import AuditEntry, log
from storage.console_lists import audit_page
from storage.db import alembic_config, transaction
from storage.models import Board
from tests.conftest import Database
from tests.schedules.world import utc

pytestmark = pytest.mark.dates
NOW = utc(2026, 11, 20, 10)


def boards_and_log(db: Database) -> dict[str, int]:
    """Three boards; an entry about each of the first two, one by Ann about the second,
    and a subject-access request about no board."""
    with transaction(db.factory) as session:
        boards = [Board(name=name) for name in ("Audit", "Housing", "Licensing")]
        session.add_all(boards)
        session.flush()
        ids = {board.name: board.id for board in boards}
        entries = (
            ("console:Ann", "attendance-marked", "Audit", ids["Audit"]),
            ("console:Bob", "meeting-moved", "Housing", ids["Housing"]),
            ("console:Ann", "action-status", "action #4", ids["Housing"]),
            ("cli:root", "subject-access", "Councillor K Patel", None),
        )
        for minute, (actor, action, subject, board_id) in enumerate(entries):
            log(
                session,
                actor=actor,
                action=action,
                subject=subject,
                detail="{}",
                now=utc(2026, 11, 20, 9, minute),
                board_id=board_id,
            )
        return ids


def seen(db: Database, board_ids: list[int], actor: str) -> list[tuple[str, str]]:
    with db.factory() as session:
        found = audit_page(session, board_ids=board_ids, actor=actor, offset=0, limit=25)
        assert found.total == len(found.rows)
        return [(entry.actor, entry.action) for entry in found.rows]


def test_an_entry_keeps_the_board_it_is_about(db: Database) -> None:
    ids = boards_and_log(db)
    with db.factory() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.board_id).order_by(AuditEntry.id)
        )
        assert dict(rows.all()) == {
            "attendance-marked": ids["Audit"],
            "meeting-moved": ids["Housing"],
            "action-status": ids["Housing"],
            "subject-access": None,
        }


def test_a_clerk_reads_their_boards_entries_and_their_own_newest_first(db: Database) -> None:
    ids = boards_and_log(db)
    assert seen(db, [ids["Audit"]], "console:Ann") == [
        ("console:Ann", "action-status"),  # about Housing, but Ann did it
        ("console:Ann", "attendance-marked"),
    ]
    assert seen(db, [ids["Housing"]], "console:Bob") == [
        ("console:Ann", "action-status"),
        ("console:Bob", "meeting-moved"),
    ]
    assert seen(db, [ids["Licensing"]], "console:Cat") == []


def test_entries_about_no_board_are_for_a_clerk_of_every_board(db: Database) -> None:
    ids = boards_and_log(db)
    assert ("cli:root", "subject-access") not in seen(db, [ids["Audit"], ids["Housing"]], "x")
    everything = seen(db, list(ids.values()), "console:Zoe")
    assert everything == [
        ("cli:root", "subject-access"),
        ("console:Ann", "action-status"),
        ("console:Bob", "meeting-moved"),
        ("console:Ann", "attendance-marked"),
    ]


def test_the_migration_files_earlier_console_entries_under_their_board(db: Database) -> None:
    """Entries written before the column: a meeting's (subject: its board) get the board."""
    with transaction(db.factory) as session:
        board = Board(name="Audit")
        session.add(board)
        session.flush()
        board_id = board.id
    script = ScriptDirectory.from_config(alembic_config(db.engine))
    mine = next(r for r in script.walk_revisions() if r.path.endswith("_audit_board.py"))
    assert isinstance(mine.down_revision, str)
    command.downgrade(alembic_config(db.engine), mine.down_revision)
    with db.engine.begin() as connection:
        for action in ("meeting-moved", "subject-access"):
            connection.execute(
                text(
                    "INSERT INTO audit_log (at, actor, action, subject) "
                    "VALUES (:at, 'x', :action, 'Audit')"
                ),
                {"at": NOW.replace(tzinfo=None), "action": action},
            )
    command.upgrade(alembic_config(db.engine), "heads")
    with db.factory() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.board_id).order_by(AuditEntry.id)
        )
        # A member called like a board is not a board: only the console's meeting entries.
        assert dict(rows.all()) == {"meeting-moved": board_id, "subject-access": None}
