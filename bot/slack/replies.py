"""Where a reply goes in Slack, and how.

A reply ``for_asker_only`` reaches a shared channel only as an ephemeral
message (seen by the asker alone). A slash command answers through its
``response_url``; a direct message or mention through the Web API; a button
click updates the message that carried it when that message was the
clicker's own, and otherwise adds a new one.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from bot.slack.blocks import fallback_text, to_blocks
from handlers.messages import Reply
from handlers.pipeline import FAILURE_TEXT

log = logging.getLogger(__name__)

FAILURE = Reply(text=FAILURE_TEXT, intent="error", private=True)


def to_command(respond: Respond, reply: Reply) -> None:
    """A slash command's answer: ephemeral when for the asker only, else in the conversation."""
    respond(
        text=fallback_text(reply),
        blocks=to_blocks(reply),
        response_type="ephemeral" if reply.for_asker_only else "in_channel",
    )


def to_event(client: WebClient, event: Mapping[str, Any], reply: Reply, *, direct: bool) -> None:
    """A DM is answered in the DM; a mention in its thread, ephemerally if for the asker only."""
    channel = str(event["channel"])
    thread_ts = event.get("thread_ts") if direct else (event.get("thread_ts") or event.get("ts"))
    text, blocks = fallback_text(reply), to_blocks(reply)
    if not direct and reply.for_asker_only:
        client.chat_postEphemeral(
            channel=channel, user=str(event["user"]), text=text, blocks=blocks, thread_ts=thread_ts
        )
    else:
        client.chat_postMessage(channel=channel, text=text, blocks=blocks, thread_ts=thread_ts)


def to_action(
    respond: Respond,
    client: WebClient,
    body: Mapping[str, Any],
    reply: Reply,
    *,
    channel_id: str | None,
    direct: bool,
) -> None:
    """A click's answer replaces the clicker's own message; in a shared one it is added."""
    text, blocks = fallback_text(reply), to_blocks(reply)
    own_message = direct or bool((body.get("container") or {}).get("is_ephemeral"))
    if respond.response_url:
        if own_message:
            respond(text=text, blocks=blocks, replace_original=True)
        else:
            respond(
                text=text,
                blocks=blocks,
                replace_original=False,
                response_type="ephemeral" if reply.for_asker_only else "in_channel",
            )
        return
    if channel_id is None:
        log.warning("no way to answer a click from %s", body.get("user"))
        return
    if reply.for_asker_only and not direct:
        client.chat_postEphemeral(
            channel=channel_id, user=str(body["user"]["id"]), text=text, blocks=blocks
        )
    else:
        client.chat_postMessage(channel=channel_id, text=text, blocks=blocks)
