"""Direct messages and mentions: answered once, in the right place, by the right member."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select

from bot.settings import Settings
from bot.slack.app import build_app
from handlers.messages import Reply
from handlers.pipeline import FAILURE_TEXT, Pipeline
from handlers.router import Context, Router
from storage.models import Attendance, AttendanceStatus, ChatIdentity, ProcessedEvent
from tests.bot.slack.conftest import (
    BOARD_CHANNEL,
    CLERK,
    NOW,
    OTHER_CHANNEL,
    STRANGER,
    WALKER,
    Seeded,
    Slack,
    SynchronousExecutor,
    slack_settings,
)
from tests.bot.slack.fake_slack import FakeSlack
from tests.conftest import Database


def _identity(slack: Slack, user_id: str) -> int | None:
    with slack.db.factory() as session:
        return session.scalars(
            select(ChatIdentity.member_id).where(
                ChatIdentity.platform == "slack", ChatIdentity.user_id == user_id
            )
        ).one_or_none()


def test_a_direct_question_is_answered_in_the_dm_with_a_citation(slack: Slack) -> None:
    response = slack.direct_message("What did we decide about foster carer recruitment?")

    assert response.status == 200
    [answer] = slack.fake.replies()
    assert answer.method == "chat.postMessage"
    assert answer.params["channel"] == "D" + WALKER
    assert "March 2027" in answer.block_text()
    context_lines = [b for b in answer.blocks if b["type"] == "context"]
    assert context_lines, "the citation goes in a context line"
    assert "item 5" in context_lines[0]["elements"][0]["text"]
    assert "21 October 2026" in context_lines[0]["elements"][0]["text"]


def test_a_member_is_recognised_by_their_slack_email_and_linked(
    slack: Slack, seeded: Seeded
) -> None:
    assert _identity(slack, WALKER) is None

    slack.direct_message("when is the next meeting?")

    assert _identity(slack, WALKER) == seeded.walker_id
    [lookup] = slack.fake.called("users.info")
    assert lookup.params["user"] == WALKER


def test_users_info_is_asked_once_per_person_not_once_per_message(slack: Slack) -> None:
    slack.direct_message("when is the next meeting?")
    slack.direct_message("what's on the agenda?")

    assert len(slack.fake.called("users.info")) == 1
    assert len(slack.fake.replies()) == 2


def test_an_unknown_user_is_not_matched_on_display_name_and_is_told_how_to_get_linked(
    slack: Slack,
) -> None:
    # The stranger's display name is "J A Walker", the printed name of a member.
    slack.fake.calls.clear()
    slack.command("boardclerk", "help", user=STRANGER, channel="D" + STRANGER)

    assert _identity(slack, STRANGER) is None
    [answer] = slack.fake.replies()
    assert "link" in answer.block_text()
    assert "boardclerk member link" in answer.block_text()


def test_an_unknown_user_asking_in_a_dm_gets_an_answer_but_no_identity(slack: Slack) -> None:
    slack.direct_message("when is the next meeting?", user=STRANGER)

    assert _identity(slack, STRANGER) is None
    [answer] = slack.fake.replies()
    assert answer.params["channel"] == "D" + STRANGER


def test_a_mention_in_a_channel_is_answered_in_its_thread_without_the_mention(
    slack: Slack,
) -> None:
    slack.mention("when is the next meeting?")

    [answer] = slack.fake.replies()
    assert answer.params["channel"] == BOARD_CHANNEL
    assert answer.params["thread_ts"] == "1795000000.000002"
    assert "UBOARDCLERK" not in answer.text


def test_a_retried_event_is_acknowledged_but_not_acted_on_twice(slack: Slack) -> None:
    first = slack.direct_message("when is the next meeting?", event_id="Ev0RETRY")
    retry = slack.direct_message(
        "when is the next meeting?",
        event_id="Ev0RETRY",
        **{"x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout"},
    )

    assert (first.status, retry.status) == (200, 200)
    assert len(slack.fake.replies()) == 1
    with slack.db.factory() as session:
        keys = session.scalars(select(ProcessedEvent.event_id)).all()
    assert keys == ["event:Ev0RETRY"]


def test_a_duplicated_delivery_without_retry_headers_is_also_ignored(slack: Slack) -> None:
    slack.mention("when is the next meeting?")
    slack.event(
        {
            "type": "app_mention",
            "channel": BOARD_CHANNEL,
            "user": WALKER,
            "text": "<@UBOARDCLERK> when is the next meeting?",
            "ts": "1795000000.000002",
        },
        event_id="Ev1",  # the id the first delivery was given
    )

    assert len(slack.fake.replies()) == 1


def test_board_clerks_own_posts_and_edits_are_ignored(slack: Slack) -> None:
    slack.event(
        {"type": "message", "channel_type": "im", "channel": "D1", "bot_id": "B9", "text": "hi"}
    )
    slack.event(
        {
            "type": "message",
            "subtype": "message_changed",
            "channel_type": "im",
            "channel": "D" + WALKER,
            "message": {"user": WALKER, "text": "edited"},
        }
    )

    assert slack.fake.replies() == []
    with slack.db.factory() as session:
        assert session.scalar(select(func.count()).select_from(ProcessedEvent)) == 0


def _failing(context: Context) -> Reply:
    raise RuntimeError("the search index is missing")


def test_a_failing_handler_gives_a_short_apology_and_the_app_keeps_answering(
    fake_slack: FakeSlack, sqlite_db: Database, seeded: Seeded, caplog: pytest.LogCaptureFixture
) -> None:
    settings: Settings = slack_settings(fake_slack, sqlite_db.url)
    app = build_app(
        settings,
        sqlite_db.factory,
        Pipeline(sqlite_db.factory, router=Router(fallback=_failing)),
        clock=lambda: NOW,
        listener_executor=SynchronousExecutor(),
    )
    slack = Slack(app, fake_slack, sqlite_db)

    with caplog.at_level(logging.ERROR):
        slack.mention("what happened?")
        slack.mention("and now?")

    answers = slack.fake.replies()
    assert [a.method for a in answers] == ["chat.postEphemeral", "chat.postEphemeral"]
    assert all(a.text == FAILURE_TEXT for a in answers)
    assert all(a.params["user"] == WALKER for a in answers)
    assert "the search index is missing" in caplog.text


def _apology_count(slack: Slack) -> int:
    with slack.db.factory() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(Attendance)
                .where(Attendance.status == AttendanceStatus.APOLOGIES)
            )
            or 0
        )


def test_an_apology_said_in_the_boards_channel_is_recorded_and_confirmed_privately(
    slack: Slack, seeded: Seeded
) -> None:
    slack.command("boardclerk", "link-channel CPB", user=CLERK, channel=BOARD_CHANNEL)
    slack.fake.calls.clear()

    slack.channel_message(
        "Sorry all, I can't make the meeting on 2 December - hospital appointment"
    )

    assert _apology_count(slack) == 1
    [confirmation] = slack.fake.called("chat.postEphemeral")
    assert confirmation.params["user"] == WALKER
    assert "hospital appointment" in confirmation.block_text()
    # Nothing in the channel itself; the clerk hears of it by DM.
    posts = slack.fake.called("chat.postMessage", "respond")
    assert [p.params.get("channel") for p in posts] == ["DCLERK"]


def test_channel_chatter_and_unlinked_channels_get_no_answer(slack: Slack, seeded: Seeded) -> None:
    slack.command("boardclerk", "link-channel CPB", user=CLERK, channel=BOARD_CHANNEL)
    slack.fake.calls.clear()

    slack.channel_message("What did we decide about foster carer recruitment?")
    slack.channel_message("Sorry to hear that, hope you feel better")
    slack.channel_message("Sorry, I can't make 2 December", channel=OTHER_CHANNEL)

    assert slack.fake.replies() == []
    assert _apology_count(slack) == 0


def test_talk_in_a_channel_linked_to_no_board_costs_no_api_call_and_no_lookup(
    slack: Slack, seeded: Seeded
) -> None:
    slack.command("boardclerk", "help", user=CLERK)  # bolt's own start-up calls are done
    slack.fake.calls.clear()
    with slack.db.factory() as session:
        events_before = session.scalar(select(func.count()).select_from(ProcessedEvent))

    slack.channel_message("Sorry, I can't make 2 December", channel=OTHER_CHANNEL)
    slack.channel_message("anyone for lunch?", user=STRANGER, channel=OTHER_CHANNEL)

    assert slack.fake.calls == []
    assert _identity(slack, WALKER) is None  # not even matched by email
    with slack.db.factory() as session:
        assert session.scalar(select(func.count()).select_from(ProcessedEvent)) == events_before


def test_a_mention_is_answered_once_although_slack_also_sends_it_as_a_message(
    slack: Slack, seeded: Seeded
) -> None:
    slack.channel_message("<@UBOARDCLERK> when is the next meeting?")
    slack.mention("when is the next meeting?")

    assert len(slack.fake.replies()) == 1
