"""/actions and /done in chat: listing what members owe and closing it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from handlers import actions
from handlers.messages import ButtonPress, IncomingMessage, Reply
from handlers.pipeline import Pipeline
from handlers.router import Router
from storage.db import transaction
from storage.models import Action, ActionStatus, Role
from tests.conftest import Database
from tests.schedules import world
from tests.schedules.world import utc

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run

NOW = utc(2026, 11, 23, 10)
WALKER, CARR, CLERK = "Councillor J Walker", "Councillor M Carr", "Sam Clerk"


@pytest.fixture
def pipeline(sqlite_db: Database) -> Pipeline:
    router = Router()
    actions.register(router)
    return Pipeline(sqlite_db.factory, router)


@pytest.fixture
def ids(sqlite_db: Database) -> dict[str, int]:
    with transaction(sqlite_db.factory) as session:
        board, members = world.board(session)
        other, _ = world.board(
            session, "Audit Committee", people={"Councillor Z Other": Role.MEMBER}
        )
        walker = members[WALKER]
        return {
            "report": world.action(
                session, board, "Report on placement stability", walker, due=dt.date(2026, 12, 8)
            ).id,
            "visit": world.action(
                session, board, "Visit the children's home", walker, due=dt.date(2026, 12, 1)
            ).id,
            "carr": world.action(session, board, "Write to the minister", members[CARR]).id,
            "audit": world.action(session, other, "Audit the audit", None).id,
        }


def say(
    pipeline: Pipeline,
    who: str,
    text: str,
    command: str | None = None,
    button: ButtonPress | None = None,
) -> Reply:
    return pipeline.handle(
        IncomingMessage(
            platform="console", user_id=who, text=text, now=NOW, command=command, button=button
        )
    )


def status(db: Database, action_id: int) -> tuple[ActionStatus, str | None, dt.datetime | None]:
    with db.factory() as session:
        action = session.get_one(Action, action_id)
        return action.status, action.closed_by, action.closed_at


def test_my_actions_lists_my_open_actions_soonest_first(
    pipeline: Pipeline, ids: dict[str, int]
) -> None:
    reply = say(pipeline, WALKER, "", command="actions")
    assert reply.title == "Your open actions (2)"
    assert reply.items == [
        f"#{ids['visit']} Visit the children's home (Councillor J Walker; due 1 December 2026)",
        f"#{ids['report']} Report on placement stability (Councillor J Walker; due 8 December 2026)",
    ]
    assert [b.action_id for b in reply.buttons] == [
        f"action-done:{ids['visit']}",
        f"action-done:{ids['report']}",
    ]


def test_plain_words_ask_for_my_actions(pipeline: Pipeline, ids: dict[str, int]) -> None:
    assert say(pipeline, WALKER, "what are my actions?").title == "Your open actions (2)"
    assert say(pipeline, CARR, "What do I owe?").title == "Your open actions (1)"


def test_board_actions_show_only_boards_the_asker_can_see(
    pipeline: Pipeline, ids: dict[str, int]
) -> None:
    reply = say(pipeline, WALKER, "board Corporate Parenting Board", command="actions")
    assert reply.title == "Open actions: Corporate Parenting Board (3)"
    assert (
        say(pipeline, WALKER, "board", command="actions").title == reply.title
    )  # sits on one board
    assert "can see" in say(pipeline, WALKER, "board Audit Committee", command="actions").text
    # The clerk's view covers every board.
    assert say(pipeline, CLERK, "all", command="actions").title == "Open actions on your boards (4)"


def test_the_owner_marks_an_action_done(
    sqlite_db: Database, pipeline: Pipeline, ids: dict[str, int]
) -> None:
    reply = say(pipeline, WALKER, f"#{ids['report']}", command="done")
    assert reply.text == f"Done: #{ids['report']} Report on placement stability."
    assert reply.notices == []
    assert status(sqlite_db, ids["report"]) == (ActionStatus.DONE, WALKER, NOW)
    again = say(pipeline, WALKER, f"#{ids['report']}", command="done")
    assert again.text == f"Action #{ids['report']} is already done."


def test_done_finds_my_action_by_its_words(
    sqlite_db: Database, pipeline: Pipeline, ids: dict[str, int]
) -> None:
    say(pipeline, WALKER, "visit to the childrens home", command="done")
    assert status(sqlite_db, ids["visit"])[0] is ActionStatus.DONE
    assert "can't find" in say(pipeline, WALKER, "budget papers", command="done").text


def test_someone_elses_action_cannot_be_closed_by_a_member(
    sqlite_db: Database, pipeline: Pipeline, ids: dict[str, int]
) -> None:
    reply = say(pipeline, WALKER, str(ids["carr"]), command="done")
    assert reply.intent == "action.done.refused"
    assert status(sqlite_db, ids["carr"])[0] is ActionStatus.OPEN


def test_the_chair_closes_a_members_action_and_the_owner_is_told(
    sqlite_db: Database, pipeline: Pipeline, ids: dict[str, int]
) -> None:
    reply = say(
        pipeline, CARR, "", button=ButtonPress(f"action-done:{ids['visit']}", str(ids["visit"]))
    )
    assert reply.intent == "action.done"
    with sqlite_db.factory() as session:
        walker_id = session.scalars(
            select(Action.owner_member_id).where(Action.id == ids["visit"])
        ).one()
    [notice] = reply.notices
    assert notice.member_id == walker_id
    assert (
        notice.reply.text
        == f"Councillor M Carr marked your action #{ids['visit']} done: Visit the children's home."
    )


def test_the_clerk_closes_by_plain_words(
    sqlite_db: Database, pipeline: Pipeline, ids: dict[str, int]
) -> None:
    say(pipeline, CLERK, f"action {ids['carr']} is done")
    assert status(sqlite_db, ids["carr"])[:2] == (ActionStatus.DONE, CLERK)


def test_unknown_people_and_missing_actions_get_one_clear_line(
    pipeline: Pipeline, ids: dict[str, int]
) -> None:
    assert "don't know who you are" in say(pipeline, "Somebody Else", "", command="actions").text
    assert say(pipeline, WALKER, "#999", command="done").text == "Sorry, there is no action #999."
    assert say(pipeline, WALKER, "help", command="done").text == actions.DONE_HELP


def test_the_default_router_sends_actions_commands_here(
    sqlite_db: Database, ids: dict[str, int]
) -> None:
    reply = Pipeline(sqlite_db.factory).handle(
        IncomingMessage(platform="console", user_id=WALKER, text="", now=NOW, command="actions")
    )
    assert reply.title == "Your open actions (2)"
