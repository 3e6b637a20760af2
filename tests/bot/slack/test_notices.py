"""A reply's notices (the clerks told of an apology) go after the answer, each on its own.

One clerk whose Slack cannot be reached (the connection drops) costs one log
line: the other clerk still hears, and the member who apologised sees their
answer and nothing else (never "something went wrong" after it).
"""

from __future__ import annotations

import logging

import pytest

from handlers.pipeline import FAILURE_TEXT
from storage.db import transaction
from storage.models import BoardRole, ChatIdentity, Member, Role
from tests.bot.slack.conftest import BOARD_CHANNEL, CLERK, Seeded, Slack

SECOND_CLERK = "UCLERK2"


def add_second_clerk(slack: Slack, seeded: Seeded) -> None:
    with transaction(slack.db.factory) as session:
        clerk = Member(name="Sam Deputy", match_key="sam deputy")
        clerk.roles.append(BoardRole(board_id=seeded.board_id, role=Role.CLERK))
        clerk.identities.append(ChatIdentity(platform="slack", user_id=SECOND_CLERK))
        session.add(clerk)


def test_a_notice_that_fails_does_not_stop_the_next_or_bring_an_apology(
    slack: Slack, seeded: Seeded, caplog: pytest.LogCaptureFixture
) -> None:
    add_second_clerk(slack, seeded)
    slack.fake.unreachable.add(CLERK)

    with caplog.at_level(logging.WARNING):
        slack.command("apologies", "2 December, hospital appointment", channel=BOARD_CHANNEL)

    [answer] = slack.fake.called("respond")
    assert "2 December" in answer.text + answer.block_text()
    assert FAILURE_TEXT not in answer.text
    assert slack.fake.called("conversations.open (dropped)")
    [notice] = slack.fake.called("chat.postMessage")
    assert notice.params["channel"] == "D" + SECOND_CLERK.removeprefix("U")
    [failed] = [r for r in caplog.records if CLERK in r.getMessage()]
    assert failed.getMessage().startswith("slack: member ")
    assert "\n" not in failed.getMessage() and failed.exc_info is None
