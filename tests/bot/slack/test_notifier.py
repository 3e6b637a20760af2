"""Reminders reach members as Slack DMs, or a board's linked channels, through the Web API."""

from __future__ import annotations

import datetime as dt

from slack_sdk import WebClient

from bot.slack.app import build_client
from bot.slack.notifier import SlackNotifier
from bot.slack.workspaces import Workspaces
from handlers.messages import Citation, Reply
from schedules.notify import Target
from storage.db import transaction
from storage.models import BoardChannel
from tests.bot.slack.conftest import BOARD_CHANNEL, CLERK, Seeded, slack_settings
from tests.bot.slack.fake_slack import FakeSlack
from tests.conftest import Database

REMINDER = Reply(
    text="Corporate Parenting Board meets on Wed 2 December 2026, 3.00pm.",
    intent="reminder",
    title="Meeting reminder",
    citations=[Citation("Corporate Parenting Board", dt.date(2026, 12, 2))],
)


def _notifier(fake: FakeSlack, db: Database) -> SlackNotifier:
    client: WebClient = build_client(slack_settings(fake, db.url), "xoxb-test-token")
    return SlackNotifier(db.factory, Workspaces(client))


def test_a_reminder_goes_to_the_members_dm(
    fake_slack: FakeSlack, sqlite_db: Database, seeded: Seeded
) -> None:
    delivered = _notifier(fake_slack, sqlite_db).deliver(Target.member(seeded.clerk_id), REMINDER)

    assert delivered is True
    [opened] = fake_slack.called("conversations.open")
    assert opened.params["users"] == CLERK
    [posted] = fake_slack.called("chat.postMessage")
    assert posted.params["channel"] == "D" + CLERK.removeprefix("U")
    assert posted.blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Meeting reminder"},
    }
    assert "2 December 2026" in posted.text
    assert posted.headers["authorization"] == "Bearer xoxb-test-token"


def test_a_member_without_a_slack_identity_is_not_delivered_to(
    fake_slack: FakeSlack, sqlite_db: Database, seeded: Seeded
) -> None:
    delivered = _notifier(fake_slack, sqlite_db).deliver(Target.member(seeded.walker_id), REMINDER)

    assert delivered is False
    assert fake_slack.calls == []


def test_a_board_reminder_goes_to_every_linked_slack_channel_and_no_other(
    fake_slack: FakeSlack, sqlite_db: Database, seeded: Seeded
) -> None:
    with transaction(sqlite_db.factory) as session:
        session.add_all(
            [
                BoardChannel(board_id=seeded.board_id, platform="slack", channel_id=BOARD_CHANNEL),
                BoardChannel(board_id=seeded.board_id, platform="discord", channel_id="123"),
            ]
        )

    delivered = _notifier(fake_slack, sqlite_db).deliver(
        Target.board_channel(seeded.board_id), REMINDER
    )

    assert delivered is True
    assert [c.params["channel"] for c in fake_slack.called("chat.postMessage")] == [BOARD_CHANNEL]


def test_a_board_without_a_slack_channel_is_not_delivered_to(
    fake_slack: FakeSlack, sqlite_db: Database, seeded: Seeded
) -> None:
    assert (
        _notifier(fake_slack, sqlite_db).deliver(Target.board_channel(seeded.board_id), REMINDER)
        is False
    )


def test_a_rate_limited_post_is_retried_after_slacks_retry_after(
    fake_slack: FakeSlack, sqlite_db: Database, seeded: Seeded
) -> None:
    fake_slack.rate_limit_once("chat.postMessage", retry_after=0)

    delivered = _notifier(fake_slack, sqlite_db).deliver(Target.member(seeded.clerk_id), REMINDER)

    assert delivered is True
    assert len(fake_slack.called("chat.postMessage (rate limited)")) == 1
    assert len(fake_slack.called("chat.postMessage")) == 1
