"""Revision 0024: on SQLite the importer's new items are indexed once, after their
resolutions, and the index is then exactly what revision 0004's triggers made; every
other writer is indexed at once, as before."""

from __future__ import annotations

import datetime as dt
from typing import Any

from alembic import command
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from storage.db import alembic_config, transaction
from storage.migrations.earlier import revision
from storage.models import AgendaItem, Decision, DecisionKind, Meeting
from storage.search import search_items
from tests.conftest import Database
from tests.storage.test_persist import MINUTES, store

_COLUMNS = "rowid, title, presenters, agenda_text, minutes_text, decisions"


def _indexed(session: Session) -> list[Any]:
    return list(session.execute(text(f"SELECT {_COLUMNS} FROM item_search ORDER BY rowid")))


def _fresh(session: Session) -> list[Any]:
    """Every item's search row as revision 0004 defines it, computed from scratch."""
    row = revision("0004_ranked_search")._ROW
    return list(session.execute(text(f"{row} ORDER BY i.id")))


def _pending(session: Session) -> int:
    sql = "SELECT count(*) FROM agenda_items WHERE search_pending"
    return int(session.execute(text(sql)).scalar_one())


def test_imported_items_are_indexed_with_their_resolutions(sqlite_db: Database) -> None:
    store(sqlite_db, MINUTES.read_bytes())

    with sqlite_db.factory() as session:
        indexed = _indexed(session)
        assert indexed == _fresh(session)
        assert any(row.decisions for row in indexed)
        assert _pending(session) == 0
        board = session.scalars(select(Meeting.board_id)).first()
        assert board is not None
        resolution = session.scalars(select(Decision.text)).first()
        assert resolution is not None
        word = max(resolution.split(), key=len).strip(".,;:()")
        assert search_items(session, [word], [board])


def test_other_writers_are_indexed_at_once(sqlite_db: Database) -> None:
    """Only the importer defers; an item a clerk adds is searchable on commit as before."""
    store(sqlite_db, MINUTES.read_bytes())
    with transaction(sqlite_db.factory) as session:
        meeting = session.scalars(select(Meeting)).first()
        assert meeting is not None
        item = AgendaItem(meeting=meeting, position=99, title="Kinship carers allowance")
        item.decisions.append(
            Decision(position=0, text="That the allowance be uprated.", kind=DecisionKind.RESOLVED)
        )
        session.add(item)
    with sqlite_db.factory() as session:
        assert _indexed(session) == _fresh(session)
        assert search_items(session, ["uprated"], [meeting.board_id])


def test_an_update_of_what_is_searched_re_indexes_and_the_rest_does_not_matter(
    sqlite_db: Database,
) -> None:
    store(sqlite_db, MINUTES.read_bytes())
    with transaction(sqlite_db.factory) as session:
        first = session.scalars(select(AgendaItem).order_by(AgendaItem.id)).first()
        assert first is not None
        session.execute(update(AgendaItem).values(exempt=True))
        first.title = "Quarterly hedgehog survey"
    with sqlite_db.factory() as session:
        assert _indexed(session) == _fresh(session)
        board = session.get_one(AgendaItem, first.id).meeting.board_id
        assert [hit.item_id for hit in search_items(session, ["hedgehog"], [board])] == [first.id]


def test_down_to_0023_and_up_again_keeps_the_index(sqlite_db: Database) -> None:
    store(sqlite_db, MINUTES.read_bytes())
    config = alembic_config(sqlite_db.engine)
    command.downgrade(config, "0023_search_refresh")
    with sqlite_db.factory() as session:
        assert _indexed(session) == _fresh(session)
    command.upgrade(config, "heads")
    summary = store(sqlite_db, MINUTES.read_bytes().replace(b"2026", b"2027"), name="later.txt")
    assert summary.meeting_date == dt.date(2027, 3, 11)
    with sqlite_db.factory() as session:
        assert _indexed(session) == _fresh(session)
        assert _pending(session) == 0


def test_a_pending_item_waits_for_its_mark_to_clear(sqlite_db: Database) -> None:
    store(sqlite_db, MINUTES.read_bytes())
    with transaction(sqlite_db.factory) as session:
        meeting = session.scalars(select(Meeting)).first()
        assert meeting is not None
        item = AgendaItem(
            meeting=meeting, position=99, title="Hedgehog survey", search_pending=True
        )
        session.add(item)
        session.flush()
        session.add(Decision(item_id=item.id, position=0, text="Noted.", kind=DecisionKind.NOTED))
        session.flush()
        assert item.id not in {row.rowid for row in _indexed(session)}
        item.search_pending = False
        session.flush()
        assert _indexed(session) == _fresh(session)
