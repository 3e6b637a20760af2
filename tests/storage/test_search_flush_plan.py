"""Revision 0026: PostgreSQL's search refresh runs without JIT compilation, and its rows
are still exactly what revision 0004 defines."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text
from sqlalchemy.orm import Session

from storage.db import alembic_config, transaction
from storage.models import AgendaItem, Decision, DecisionKind, Meeting
from tests.conftest import Database
from tests.storage.test_search_refresh import _fresh_rows, _seed, _stored_rows


def _flush_settings(session: Session) -> list[str] | None:
    query = text(
        "SELECT proconfig FROM pg_proc WHERE proname = 'item_search_flush' "
        "AND pronamespace = current_schema()::regnamespace"
    )
    settings: list[str] | None = session.execute(query).scalar_one()
    return settings


def test_the_refresh_is_set_to_run_with_jit_off_and_its_rows_are_unchanged(
    postgres_db: Database,
) -> None:
    _board, meeting_id = _seed(postgres_db)
    with transaction(postgres_db.factory) as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        item = AgendaItem(position=2, title="Short Breaks", presenters=["Head of Service"])
        item.decisions = [Decision(position=0, text="Respite agreed.", kind=DecisionKind.AGREED)]
        meeting.items.append(item)
    with postgres_db.factory() as session:
        assert _flush_settings(session) == ["jit=off"]
        assert _stored_rows(session) == _fresh_rows(session)
        assert len(_stored_rows(session)) == 3


def test_down_to_0025_the_refresh_is_as_0023_made_it(postgres_db: Database) -> None:
    config = alembic_config(postgres_db.engine)
    command.downgrade(config, "0025_search_later")
    with postgres_db.factory() as session:
        assert _flush_settings(session) is None
    command.upgrade(config, "heads")
    _seed(postgres_db)
    with postgres_db.factory() as session:
        assert _flush_settings(session) == ["jit=off"]
        assert _stored_rows(session) == _fresh_rows(session)
