"""Buttons come back as block_actions and go through the pipeline like any message."""

from __future__ import annotations

from tests.bot.slack.conftest import CLERK, WALKER, Seeded, Slack, walkers_apologies


def test_an_apology_sent_as_a_dm_can_be_undone_with_its_button(
    slack: Slack, seeded: Seeded
) -> None:
    slack.direct_message("Sorry, I can't make the Corporate Parenting Board on 2 December")

    assert len(walkers_apologies(slack, seeded)) == 1
    [answer] = [
        c for c in slack.fake.called("chat.postMessage") if c.params["channel"] == "D" + WALKER
    ]
    [undo] = [b for b in answer.buttons() if b["action_id"].startswith("apology-undo:")]
    # The clerk hears of it in their own DM.
    [opened] = slack.fake.called("conversations.open")
    assert opened.params["users"] == CLERK

    response = slack.click(undo)

    assert response.status == 200
    assert walkers_apologies(slack, seeded) == []
    [updated] = slack.fake.called("respond")
    assert updated.params["replace_original"] is True


def test_a_click_delivered_twice_is_answered_once(slack: Slack) -> None:
    button = {"action_id": "apology-undo:0", "value": "0"}

    slack.click(button, trigger_id="trigger.same")
    slack.click(button, trigger_id="trigger.same")

    assert len(slack.fake.called("respond")) == 1


def test_a_click_on_a_shared_message_adds_a_private_answer_rather_than_replacing_it(
    slack: Slack,
) -> None:
    # An unknown button in a channel: whatever the answer, the channel's message stays.
    slack.click({"action_id": "apology-undo:0", "value": "0"}, channel="CGENERAL")

    [answer] = slack.fake.called("respond")
    assert answer.params["replace_original"] is False
