"""Unplaced passages: kept per meeting and kind, found by their words, listed for review."""

from __future__ import annotations

import datetime as dt

from storage.db import transaction
from storage.models import Board, Meeting, MeetingStatus
from storage.review import review_findings
from storage.unplaced import replace_passages, search_passages
from tests.conftest import Database

DAY = dt.date(2024, 3, 6)


def _meeting(db: Database) -> tuple[int, int]:
    with transaction(db.factory) as session:
        board = Board(name="Schools Forum", aliases=[])
        meeting = Meeting(board=board, date=DAY, status=MeetingStatus.HELD)
        session.add(meeting)
        session.flush()
        return board.id, meeting.id


def test_passages_are_found_by_every_word_and_replaced_per_kind(db: Database) -> None:
    board, meeting = _meeting(db)
    with transaction(db.factory) as session:
        replace_passages(session, meeting, "agenda", ["Zebra crossing outside Hollybrook School"])
        replace_passages(session, meeting, "minutes", ["The 100% attendance award"])
    with transaction(db.factory) as session:
        hits = search_passages(session, ["zebra", "hollybrook"], [board])
        assert [(h.board, h.meeting_date, h.text) for h in hits] == [
            ("Schools Forum", DAY, "Zebra crossing outside Hollybrook School")
        ]
        assert search_passages(session, ["zebra", "giraffe"], [board]) == []
        assert search_passages(session, ["100%"], [board])[0].text == "The 100% attendance award"
        assert search_passages(session, ["zebra"], [board + 1]) == []
        replace_passages(session, meeting, "agenda", [])
    with transaction(db.factory) as session:
        assert search_passages(session, ["zebra"], [board]) == []
        assert [f.detail for f in review_findings(session)] == [
            "minutes: The 100% attendance award"
        ]
