"""Slack payloads become platform-neutral messages; ``now`` is the adapter's clock."""

from __future__ import annotations

import datetime as dt

from bot.slack.translate import SlackUser, from_command, from_event, strip_mentions

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
WALKER = SlackUser(email="j.walker@council.example.gov.uk", display_name="Jim")


def test_a_slash_command_names_its_command_without_the_slash() -> None:
    message = from_command(
        {
            "command": "/next-meeting",
            "text": " CPB ",
            "user_id": "U1",
            "channel_id": "C1",
            "channel_name": "board",
        },
        WALKER,
        NOW,
    )

    assert (message.command, message.text, message.is_direct) == ("next-meeting", "CPB", False)
    assert (message.platform, message.user_id, message.channel_id) == ("slack", "U1", "C1")
    assert message.email == "j.walker@council.example.gov.uk"
    assert message.now == NOW


def test_a_mention_loses_the_bots_mention_but_keeps_other_people() -> None:
    assert (
        strip_mentions("<@UBOT> did <@U2> send apologies?", "UBOT") == "did <@U2> send apologies?"
    )
    assert strip_mentions("<@UBOT|boardclerk>   next meeting", "UBOT") == "next meeting"
    assert strip_mentions("<@UBOT> next meeting", None) == "next meeting"


def test_a_mention_event_is_not_direct_and_is_marked_as_mentioned() -> None:
    message = from_event(
        {"type": "app_mention", "user": "U1", "channel": "C1", "text": "<@UBOT> agenda"},
        WALKER,
        NOW,
        "UBOT",
    )

    assert (message.text, message.is_direct, message.mentioned) == ("agenda", False, True)


def test_a_message_in_the_bots_dm_is_direct() -> None:
    message = from_event(
        {"type": "message", "channel_type": "im", "user": "U1", "channel": "D1", "text": "hi"},
        SlackUser(),
        NOW,
        "UBOT",
    )

    assert message.is_direct and not message.mentioned
    assert message.email is None
