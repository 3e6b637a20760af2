"""Reminders and notices sent outside a conversation: a member's DM or a board's channels."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.slack.blocks import fallback_text, to_blocks
from handlers.messages import Reply
from schedules.notify import Target
from storage.db import transaction
from storage.models import BoardChannel, ChatIdentity

log = logging.getLogger(__name__)


class SlackNotifier:
    """``Notifier`` for Slack; False when the target has no Slack identity or channel.

    A Slack API failure is logged and reported as not delivered, so the
    scheduler can record it rather than crash.
    """

    def __init__(self, factory: sessionmaker[Session], client: WebClient) -> None:
        self.factory = factory
        self.client = client

    def deliver(self, target: Target, reply: Reply) -> bool:
        if target.kind == "member" and target.member_id is not None:
            return any(self._direct(user_id, reply) for user_id in self._users(target.member_id))
        if target.kind == "board-channel" and target.board_id is not None:
            results = [self._post(channel, reply) for channel in self._channels(target.board_id)]
            return any(results)
        return False

    def _users(self, member_id: int) -> list[str]:
        with transaction(self.factory) as session:
            return list(
                session.scalars(
                    select(ChatIdentity.user_id).where(
                        ChatIdentity.member_id == member_id, ChatIdentity.platform == "slack"
                    )
                )
            )

    def _channels(self, board_id: int) -> list[str]:
        with transaction(self.factory) as session:
            return list(
                session.scalars(
                    select(BoardChannel.channel_id).where(
                        BoardChannel.board_id == board_id, BoardChannel.platform == "slack"
                    )
                )
            )

    def _direct(self, user_id: str, reply: Reply) -> bool:
        try:
            opened = self.client.conversations_open(users=user_id)
        except SlackApiError as exc:
            log.warning("cannot open a DM with %s: %s", user_id, exc.response.get("error"))
            return False
        channel = (opened.get("channel") or {}).get("id")
        return bool(channel) and self._post(str(channel), reply)

    def _post(self, channel: str, reply: Reply) -> bool:
        try:
            self.client.chat_postMessage(
                channel=channel, text=fallback_text(reply), blocks=to_blocks(reply)
            )
        except SlackApiError as exc:
            log.warning("cannot post to %s: %s", channel, exc.response.get("error"))
            return False
        return True
