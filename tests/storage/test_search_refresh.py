"""Revision 0023: on PostgreSQL an item's search row is refreshed once, at commit, and is
then exactly what revision 0004's per-row triggers made; a search in the writing
transaction still sees what it wrote."""

from __future__ import annotations

import datetime as dt
from typing import Any

from alembic import command
from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from storage.db import alembic_config, transaction
from storage.migrations.earlier import revision
from storage.models import AgendaItem, Board, Decision, DecisionKind, Meeting
from storage.search import search_items
from tests.conftest import Database


def _stored_rows(session: Session) -> list[Any]:
    sql = "SELECT item_id, board_id, meeting_date, position, heading, document FROM item_search"
    return list(session.execute(text(f"{sql} ORDER BY item_id")))


def _fresh_rows(session: Session) -> list[Any]:
    """Every item's search row as revision 0004 defines it, computed from scratch."""
    row = revision("0004_ranked_search")._PG_ROW
    return list(session.execute(text(f"{row} ORDER BY i.id")))


def _pending(session: Session) -> int:
    return int(session.execute(text("SELECT count(*) FROM item_search_pending")).scalar_one())


def _seed(db: Database) -> tuple[int, int]:
    with transaction(db.factory) as session:
        board = Board(name="Corporate Parenting Board")
        session.add(board)
        meeting = Meeting(board=board, date=dt.date(2023, 3, 1))
        for position, title in enumerate(["Fostering Recruitment", "Virtual School Report"]):
            meeting.items.append(AgendaItem(position=position, title=title, minutes_text="Noted."))
        session.add(meeting)
        session.flush()
        return board.id, meeting.id


def test_an_items_search_row_reflects_its_decisions_after_commit(postgres_db: Database) -> None:
    db = postgres_db
    board_id, meeting_id = _seed(db)
    with transaction(db.factory) as session:
        fostering, school = session.scalars(select(AgendaItem).order_by(AgendaItem.id)).all()
        fostering.decisions = [
            Decision(
                position=0,
                text="RESOLVED that the campaign be extended.",
                kind=DecisionKind.RESOLVED,
            ),
            Decision(
                position=1, text="AGREED to report on carers' allowances.", kind=DecisionKind.AGREED
            ),
        ]
        school.decisions = [Decision(text="The tutoring pilot was noted.", kind=DecisionKind.NOTED)]
        session.flush()
        # Before commit the rows are noted, not yet refreshed.
        assert _pending(session) > 0
    with db.factory() as session:
        assert _pending(session) == 0
        assert _stored_rows(session) == _fresh_rows(session)
        [hit] = search_items(session, ["allowances"], [board_id])
        assert hit.item_id == fostering.id
    # Resolutions changed, removed and moved; an item retitled and moved; the meeting's date.
    with transaction(db.factory) as session:
        later = Meeting(board_id=board_id, date=dt.date(2023, 6, 1))
        session.add(later)
        session.flush()
        session.execute(
            update(Decision)
            .where(Decision.text.like("RESOLVED%"))
            .values(text="RESOLVED that the campaign close.")
        )
        session.execute(delete(Decision).where(Decision.text.like("AGREED%")))
        session.execute(
            update(Decision).values(item_id=fostering.id).where(Decision.item_id == school.id)
        )
        session.execute(
            update(AgendaItem)
            .where(AgendaItem.id == school.id)
            .values(title="Virtual School Annual Report", meeting_id=later.id, position=0)
        )
        session.execute(
            update(Meeting).where(Meeting.id == meeting_id).values(date=dt.date(2023, 2, 1))
        )
    with db.factory() as session:
        assert _pending(session) == 0
        assert _stored_rows(session) == _fresh_rows(session)
        assert search_items(session, ["allowances"], [board_id]) == []
        [hit] = search_items(session, ["tutoring"], [board_id])
        assert (hit.item_id, hit.meeting_date) == (fostering.id, dt.date(2023, 2, 1))
        [hit] = search_items(session, ["annual"], [board_id])
        assert (hit.item_id, hit.meeting_date) == (school.id, dt.date(2023, 6, 1))
    # Only a resolution's item changes: both items are refreshed.
    with transaction(db.factory) as session:
        session.execute(
            update(Decision).where(Decision.text.like("%tutoring%")).values(item_id=school.id)
        )
    with db.factory() as session:
        assert _stored_rows(session) == _fresh_rows(session)
        assert [h.item_id for h in search_items(session, ["tutoring"], [board_id])] == [school.id]


