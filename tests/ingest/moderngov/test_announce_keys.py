"""The outbox records a change once, however long its key."""

from __future__ import annotations

import datetime as dt

from storage.db import transaction
from storage.models import Board, Meeting
from storage.sources.announce import Change, queue_announcements
from tests.conftest import Database

NOW = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)


def test_a_change_with_a_key_longer_than_the_column_is_recorded_once(db: Database) -> None:
    with transaction(db.factory) as session:
        meeting = Meeting(board=Board(name="Scrutiny"), date=dt.date(2026, 6, 11))
        session.add(meeting)
        session.flush()
        board_id, meeting_id = meeting.board_id, meeting.id
    change = Change("agenda", "agenda:" + "x" * 300, {"items": []})

    with transaction(db.factory) as session:
        first = queue_announcements(session, board_id, meeting_id, [change], NOW)
    with transaction(db.factory) as session:
        again = queue_announcements(session, board_id, meeting_id, [change], NOW)

    assert (first, again) == (1, 0)
