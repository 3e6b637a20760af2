"""Through the real bolt app: strangers get the public record, members undo in words.

Signed requests go into the app; the fake Web API records what Slack would show.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from storage.db import transaction
from storage.models import (
    AgendaItem,
    Attendance,
    BoardChannel,
    BoardRole,
    ChatIdentity,
    Decision,
    DecisionKind,
    Meeting,
    Member,
    Role,
)
from tests.bot.slack.conftest import (
    BOARD_CHANNEL,
    STRANGER,
    WALKER,
    Seeded,
    Slack,
    walkers_apologies,
)

EXEMPT_RESOLUTION = "RESOLVED that the contract for the Elm Lodge home be awarded to Provider B."
CHAIR = "UCHAIR"


@pytest.fixture
def exempt_item(slack: Slack) -> None:
    """Last month's meeting also took an exempt item in private session."""
    with transaction(slack.db.factory) as session:
        past = session.scalars(select(Meeting).where(Meeting.date == dt.date(2026, 10, 21))).one()
        item = AgendaItem(
            meeting=past, position=2, number="6", title="Elm Lodge Contract", exempt=True
        )
        item.decisions.append(Decision(text=EXEMPT_RESOLUTION, kind=DecisionKind.RESOLVED))
        session.add(item)


def test_a_stranger_gets_the_next_meeting_and_how_to_get_linked(slack: Slack) -> None:
    slack.command("next-meeting", user=STRANGER, channel="D" + STRANGER)

    [answer] = slack.fake.replies()
    seen = answer.block_text()
    assert "Wed 2 December 2026" in seen
    assert "Care Leavers' Local Offer" in seen
    assert answer.blocks[-1]["type"] == "context"
    assert "boardclerk member link" in answer.blocks[-1]["elements"][0]["text"]


def test_a_stranger_gets_a_decision_but_nothing_of_an_exempt_item(
    slack: Slack, exempt_item: None
) -> None:
    slack.direct_message("what did we decide about foster carer recruitment?", user=STRANGER)
    slack.direct_message("what did we agree on the Elm Lodge contract?", user=STRANGER)
    slack.direct_message("what happened at the October meeting?", user=STRANGER)

    decision, exempt, summary = slack.fake.replies()
    assert "March 2027" in decision.block_text()
    for answer in (exempt, summary):
        seen = answer.block_text()
        assert "Provider B" not in seen and "exempt" not in seen.lower()
        assert "item 6" not in seen
    assert "Foster Carer Recruitment" in summary.block_text()


def test_a_member_sees_the_exempt_item_in_a_dm(slack: Slack, exempt_item: None) -> None:
    slack.direct_message("what did we agree on the Elm Lodge contract?")
    [answer] = slack.fake.replies()
    assert "Provider B" in answer.block_text()


def test_a_stranger_cannot_send_apologies_and_is_told_why(slack: Slack, seeded: Seeded) -> None:
    slack.direct_message("Sorry, I can't make the meeting on 2 December", user=STRANGER)

    [answer] = slack.fake.replies()
    assert "isn't linked" in answer.block_text()
    with slack.db.factory() as session:
        assert session.scalars(select(Attendance)).all() == []


def test_typed_undo_after_an_apology_removes_it(slack: Slack, seeded: Seeded) -> None:
    slack.direct_message("Please send my apologies for 2 December – hospital appointment")
    assert len(walkers_apologies(slack, seeded)) == 1

    slack.direct_message("undo")

    assert walkers_apologies(slack, seeded) == []
    *_, undone = [c for c in slack.fake.replies() if c.params["channel"] == "D" + WALKER]
    assert "Undone" in undone.block_text()
    *_, told = [c for c in slack.fake.replies() if c.params["channel"] != "D" + WALKER]
    assert "Councillor J A Walker's apologies" in told.block_text()


def test_withdraw_in_words_and_in_a_boards_channel(slack: Slack, seeded: Seeded) -> None:
    with transaction(slack.db.factory) as session:
        session.add(
            BoardChannel(board_id=seeded.board_id, platform="slack", channel_id=BOARD_CHANNEL)
        )
    slack.channel_message("Sorry, I can't make Wednesday 2 December")
    assert len(walkers_apologies(slack, seeded)) == 1
    slack.channel_message("I can make it after all")
    assert walkers_apologies(slack, seeded) == []


def test_an_undated_apology_is_confirmed_with_yes(slack: Slack, seeded: Seeded) -> None:
    slack.direct_message("Sorry, I can't make it")
    [asked] = slack.fake.replies()
    assert asked.block_text().startswith("Send apologies for Corporate Parenting Board, Wed 2")
    assert [b["text"]["text"] for b in asked.buttons()] == ["Yes", "No"]
    assert walkers_apologies(slack, seeded) == []

    slack.direct_message("yes")

    assert len(walkers_apologies(slack, seeded)) == 1


def test_the_chair_sends_apologies_on_a_members_behalf(slack: Slack, seeded: Seeded) -> None:
    with transaction(slack.db.factory) as session:
        chair = Member(name="Councillor P Carr", match_key="p carr")
        session.add(BoardRole(board_id=seeded.board_id, member=chair, role=Role.CHAIR))
        session.add(ChatIdentity(member=chair, platform="slack", user_id=CHAIR))

    slack.direct_message("Please send apologies for Cllr Walker for 2 December", user=CHAIR)

    [row] = walkers_apologies(slack, seeded)
    assert row.recorded_by == "Councillor P Carr"
    assert row.name == "Councillor J A Walker"
    assert WALKER not in {c.params.get("channel") for c in slack.fake.replies()}
