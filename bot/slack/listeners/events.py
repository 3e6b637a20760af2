"""Direct messages and mentions: Events API deliveries are acknowledged by bolt before these run."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.slack import replies
from bot.slack.services import SlackServices
from bot.slack.translate import from_event, is_conversation_event, mentions, team_of
from handlers.router import IGNORED

log = logging.getLogger(__name__)


class EventListener:
    def __init__(self, services: SlackServices) -> None:
        self.services = services

    def answer_mention(
        self, body: dict[str, Any], event: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        self._answer(body, event, client, context, direct=False)

    def answer_message(
        self, body: dict[str, Any], event: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        """A DM, or words said in a board's channel: the pipeline decides whether they concern
        it (an apology said to the board does); a mention arrives as ``app_mention`` too.
        Talk in a channel linked to no board is dropped before any lookup or API call."""
        if event.get("channel_type") == "im":
            self._answer(body, event, client, context, direct=True)
        elif not mentions(
            str(event.get("text") or ""), context.bot_user_id
        ) and self.services.is_board_channel(event.get("channel")):
            self._answer(body, event, client, context, direct=False)

    def _answer(
        self,
        body: dict[str, Any],
        event: dict[str, Any],
        client: WebClient,
        context: BoltContext,
        *,
        direct: bool,
    ) -> None:
        if not is_conversation_event(event):
            return
        try:
            if not self.services.first_delivery(body):
                return
            user = self.services.users.lookup(client, str(event["user"]))
            message = from_event(
                event, user, self.services.clock(), context.bot_user_id, team_of(body)
            )
            reply = self.services.answer(message)
            if reply.intent == IGNORED:
                return
            replies.to_event(client, event, reply, direct=direct)
        except Exception:
            log.exception("Slack %s event failed", event.get("type"))
            try:
                replies.to_event(client, event, replies.FAILURE, direct=direct)
            except Exception:
                log.exception("could not even apologise")
            return
        # After the reply: whatever happens to the notices, the asker has their answer.
        self.services.send_notices(reply)


def register(app: App, services: SlackServices) -> None:
    listener = EventListener(services)
    app.event("app_mention")(listener.answer_mention)
    app.event("message")(listener.answer_message)
