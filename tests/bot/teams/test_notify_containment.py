"""Notices and reminders fan out over every platform; one that cannot be reached stops none.

Slack here is a local port nobody listens on (every request is refused), so a
member or clerk on both Slack and Teams still hears on Teams, the failure is
one log line, and a Teams member's answer is never followed by an apology.
"""

from __future__ import annotations

import asyncio
import logging
import socket

import pytest
from sqlalchemy import select

from bot.slack.app import build_client
from bot.slack.notifier import SlackNotifier
from bot.slack.workspaces import Workspaces
from handlers.messages import Reply
from handlers.pipeline import FAILURE_TEXT
from schedules.notify import FanOutNotifier, Target
from storage.db import transaction
from storage.models import ChatIdentity, Member
from tests.bot.teams.conftest import Teams, anonymous_settings

REMINDER = Reply(text="Corporate Parenting Board meets on Wed 2 December, 3.00pm.", intent="r")


def unreachable_slack(teams: Teams) -> SlackNotifier:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = anonymous_settings(teams.db.url).model_copy(
        update={"slack_api_url": f"http://127.0.0.1:{port}/api/"}
    )
    return SlackNotifier(teams.db.factory, Workspaces(build_client(settings, "xoxb-test")))


def on_slack_too(teams: Teams, name: str) -> int:
    with transaction(teams.db.factory) as session:
        member = session.scalars(select(Member).where(Member.name == name)).one()
        member.identities.append(ChatIdentity(platform="slack", user_id=f"U{member.id}"))
        return member.id


def slack_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.getMessage().startswith("slack: ")]


async def test_a_platform_that_cannot_be_reached_does_not_stop_the_next(
    teams: Teams, caplog: pytest.LogCaptureFixture
) -> None:
    walker = on_slack_too(teams, "Councillor J Walker")
    await teams.post(teams.activity("hello"))  # Teams keeps Walker's chat
    teams.connector.posted.clear()
    fan_out = FanOutNotifier([unreachable_slack(teams), teams.runtime.notifier])

    with caplog.at_level(logging.WARNING):
        delivered = await asyncio.to_thread(fan_out.deliver, Target.member(walker), REMINDER)

    assert delivered is True
    [sent] = teams.connector.posted
    assert "meets on Wed 2 December" in sent.card_text()
    [line] = slack_lines(caplog)
    assert f"member {walker} not delivered" in line.getMessage()
    assert "\n" not in line.getMessage() and line.exc_info is None


async def test_an_answer_is_not_followed_by_an_apology_when_a_notice_fails(
    teams: Teams, caplog: pytest.LogCaptureFixture
) -> None:
    # The clerk (Jo Bell) is on Slack only, and Slack is down: the notice fails.
    on_slack_too(teams, "Jo Bell")
    teams.runtime.agent.notices = FanOutNotifier([unreachable_slack(teams), teams.runtime.notifier])

    with caplog.at_level(logging.WARNING):
        await teams.post(teams.activity("apologies for 2 December, hospital appointment"))

    [answer] = teams.connector.posted
    assert "2 December" in answer.card_text()
    assert all(FAILURE_TEXT not in str(p.activity) for p in teams.connector.posted)
    assert len(slack_lines(caplog)) == 1
