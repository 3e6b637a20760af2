"""Action queries and commands, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from storage import actions
from storage.actions import ActionError
from storage.db import transaction
from storage.models import Action, ActionStatus, Role
from tests.conftest import Database
from tests.schedules import world
from tests.schedules.world import local, utc

NOW = utc(2026, 11, 23, 10)


def test_parse_ref_reads_the_ways_people_write_an_action_number() -> None:
    assert [actions.parse_ref(t) for t in ("#12", "12", "action 12", " Action #7 ")] == [
        12,
        12,
        12,
        7,
    ]
    assert actions.parse_ref("the report") is None


def test_add_then_close_records_who_and_when(db: Database) -> None:
    with transaction(db.factory) as session:
        board, members = world.board(session)
        action = actions.add_action(
            session,
            board=board,
            text="  Report on\nplacements ",
            now=NOW,
            by="Sam Clerk",
            owner=members["Councillor J Walker"],
            due=dt.date(2026, 12, 8),
        )
        action_id = action.id
    with transaction(db.factory) as session:
        found = actions.get_action(session, action_id)
        assert (found.text, found.owner_text, found.edited, found.created_at) == (
            "Report on placements",
            "Councillor J Walker",
            True,
            NOW,
        )
        actions.mark_done(session, found, by="Councillor J Walker", now=NOW)
    with db.factory() as session:
        closed = session.get_one(Action, action_id)
        assert (closed.status, closed.closed_by, closed.closed_at) == (
            ActionStatus.DONE,
            "Councillor J Walker",
            NOW,
        )
        with pytest.raises(ActionError, match=f"action #{action_id} is already done"):
            actions.mark_done(session, closed, by="x", now=NOW)


def test_lists_are_soonest_due_first_with_due_back_meetings_counted(db: Database) -> None:
    with transaction(db.factory) as session:
        board, members = world.board(session)
        walker = members["Councillor J Walker"]
        meeting = world.meeting(session, board, local(2026, 12, 2, 15))
        late = world.action(session, board, "Later", walker, due=dt.date(2026, 12, 20))
        undated = world.action(session, board, "Whenever", walker)
        back = world.action(session, board, "Due back", walker, due_meeting=meeting)
        other = world.action(
            session, board, "Carr's", members["Councillor M Carr"], due=dt.date(2026, 12, 1)
        )
        closed = world.action(session, board, "Closed", walker, due=dt.date(2026, 12, 1))
        closed.status = ActionStatus.DONE
        ids = [back.id, late.id, undated.id]
        board_id, meeting_id, walker_id = board.id, meeting.id, walker.id
        other_id, closed_id = other.id, closed.id
    with db.factory() as session:
        assert [a.id for a in actions.open_actions_for_member(session, walker_id)] == ids
        assert [a.id for a in actions.actions_for_boards(session, [board_id])] == [other_id, *ids]
        everything = actions.actions_for_boards(session, [board_id], include_closed=True)
        assert closed_id in [a.id for a in everything]
        assert [a.id for a in actions.actions_due_at(session, meeting_id)] == [ids[0]]


def test_assign_needs_someone_and_marks_the_action_edited(db: Database) -> None:
    with transaction(db.factory) as session:
        board, members = world.board(session)
        action = world.action(session, board, "Write to the minister", None)
        with pytest.raises(ActionError, match="say who"):
            actions.assign(session, action, owner=None, owner_text=" ")
        actions.assign(session, action, owner=members["Councillor M Carr"])
        assert (action.owner_text, action.edited) == ("Councillor M Carr", True)
        actions.assign(session, action, owner=None, owner_text="Head of Virtual School")
        assert (action.owner_member_id, actions.owner_label(action)) == (
            None,
            "Head of Virtual School",
        )


def test_bad_input_changes_nothing(db: Database) -> None:
    with transaction(db.factory) as session:
        board, _ = world.board(session)
        other, _ = world.board(session, "Audit Committee", people={"Councillor Z": Role.MEMBER})
        elsewhere = world.meeting(session, other, local(2026, 12, 2, 15))
        with pytest.raises(ActionError, match="needs some text"):
            actions.add_action(session, board=board, text="  ", now=NOW, by="clerk")
        with pytest.raises(ActionError, match="not a meeting of Corporate Parenting Board"):
            actions.add_action(
                session, board=board, text="x", now=NOW, by="clerk", due_meeting=elsewhere
            )
        with pytest.raises(ActionError, match="there is no action #99"):
            actions.get_action(session, 99)
        assert session.query(Action).count() == 0
