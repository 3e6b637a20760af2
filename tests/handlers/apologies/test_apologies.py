"""Apologies end to end through the console pipeline: what is recorded, asked and refused."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from storage.models import Attendance, Delivery
from tests.handlers.apologies.conftest import CHAIR, CLERK, CPB_NOV, HELLAOUI, WALKER, World

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run


def test_an_apology_is_recorded_with_its_reason_and_the_clerk_is_told(world: World) -> None:
    reply = world.say("Please send my apologies for Wednesday – hospital appointment")
    assert reply.intent == "apologies"
    assert reply.text == f"Recorded your apologies for {CPB_NOV} — reason: hospital appointment"
    assert reply.private
    assert [(c.board, c.meeting_date) for c in reply.citations] == [
        ("Corporate Parenting Board", dt.date(2018, 11, 7))
    ]
    assert [b.label for b in reply.buttons] == ["Undo"]
    assert world.apologies() == [(WALKER, "2018-11-07", "hospital appointment", None)]
    assert [n.member_id for n in reply.notices] == [world.member_id(CLERK)]
    assert reply.notices[0].reply.text.startswith(f"{WALKER} sent apologies for {CPB_NOV}")
    with world.db.factory() as session:
        row = session.scalars(select(Attendance)).one()
        assert (row.source.value, row.recorded_by, row.person_key) == (
            "chat",
            WALKER,
            "jane walker",
        )


def test_undo_removes_what_was_recorded(world: World) -> None:
    recorded = world.say("Sorry, I can't make Wednesday")
    undone = world.press(recorded)
    assert "no apologies are recorded" in undone.text
    assert world.apologies() == []


def test_apologising_twice_keeps_one_row_and_undo_restores_the_first_reason(world: World) -> None:
    world.say("apologies for Wednesday – dentist")
    second = world.say("Sorry, can't make Wednesday due to a hospital appointment")
    assert second.text.startswith(f"Updated your apologies for {CPB_NOV}")
    assert world.apologies() == [(WALKER, "2018-11-07", "hospital appointment", None)]
    world.press(second)
    assert world.apologies() == [(WALKER, "2018-11-07", "dentist", None)]


def test_a_named_substitute_is_noted_on_the_members_row(world: World) -> None:
    reply = world.say("I won't be able to attend on 7 November, Cllr Hellaoui will substitute")
    assert reply.text == f"Recorded your apologies for {CPB_NOV} — substitute: Cllr Hellaoui"
    assert world.apologies() == [(WALKER, "2018-11-07", None, "substitute: Cllr Hellaoui")]


def test_no_upcoming_meeting_records_nothing(world: World) -> None:
    reply = world.say("Sorry, I can't make Wednesday", now=dt.datetime(2019, 8, 1, tzinfo=dt.UTC))
    assert "no upcoming meeting" in reply.text
    assert world.apologies() == []


def test_two_boards_means_asking_and_recording_only_after_the_choice(world: World) -> None:
    asked = world.say("Please send apologies - hospital appointment")
    assert [b.label for b in asked.buttons] == [
        CPB_NOV,
        "Health and Wellbeing Board, Tue 13 November 2018, 10.00am",
    ]
    assert world.apologies() == []
    chosen = world.press(asked, 1)
    assert chosen.text.startswith("Recorded your apologies for Health and Wellbeing Board")
    assert world.apologies() == [(WALKER, "2018-11-13", "hospital appointment", None)]


def test_next_tuesday_with_two_tuesdays_asks_which(world: World) -> None:
    monday = dt.datetime(2018, 11, 12, 9, 0, tzinfo=dt.UTC)
    asked = world.say("Apologies for next Tuesday please", now=monday)
    assert [b.label.split(", ")[1] for b in asked.buttons] == [
        "Tue 13 November 2018",
        "Tue 20 November 2018",
    ]
    assert world.apologies() == []


def test_a_date_with_no_meeting_names_the_nearest_and_asks(world: World) -> None:
    asked = world.say("Sorry, I can't make Thursday")
    assert asked.text.startswith("There's no meeting on Thu 8 November 2018")
    assert len(asked.buttons) == 2
    assert world.apologies() == []


def test_a_past_meeting_is_refused_politely(world: World) -> None:
    reply = world.say("Please send my apologies for 12 September 2018")
    assert "has already taken place" in reply.text
    assert world.apologies() == []


def test_a_meeting_that_has_started_is_past(world: World) -> None:
    during = dt.datetime(2018, 11, 7, 16, 0, tzinfo=dt.UTC)
    reply = world.say("Sorry, I can't make Wednesday", now=during)
    assert reply.text.startswith(f"{CPB_NOV} has already taken place")


@pytest.mark.parametrize(
    "text",
    [
        "apologies for the delay in sending the report",
        "sorry, typo above",
        "sorry to hear that",
        "Who has sent apologies for Wednesday?",
    ],
)
def test_things_that_are_not_apologies_are_left_to_others(world: World, text: str) -> None:
    reply = world.say(text)
    assert reply.intent != "apologies"
    assert world.apologies() == []


def test_i_can_make_it_after_all_withdraws(world: World) -> None:
    world.say("Sorry, I can't make Wednesday")
    reply = world.say("Good news, I can make it after all")
    assert reply.text == f"Withdrawn your apologies for {CPB_NOV}: you're expected to attend."
    assert world.apologies() == []
    assert world.say("I can make it after all").text.startswith("You have no apologies recorded")


def test_withdraw_command(world: World) -> None:
    world.say("Sorry, I can't make Wednesday")
    reply = world.say("withdraw", command="apologies")
    assert reply.text.startswith("Withdrawn your apologies")
    assert world.apologies() == []


def test_the_clerk_and_the_chair_may_send_apologies_for_a_member(world: World) -> None:
    reply = world.say("send apologies for Cllr Walker for Wednesday", who=CLERK)
    assert reply.text == f"Recorded apologies from {WALKER} for {CPB_NOV}"
    assert reply.notices == []  # the clerk did it, so nobody else to tell
    world.say("FYI Cllr Harmer can't make Wednesday's meeting", who=CHAIR)
    with world.db.factory() as session:
        rows = session.scalars(select(Attendance).order_by(Attendance.id)).all()
        assert [(r.name, r.recorded_by) for r in rows] == [
            (WALKER, CLERK),
            ("Councillor Rob Harmer", CHAIR),
        ]


def test_anyone_else_cannot_send_apologies_for_someone(world: World) -> None:
    reply = world.say("send apologies for Cllr Walker for Wednesday", who=HELLAOUI)
    assert reply.text.startswith("Only the clerk or the chair")
    assert world.apologies() == []


def test_the_command_records_meeting_and_reason(world: World) -> None:
    reply = world.say("Wednesday hospital appointment", command="apologies")
    assert reply.text == f"Recorded your apologies for {CPB_NOV} — reason: hospital appointment"


def test_list_shows_reasons_only_to_the_clerk_and_chair(world: World) -> None:
    world.say("apologies for Wednesday – hospital appointment")
    world.say("Sorry, I can't make Wednesday", who=HELLAOUI)
    member = world.say("list Wednesday", who=HELLAOUI, command="apologies")
    assert member.text == (
        f"{CPB_NOV}: Apologies for absence were received from Councillors Jane Walker "
        "and Amira Hellaoui."
    )
    assert member.items == [WALKER, HELLAOUI]
    clerk = world.say("list 7 November", who=CLERK, command="apologies")
    assert clerk.items == [f"{WALKER} — reason: hospital appointment", HELLAOUI]
    assert clerk.private


def test_a_stranger_is_told_how_to_get_linked(world: World) -> None:
    reply = world.say("Sorry, I can't make Wednesday", who="Somebody Unknown")
    assert "boardclerk member link" in reply.text
    assert world.apologies() == []


def test_the_boards_channel_decides_the_board(world: World) -> None:
    reply = world.say("Please send my apologies", channel="cpb")
    assert reply.text == f"Recorded your apologies for {CPB_NOV}"
    assert reply.private


def test_the_clerk_is_warned_once_when_apologies_break_the_quorum(world: World) -> None:
    # Five voting members, quorum 3: the third apology leaves two.
    for who in (WALKER, HELLAOUI):
        reply = world.say("Sorry, I can't make Wednesday", who=who)
        assert not any("Quorum" in n.reply.text for n in reply.notices)
    third = world.say("Sorry, I can't make Wednesday", who="Councillor Rob Harmer")
    warnings = [n for n in third.notices if "Quorum" in n.reply.text]
    assert [n.member_id for n in warnings] == [world.member_id(CLERK)]
    assert "only 2 voting members are expected; the quorum is 3" in warnings[0].reply.text
    fourth = world.say("Sorry, I can't make Wednesday", who="Councillor Paula Jemson")
    assert not any("Quorum" in n.reply.text for n in fourth.notices)
    with world.db.factory() as session:
        meeting_id = session.scalars(select(Attendance.meeting_id)).first()
        assert session.scalars(select(Delivery.key)).all() == [f"quorum-warning:{meeting_id}"]
