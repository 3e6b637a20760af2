"""Reminders and notices sent outside a conversation: a member's DM or a board's channels.

Each goes through the token of the workspace the identity or channel belongs to.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.slack.blocks import fallback_text, to_blocks
from bot.slack.workspaces import Workspaces
from handlers.messages import Reply
from schedules.notify import Target
from storage import channels
from storage.db import transaction
from storage.models import ChatIdentity

log = logging.getLogger(__name__)


class SlackNotifier:
    """``Notifier`` for Slack; False when the target has no Slack identity or channel.

    A Slack API failure is logged and reported as not delivered, so the
    scheduler can record it rather than crash.
    """

    def __init__(self, factory: sessionmaker[Session], workspaces: Workspaces) -> None:
        self.factory = factory
        self.workspaces = workspaces

    def deliver(self, target: Target, reply: Reply) -> bool:
        if target.kind == "member" and target.member_id is not None:
            return any(
                self._direct(client, user_id, reply)
                for user_id, client in self._reachable(self._users(target.member_id))
            )
        if target.kind == "board-channel" and target.board_id is not None:
            results = [
                self._post(client, channel, reply)
                for channel, client in self._reachable(self._channels(target.board_id))
            ]
            return any(results)
        return False

    def _reachable(self, found: list[tuple[str, str | None]]) -> list[tuple[str, WebClient]]:
        """Each user or channel id with its workspace's client; those with none are skipped."""
        reachable = []
        for ident, team_id in found:
            client = self.workspaces.client(team_id)
            if client is None:
                log.warning("no Slack token for %s (workspace %s)", ident, team_id or "unknown")
            else:
                reachable.append((ident, client))
        return reachable

    def _users(self, member_id: int) -> list[tuple[str, str | None]]:
        with transaction(self.factory) as session:
            rows = session.execute(
                select(ChatIdentity.user_id, ChatIdentity.team_id).where(
                    ChatIdentity.member_id == member_id, ChatIdentity.platform == "slack"
                )
            )
            return [(user_id, team_id) for user_id, team_id in rows]

    def _channels(self, board_id: int) -> list[tuple[str, str | None]]:
        """Each linked channel with the workspace it was linked in (its token's key)."""
        with transaction(self.factory) as session:
            return list(channels.channels_of_board(session, board_id, "slack"))

    def _direct(self, client: WebClient, user_id: str, reply: Reply) -> bool:
        try:
            opened = client.conversations_open(users=user_id)
        except SlackApiError as exc:
            log.warning("cannot open a DM with %s: %s", user_id, exc.response.get("error"))
            return False
        channel = (opened.get("channel") or {}).get("id")
        return bool(channel) and self._post(client, str(channel), reply)

    def _post(self, client: WebClient, channel: str, reply: Reply) -> bool:
        try:
            client.chat_postMessage(
                channel=channel, text=fallback_text(reply), blocks=to_blocks(reply)
            )
        except SlackApiError as exc:
            log.warning("cannot post to %s: %s", channel, exc.response.get("error"))
            return False
        return True
