"""Unplaced passages: kept per meeting and kind, found by their words, listed for review."""

from __future__ import annotations

import datetime as dt

from storage.db import transaction
from storage.models import Action, AgendaItem, Board, Meeting, MeetingStatus
from storage.unplaced import replace_passages, review_findings, search_passages
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


def test_review_names_swallowed_items_and_actions_without_item(db: Database) -> None:
    board, meeting = _meeting(db)
    long_text = "\n\n".join(f"Paragraph {n} of what may be later titles." for n in range(9))
    with transaction(db.factory) as session:
        session.add_all(
            [
                AgendaItem(meeting_id=meeting, position=0, title="Welcome", presenters=[]),
                AgendaItem(
                    meeting_id=meeting,
                    position=1,
                    title="Budget",
                    presenters=[],
                    agenda_text=long_text,
                ),
                Action(
                    board_id=board,
                    meeting_id=meeting,
                    text="Circulate the revised protocol",
                    origin_key="k1",
                    created_by="import",
                ),
            ]
        )
    with transaction(db.factory) as session:
        found = [(f.kind, f.detail) for f in review_findings(session, board)]
        assert found == [
            ("swallowed items", "unnumbered item 'Budget' holds 9 paragraphs"),
            ("action without item", "Circulate the revised protocol"),
        ]
        assert review_findings(session, board + 1) == []
