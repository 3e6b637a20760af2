"""Typed follow-ups ("undo", "cancel that", "yes", "no") and apologies that name no meeting.

Each message goes through a fresh pipeline, as separate processes would: what
"undo" or "yes" refers to must come from the database, never from memory.
"""

from __future__ import annotations

import datetime as dt

import pytest

from handlers.apologies.follow_up import NOTHING_TO_UNDO
from handlers.pipeline import Pipeline
from tests.handlers.apologies.conftest import (
    CHAIR,
    CPB_NOV,
    FRIDAY,
    HELLAOUI,
    WALKER,
    World,
)

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run

LATER = FRIDAY + dt.timedelta(minutes=10)


def fresh(world: World) -> World:
    """The same database behind a new pipeline: a new process, as ``boardclerk say`` is."""
    return World(world.db, Pipeline(world.db.factory))


@pytest.mark.parametrize("typed", ["undo", "Undo!", "cancel that"])
def test_typed_undo_removes_the_apology_just_recorded(world: World, typed: str) -> None:
    world.say("Sorry, I can't make Wednesday – hospital appointment")

    undone = fresh(world).say(typed, now=LATER)

    assert undone.intent == "apologies"
    assert undone.text.startswith("Undone: no apologies are recorded")
    assert world.apologies() == []


def test_typed_undo_puts_back_the_reason_an_update_replaced(world: World) -> None:
    world.say("apologies for Wednesday – dentist")
    world.say("Sorry, can't make Wednesday due to a hospital appointment")

    fresh(world).say("undo", now=LATER)

    assert world.apologies() == [(WALKER, "2018-11-07", "dentist", None)]


def test_undo_after_thirty_minutes_changes_nothing_and_says_so(world: World) -> None:
    world.say("Sorry, I can't make Wednesday")

    late = fresh(world).say("undo", now=FRIDAY + dt.timedelta(minutes=31))

    assert late.text == NOTHING_TO_UNDO
    assert len(world.apologies()) == 1


def test_undo_with_nothing_to_undo_is_answered_not_searched_for(world: World) -> None:
    reply = world.say("undo")
    assert (reply.intent, reply.text) == ("apologies", NOTHING_TO_UNDO)


def test_undo_undoes_once_whether_by_button_or_in_words(world: World) -> None:
    recorded = world.say("Sorry, I can't make Wednesday")
    world.press(recorded)
    assert world.say("undo", now=LATER).text == NOTHING_TO_UNDO


def test_undo_reverses_a_withdrawal_too(world: World) -> None:
    world.say("Sorry, I can't make Wednesday – hospital appointment")
    world.say("withdraw my apologies")
    assert world.apologies() == []

    fresh(world).say("undo", now=LATER)

    assert world.apologies() == [(WALKER, "2018-11-07", "hospital appointment", None)]


def test_undo_in_the_boards_channel_after_an_apology_there(world: World) -> None:
    world.say("Sorry, I can't make Wednesday", channel="cpb")

    undone = fresh(world).say("cancel that", channel="cpb", now=LATER)

    assert undone.private and undone.text.startswith("Undone")
    assert world.apologies() == []


def test_channel_chatter_saying_undo_is_left_alone(world: World) -> None:
    reply = world.say("undo", who=HELLAOUI, channel="cpb")
    assert reply.intent == "ignored"


@pytest.mark.parametrize("typed", ["withdraw my apologies", "I can make it after all"])
def test_withdrawal_in_words_takes_back_apologies_for_any_upcoming_meeting(
    world: World, typed: str
) -> None:
    world.say("Sorry, I can't make Wednesday")

    reply = fresh(world).say(typed, now=FRIDAY + dt.timedelta(days=2))

    assert reply.text == f"Withdrawn your apologies for {CPB_NOV}: you're expected to attend."
    assert world.apologies() == []


def test_the_chair_sends_and_undoes_apologies_on_a_members_behalf(world: World) -> None:
    recorded = world.say("send apologies for Cllr Walker for Wednesday", who=CHAIR)
    assert recorded.text == f"Recorded apologies from {WALKER} for {CPB_NOV}"

    fresh(world).say("undo", who=CHAIR, now=LATER)

    assert world.apologies() == []


def test_a_stranger_typing_undo_is_told_why_nothing_happens(world: World) -> None:
    reply = world.say("undo", who="Somebody Unknown")
    assert "isn't linked" in reply.text
    assert reply.footer is not None


# --- apologies that name no meeting ---------------------------------------------------------


def test_no_date_with_one_meeting_in_two_weeks_asks_to_confirm(world: World) -> None:
    asked = world.say("Sorry, I can't make it", who=HELLAOUI)

    assert asked.text == f"Send apologies for {CPB_NOV}?"
    assert [b.label for b in asked.buttons] == ["Yes", "No"]
    assert asked.private
    assert world.apologies() == []


def test_typed_yes_records_the_confirmed_apology(world: World) -> None:
    world.say("Sorry, I can't make it", who=HELLAOUI)

    recorded = fresh(world).say("yes", who=HELLAOUI, now=LATER)

    assert recorded.text == f"Recorded your apologies for {CPB_NOV}"
    assert world.apologies() == [(HELLAOUI, "2018-11-07", None, None)]
    assert fresh(world).say("yes", who=HELLAOUI, now=LATER).intent != "apologies"


def test_typed_no_records_nothing(world: World) -> None:
    world.say("Sorry, I can't make it", who=HELLAOUI)

    declined = fresh(world).say("no", who=HELLAOUI, now=LATER)

    assert declined.text == f"OK, no apologies sent for {CPB_NOV}."
    assert world.apologies() == []


def test_the_yes_and_no_buttons(world: World) -> None:
    asked = world.say("Sorry, I can't make it", who=HELLAOUI)
    assert world.press(asked, 1, who=HELLAOUI).text.startswith("OK, no apologies sent")
    assert world.apologies() == []

    asked = world.say("Sorry, I can't make it", who=HELLAOUI)
    assert world.press(asked, 0, who=HELLAOUI).text.startswith("Recorded your apologies")
    assert world.apologies() == [(HELLAOUI, "2018-11-07", None, None)]
    # The button answered the question, so a later "yes" has nothing to confirm.
    assert world.say("yes", who=HELLAOUI, now=LATER).intent != "apologies"


def test_no_date_with_two_meetings_in_two_weeks_asks_which(world: World) -> None:
    asked = world.say("Sorry, I can't make it")  # Walker: CPB on the 7th, HWB on the 13th

    assert asked.text == "Which meeting are your apologies for?"
    assert len(asked.buttons) == 2
    assert world.apologies() == []


def test_no_date_said_in_a_channel_is_not_taken_as_apologies(world: World) -> None:
    reply = world.say("Sorry, I can't make it", who=HELLAOUI, channel="cpb")
    assert reply.intent == "ignored"
    assert world.apologies() == []
