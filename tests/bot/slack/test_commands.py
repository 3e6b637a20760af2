"""Every slash command, sent as Slack sends it, answered through its ``response_url``."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Action, ActionStatus, BoardChannel
from tests.bot.slack.conftest import BOARD_CHANNEL, CLERK, OTHER_CHANNEL, WALKER, Seeded, Slack
from tests.bot.slack.fake_slack import Call


def _only_answer(slack: Slack) -> Call:
    [answer] = slack.fake.called("respond")
    return answer


def test_a_command_is_acknowledged_with_an_empty_200(slack: Slack) -> None:
    response = slack.command("next-meeting")

    assert response.status == 200
    assert response.body == ""


def test_next_meeting_names_the_date_time_and_venue(slack: Slack) -> None:
    slack.command("next-meeting", "CPB")

    shown = _only_answer(slack).block_text()
    assert "2 December 2026" in shown
    assert "Committee Room 2" in shown


def test_agenda_lists_the_next_meetings_items(slack: Slack) -> None:
    slack.command("agenda", "Corporate Parenting Board")

    shown = _only_answer(slack).block_text()
    assert "Care Leavers' Local Offer" in shown


def test_ask_quotes_the_resolution_and_cites_the_minute(slack: Slack) -> None:
    slack.command("ask", "what did we decide about foster carer recruitment")

    answer = _only_answer(slack)
    assert "extended to March 2027" in answer.block_text()
    [context] = [b for b in answer.blocks if b["type"] == "context"]
    assert "item 5" in context["elements"][0]["text"]


def test_apologies_for_the_next_meeting_are_recorded_privately_with_an_undo_button(
    slack: Slack,
) -> None:
    slack.command("apologies", "2 December", channel=BOARD_CHANNEL)

    answer = _only_answer(slack)
    assert answer.params["response_type"] == "ephemeral"
    assert any(b["action_id"].startswith("apology-undo:") for b in answer.buttons())


def test_actions_lists_the_members_open_actions(slack: Slack) -> None:
    slack.command("actions")

    assert "Circulate the Local Offer consultation" in _only_answer(slack).block_text()


def test_done_marks_the_members_action_done(slack: Slack, seeded: Seeded) -> None:
    slack.command("done", str(seeded.action_id))

    with slack.db.factory() as session:
        action = session.get_one(Action, seeded.action_id)
        assert action.status is ActionStatus.DONE
    assert _only_answer(slack).text


def test_boardclerk_help_lists_the_commands(slack: Slack) -> None:
    slack.command("boardclerk", "help")

    shown = _only_answer(slack).block_text()
    assert "/next-meeting" in shown or "next-meeting" in shown


def test_a_clerk_links_a_channel_to_their_board(slack: Slack, seeded: Seeded) -> None:
    slack.command("boardclerk", "link-channel CPB", user=CLERK, channel=OTHER_CHANNEL)

    with slack.db.factory() as session:
        link = session.scalars(select(BoardChannel)).one()
    assert (link.platform, link.channel_id, link.board_id, link.team_id) == (
        "slack",
        OTHER_CHANNEL,
        seeded.board_id,
        "T0COUNCIL",
    )
    answer = _only_answer(slack)
    assert answer.params["response_type"] == "in_channel"
    assert "Corporate Parenting Board" in answer.text


def test_a_member_who_is_not_a_clerk_cannot_link_a_channel_and_only_they_see_why(
    slack: Slack,
) -> None:
    slack.command("boardclerk", "link-channel CPB", user=WALKER, channel=OTHER_CHANNEL)

    with slack.db.factory() as session:
        assert session.scalars(select(BoardChannel)).all() == []
    answer = _only_answer(slack)
    assert answer.params["response_type"] == "ephemeral"
    assert "Only a clerk" in answer.text


def test_a_rate_limited_users_info_is_retried_and_the_command_still_answered(slack: Slack) -> None:
    # Rate limited once: slack_sdk's retry handler waits out Retry-After and tries again.
    slack.fake.rate_limit_once("users.info", retry_after=0)

    response = slack.command("boardclerk", "help")

    assert response.status == 200
    assert len(slack.fake.called("users.info (rate limited)")) == 1
    assert len(slack.fake.called("users.info")) == 1
    assert _only_answer(slack).text
