"""``/calendar`` in Slack: the personal link goes only to the member, even in a channel."""

from __future__ import annotations

import re

from tests.bot.slack.conftest import BOARD_CHANNEL, WALKER, Slack


def test_calendar_in_a_channel_answers_only_the_member_with_both_links(slack: Slack) -> None:
    slack.command("calendar", user=WALKER, channel=BOARD_CHANNEL)

    [answer] = slack.fake.called("respond")
    shown = answer.block_text()
    assert answer.params["response_type"] == "ephemeral"
    assert re.search(r"/calendar/me/[A-Za-z0-9_-]{43}\.ics", shown)
    assert "/calendar/corporate-parenting-board.ics" in shown
