"""Revision 0025: a folder import on PostgreSQL leaves its search rows to a refresher
beside it; when the import ends every row is what a refresh at each commit made."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select, text

from ingest.runner import import_paths
from storage.db import held_connection, transaction
from storage.models import AgendaItem, Board, Meeting
from storage.search import search_items
from storage.search_later import INDEX_LATER, Refresher
from tests.conftest import Database
from tests.storage.test_bulk_writes import write_minutes
from tests.storage.test_search_refresh import _fresh_rows, _pending, _stored_rows


def _item_in_later_mode(db: Database, title: str) -> int:
    with held_connection(db.factory, INDEX_LATER) as held, transaction(held) as session:
        board = Board(name="Schools Forum")
        meeting = Meeting(board=board, date=dt.date(2027, 1, 6))
        meeting.items.append(AgendaItem(position=0, title=title))
        session.add(meeting)
        session.flush()
        return meeting.board_id


def test_a_later_transaction_leaves_its_items_noted_at_commit(postgres_db: Database) -> None:
    board = _item_in_later_mode(postgres_db, "Falling rolls fund")
    with postgres_db.factory() as session:
        assert _pending(session) == 1
        assert search_items(session, ["falling"], [board]) == []
    with Refresher(postgres_db.engine):
        pass
    with postgres_db.factory() as session:
        assert _pending(session) == 0
        assert len(search_items(session, ["falling"], [board])) == 1


def test_an_ordinary_commit_refreshes_what_a_later_one_left(postgres_db: Database) -> None:
    board = _item_in_later_mode(postgres_db, "Falling rolls fund")
    with transaction(postgres_db.factory) as session:
        meeting = session.scalars(select(Meeting)).one()
        meeting.items.append(AgendaItem(position=1, title="High needs block"))
    with postgres_db.factory() as session:
        assert _pending(session) == 0
        assert len(search_items(session, ["falling"], [board])) == 1
        assert _stored_rows(session) == _fresh_rows(session)


def test_a_folder_import_ends_with_every_item_searchable(
    postgres_db: Database, tmp_path: Path
) -> None:
    write_minutes(tmp_path, 30)

    results = import_paths(postgres_db.factory, [tmp_path], workers=1)

    assert [r.error for r in results] == [None] * 30
    with postgres_db.factory() as session:
        assert _pending(session) == 0
        assert _stored_rows(session) == _fresh_rows(session)
        assert session.execute(text("SELECT count(*) FROM item_search")).scalar_one() >= 30


def test_on_sqlite_items_are_searchable_at_commit_whatever_the_mode(sqlite_db: Database) -> None:
    board = _item_in_later_mode(sqlite_db, "Falling rolls fund")
    with sqlite_db.factory() as session:
        assert len(search_items(session, ["falling"], [board])) == 1
    with Refresher(sqlite_db.engine) as refresher:
        assert refresher._thread is None  # nothing to refresh beside SQLite