def test_the_pending_table_ends_empty(postgres_db: Database) -> None:
    db = postgres_db
    board_id, meeting_id = _seed(db)
    with db.factory() as session:
        assert _pending(session) == 0
        # Rolled back: nothing noted stays, nothing indexed.
        session.add(AgendaItem(meeting_id=meeting_id, position=5, title="Adoption Panel"))
        session.flush()
        assert _pending(session) == 2  # the item and the transaction's mark
        session.rollback()
        assert _pending(session) == 0
        assert search_items(session, ["adoption"], [board_id]) == []
    # Refreshed by a search half-way, then written again: the commit refreshes the rest.
    with transaction(db.factory) as session:
        session.add(AgendaItem(meeting_id=meeting_id, position=5, title="Adoption Panel"))
        session.flush()
        assert len(search_items(session, ["adoption"], [board_id])) == 1
        assert _pending(session) == 0
        session.add(AgendaItem(meeting_id=meeting_id, position=6, title="Adoption Leave"))
        session.flush()
        assert _pending(session) == 2
    with db.factory() as session:
        assert _pending(session) == 0
        assert len(search_items(session, ["adoption"], [board_id])) == 2
        assert _stored_rows(session) == _fresh_rows(session)
        # An update that changes nothing searched notes nothing.
        session.execute(update(AgendaItem).values(truncated=True))
        assert _pending(session) == 0
        session.rollback()


def test_a_search_sees_what_its_own_transaction_wrote(db: Database) -> None:
    board_id, meeting_id = _seed(db)
    with transaction(db.factory) as session:
        item = AgendaItem(meeting_id=meeting_id, position=3, title="Care Leavers Offer")
        session.add(item)
        session.flush()
        assert [h.item_id for h in search_items(session, ["leavers"], [board_id])] == [item.id]
        session.add(
            Decision(
                item_id=item.id, text="Council tax exemption endorsed.", kind=DecisionKind.NOTED
            )
        )
        session.flush()
        [hit] = search_items(session, ["exemption"], [board_id], where="all", ranked=True)
        assert hit.item_id == item.id
    with db.factory() as session:
        assert [h.item_id for h in search_items(session, ["exemption"], [board_id])] == [item.id]


def test_down_to_0022_and_up_again_keeps_the_index(db: Database) -> None:
    board_id, meeting_id = _seed(db)
    config = alembic_config(db.engine)
    command.downgrade(config, "0022_audit_board")
    with transaction(db.factory) as session:  # by SQL: the models are of the newest revision
        item_id = session.execute(
            text(
                "INSERT INTO agenda_items (meeting_id, position, title, presenters, truncated, "
                "exempt) VALUES (:meeting, 3, 'Short Breaks', '[]', false, false) RETURNING id"
            ),
            {"meeting": meeting_id},
        ).scalar_one()
        session.execute(
            text(
                "INSERT INTO decisions (item_id, position, text, kind) "
                "VALUES (:item, 0, 'Respite hours agreed.', 'agreed')"
            ),
            {"item": item_id},
        )
    command.upgrade(config, "heads")
    with transaction(db.factory) as session:
        session.add(
            Decision(
                item_id=item_id, position=1, text="Sibling groups noted.", kind=DecisionKind.NOTED
            )
        )
    with db.factory() as session:
        [hit] = search_items(session, ["respite", "sibling"], [board_id])
        assert hit.item_id == item_id
        assert len(search_items(session, ["fostering"], [board_id])) == 1
        if db.dialect == "postgresql":
            assert _pending(session) == 0
            assert _stored_rows(session) == _fresh_rows(session)


def test_concurrent_writers_each_refresh_their_own_items(postgres_db: Database) -> None:
    db = postgres_db
    board_id, meeting_id = _seed(db)
    with db.factory() as first, db.factory() as second:
        first.add(AgendaItem(meeting_id=meeting_id, position=5, title="Kinship Care"))
        first.flush()
        second.add(AgendaItem(meeting_id=meeting_id, position=6, title="Kinship Allowances"))
        second.flush()
        # Each sees its own item only; the other's notes are not its to refresh.
        assert len(search_items(second, ["kinship"], [board_id])) == 1
        assert _pending(first) == 2
        first.commit()
        assert len(search_items(second, ["kinship"], [board_id])) == 2
        second.commit()
    with db.factory() as session:
        assert _pending(session) == 0
        assert len(search_items(session, ["kinship"], [board_id])) == 2
        assert _stored_rows(session) == _fresh_rows(session)
