"""An apology's reason is often health information: the member, the clerk and the chair only."""

from __future__ import annotations

from tests.handlers.apologies.conftest import CHAIR, CLERK, HELLAOUI, WALKER, World

QUESTION = "who has sent apologies for the next meeting?"


def _apologies_sent(world: World) -> None:
    world.say("Sorry, I can't make Wednesday – hospital appointment")  # Walker
    world.say("Sorry, I can't make Wednesday", who=HELLAOUI)


def test_an_ordinary_member_never_sees_a_colleagues_reason(world: World) -> None:
    _apologies_sent(world)

    reply = world.say(QUESTION, who=HELLAOUI)

    text = reply.as_plain_text()
    assert WALKER in text and HELLAOUI in text
    assert "hospital" not in text


def test_the_member_sees_their_own_reason(world: World) -> None:
    _apologies_sent(world)
    reply = world.say(QUESTION)
    assert f"{WALKER} (hospital appointment)" in reply.as_plain_text()
    assert reply.private


def test_the_clerk_and_the_chair_see_reasons(world: World) -> None:
    _apologies_sent(world)
    for who in (CLERK, CHAIR):
        reply = world.say(QUESTION, who=who)
        assert "hospital appointment" in reply.as_plain_text(), who
        assert reply.private


def test_asking_after_one_person_hides_their_reason_from_others_too(world: World) -> None:
    _apologies_sent(world)
    reply = world.say("did Councillor Walker attend the November meeting?", who=HELLAOUI)
    assert "Walker" in reply.as_plain_text()
    assert "hospital" not in reply.as_plain_text()


def test_the_apologies_list_shows_a_member_only_their_own_reason(world: World) -> None:
    _apologies_sent(world)
    walker = world.say("list Wednesday", command="apologies")
    assert walker.items == [f"{WALKER} — reason: hospital appointment", HELLAOUI]
    hellaoui = world.say("list Wednesday", who=HELLAOUI, command="apologies")
    assert hellaoui.items == [WALKER, HELLAOUI]


def test_a_stranger_sees_who_sent_apologies_but_no_reason(world: World) -> None:
    _apologies_sent(world)
    reply = world.say(QUESTION, who="Somebody Unknown")
    text = reply.as_plain_text()
    assert WALKER in text and "hospital" not in text
    assert reply.footer is not None and "link" in reply.footer
