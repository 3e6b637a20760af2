"""Reminders and notices in Slack: a member's DM or a board's linked channel.

Each goes through the token of the workspace the user or channel belongs to.
Looking up destinations and containing failures is ``PlatformNotifier``'s work.
"""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session, sessionmaker

from bot.slack.blocks import fallback_text, to_blocks
from bot.slack.workspaces import Workspaces
from handlers.messages import Reply
from schedules.notify import Destination, PlatformNotifier, Undeliverable


class SlackNotifier(PlatformNotifier):
    """``Notifier`` for Slack; a Slack API refusal is one logged line, not a crash."""

    platform = "slack"

    def __init__(self, factory: sessionmaker[Session], workspaces: Workspaces) -> None:
        super().__init__(factory)
        self.workspaces = workspaces

    def send(self, destination: Destination, reply: Reply) -> None:
        client = self.workspaces.client(destination.team_id)
        if client is None:
            raise Undeliverable(f"no Slack token for workspace {destination.team_id or 'unknown'}")
        try:
            channel = destination.id
            if destination.kind == "member":
                channel = self._direct_channel(client, destination.id)
            client.chat_postMessage(
                channel=channel, text=fallback_text(reply), blocks=to_blocks(reply)
            )
        except SlackApiError as exc:
            raise Undeliverable(f"Slack said {exc.response.get('error')}") from exc

    def _direct_channel(self, client: WebClient, user_id: str) -> str:
        opened = client.conversations_open(users=user_id)
        channel = (opened.get("channel") or {}).get("id")
        if not channel:
            raise Undeliverable("Slack opened no DM channel")
        return str(channel)
