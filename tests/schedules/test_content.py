"""What reminders say: built from the database at send time."""

from __future__ import annotations

import datetime as dt

import pytest

from handlers.messages import Reply
from schedules.planning import Kind, Planned
from schedules.wording import build_reply
from storage.db import transaction
from storage.models import ActionStatus, AgendaItem
from tests.conftest import Database
from tests.schedules import world
from tests.schedules.world import local, utc

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run

NOW = utc(2026, 12, 1, 9)


def reminder(kind: Kind, member_id: int | None, **subject: int) -> Planned:
    return Planned(NOW, kind, "1 day before", member_id, **subject)  # type: ignore[arg-type]


def fields(reply: Reply) -> dict[str, str]:
    return {f.label: f.value for f in reply.fields}


def test_a_members_reminder_has_the_meeting_their_apologies_and_their_actions(
    sqlite_db: Database,
) -> None:
    with transaction(sqlite_db.factory) as session:
        board, members = world.board(session)
        walker = members["Councillor J Walker"]
        meeting = world.meeting(session, board, local(2026, 12, 2, 15))
        action = world.action(
            session, board, "Report on placement stability", walker, due_meeting=meeting
        )
        world.action(
            session,
            board,
            "Someone else's action",
            members["Councillor M Carr"],
            due_meeting=meeting,
        )
        planned = reminder(Kind.MEETING, walker.id, board_id=board.id, meeting_id=meeting.id)
    with sqlite_db.factory() as session:
        reply = build_reply(session, planned, NOW)
    assert reply is not None
    assert reply.title == "Corporate Parenting Board meets tomorrow"
    assert reply.text == "Reminder: Corporate Parenting Board, Wed 2 December 2026, 3.00pm."
    assert fields(reply) == {
        "When": "Wed 2 December 2026, 3.00pm",
        "Venue": "Committee Room 1, Civic Centre",
        "Your actions due back": f"#{action.id} Report on placement stability (Councillor J Walker; due back 2 December 2026)",
        "Your apologies": "none sent",
    }
    assert reply.items == ["1. Apologies for absence", "2. Minutes of the last meeting"]
    assert [b.action_id for b in reply.buttons] == [f"action-done:{action.id}"]
    assert reply.private


def test_a_member_who_sent_apologies_gets_a_short_note(sqlite_db: Database) -> None:
    with transaction(sqlite_db.factory) as session:
        board, members = world.board(session)
        walker = members["Councillor J Walker"]
        meeting = world.meeting(session, board, local(2026, 12, 2, 15))
        world.apologies(session, meeting, walker)
        planned = reminder(Kind.MEETING, walker.id, board_id=board.id, meeting_id=meeting.id)
    with sqlite_db.factory() as session:
        reply = build_reply(session, planned, NOW)
    assert reply is not None
    assert reply.title == "Your apologies for Corporate Parenting Board are recorded"
    assert "no need to attend" in reply.text
    assert reply.items == []


def test_a_channel_reminder_carries_nothing_personal(sqlite_db: Database) -> None:
    with transaction(sqlite_db.factory) as session:
        board, _ = world.board(session, in_channel=True)
        meeting = world.meeting(session, board, local(2026, 12, 2, 15))
        planned = reminder(Kind.MEETING, None, board_id=board.id, meeting_id=meeting.id)
    with sqlite_db.factory() as session:
        reply = build_reply(session, planned, NOW)
    assert reply is not None
    assert "Your apologies" not in fields(reply)
    assert not reply.private


def test_matters_arising_lists_actions_due_back_and_deferred_items(sqlite_db: Database) -> None:
    with transaction(sqlite_db.factory) as session:
        board, members = world.board(session)
        earlier = world.meeting(session, board, local(2026, 10, 7, 15))
        meeting = world.meeting(session, board, local(2026, 12, 2, 15))
        earlier.items.append(
            AgendaItem(
                position=3,
                number="22/7",
                title="Fostering annual report",
                deferred_to_meeting_id=meeting.id,
            )
        )
        action = world.action(
            session, board, "Circulate the audit", members["Sam Clerk"], due_meeting=meeting
        )
        done = world.action(
            session, board, "Already done", members["Sam Clerk"], due_meeting=meeting
        )
        done.status = ActionStatus.DONE
        planned = reminder(
            Kind.MATTERS_ARISING, members["Sam Clerk"].id, board_id=board.id, meeting_id=meeting.id
        )
    with sqlite_db.factory() as session:
        reply = build_reply(session, planned, NOW)
    assert reply is not None
    assert reply.title == "Matters arising: Corporate Parenting Board, Wed 2 December 2026, 3.00pm"
    assert reply.text == "1 action due back and 1 deferred item."
    assert reply.items == [
        f"#{action.id} Circulate the audit (Sam Clerk; due back 2 December 2026)",
        "Deferred from Wed 7 October 2026, item 22/7: Fostering annual report",
    ]


def test_action_reminders_say_when_and_stop_once_done(sqlite_db: Database) -> None:
    with transaction(sqlite_db.factory) as session:
        board, members = world.board(session)
        walker = members["Councillor J Walker"]
        action = world.action(
            session, board, "Report on placements", walker, due=dt.date(2026, 12, 8)
        )
        due = reminder(Kind.ACTION_DUE, walker.id, board_id=board.id, action_id=action.id)
        late = reminder(Kind.ACTION_OVERDUE, walker.id, board_id=board.id, action_id=action.id)
    with sqlite_db.factory() as session:
        assert (reply := build_reply(session, due, NOW)) is not None
        assert reply.title == f"Action #{action.id} is due in 7 days"
        assert reply.text == "Report on placements is due on Tue 8 December 2026."
        assert (overdue := build_reply(session, late, utc(2026, 12, 15, 9))) is not None
        assert overdue.text == "Report on placements was due on Tue 8 December 2026 (7 days ago)."
    with transaction(sqlite_db.factory) as session:
        session.get_one(type(action), action.id).status = ActionStatus.DONE
    with sqlite_db.factory() as session:
        assert build_reply(session, due, NOW) is None


def test_the_digest_lists_every_open_action_of_the_member(sqlite_db: Database) -> None:
    with transaction(sqlite_db.factory) as session:
        board, members = world.board(session)
        walker = members["Councillor J Walker"]
        world.action(session, board, "Second", walker, due=dt.date(2026, 12, 20))
        world.action(session, board, "First", walker, due=dt.date(2026, 12, 8))
        planned = reminder(Kind.DIGEST, walker.id)
        nobody = reminder(Kind.DIGEST, members["Councillor M Carr"].id)
    with sqlite_db.factory() as session:
        reply = build_reply(session, planned, NOW)
        assert build_reply(session, nobody, NOW) is None
    assert reply is not None
    assert reply.text == "You have 2 open actions."
    assert [line.split(" (")[0].split(" ", 1)[1] for line in reply.items] == ["First", "Second"]
