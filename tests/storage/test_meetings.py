"""Meetings and agenda items found by date and by printed number, for the chat answers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from storage import directory
from storage.agenda_items import items_by_id, items_numbered_like
from storage.db import transaction
from storage.meetings import meeting_on, meetings_between, meetings_in_month
from storage.models import AgendaItem, Board, Meeting, MeetingStatus
from tests.conftest import Database


def _meetings(session: Session, board: Board, *whens: str) -> list[Meeting]:
    return [directory.add_meeting(session, board, when) for when in whens]


def test_a_month_without_a_year_finds_that_month_in_every_year_newest_first(db: Database) -> None:
    with transaction(db.factory) as session:
        board = directory.add_board(session, "Schools Forum")
        other = directory.add_board(session, "Licensing Committee")
        _meetings(session, board, "2022-03-09", "2023-03-08", "2023-04-12")
        cancelled = directory.add_meeting(session, board, "2024-03-13")
        cancelled.status = MeetingStatus.CANCELLED
        directory.add_meeting(session, other, "2023-03-20")
    with db.factory() as session:
        found = meetings_in_month(session, [board.id], 3)
        assert [m.date for m in found] == [dt.date(2023, 3, 8), dt.date(2022, 3, 9)]
        assert [m.date for m in meetings_in_month(session, [board.id], 3, 2022)] == [
            dt.date(2022, 3, 9)
        ]


def test_a_span_of_days_includes_both_ends_and_leaves_cancelled_meetings_out(
    db: Database,
) -> None:
    with transaction(db.factory) as session:
        board = directory.add_board(session, "Schools Forum")
        first, _, last = _meetings(session, board, "2023-05-01", "2023-05-02", "2023-05-07 14:00")
        directory.cancel_meeting(session, _meetings(session, board, "2023-05-03")[0])
    with db.factory() as session:
        between = meetings_between(session, [board.id], first.date, last.date)
        assert [m.date.day for m in between] == [7, 2, 1]
        assert meeting_on(session, [board.id], dt.date(2023, 5, 3)) is None
        on_seventh = meeting_on(session, [board.id], dt.date(2023, 5, 7))
        assert on_seventh is not None and on_seventh.starts_at is not None


def test_items_by_number_match_the_printed_prefix_in_any_case(db: Database) -> None:
    with transaction(db.factory) as session:
        board = directory.add_board(session, "Schools Forum")
        march, april = _meetings(session, board, "2023-03-08", "2023-04-12")
        for meeting, numbers in ((march, ["47(A)", "47(b)", "471", "5"]), (april, ["47"])):
            for position, number in enumerate(numbers):
                session.add(
                    AgendaItem(meeting=meeting, position=position, number=number, title=number)
                )
    with db.factory() as session:
        every = items_numbered_like(session, [board.id], "47")
        assert sorted(i.number or "" for i in every) == ["47", "47(A)", "47(b)", "471"]
        only_march = items_numbered_like(session, [board.id], "47(a", [march.id])
        assert [i.number for i in only_march] == ["47(A)"]
        assert items_numbered_like(session, [board.id + 1], "47") == []


def test_items_by_id_keep_the_order_asked_and_skip_unknown_ids(db: Database) -> None:
    with transaction(db.factory) as session:
        board = directory.add_board(session, "Schools Forum")
        meeting = directory.add_meeting(session, board, "2023-03-08")
        items = [AgendaItem(meeting=meeting, position=i, title=f"Item {i}") for i in range(3)]
        session.add_all(items)
        session.flush()
        ids = [item.id for item in items]
    with db.factory() as session:
        found = items_by_id(session, [ids[2], 99999, ids[0]])
        assert [item.title for item in found] == ["Item 2", "Item 0"]
        assert found[0].meeting.board.name == "Schools Forum"
        assert items_by_id(session, []) == []
