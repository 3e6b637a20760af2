"""Button clicks (undo an apology, mark an action done, choose a meeting) → the pipeline."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.slack import replies
from bot.slack.services import SlackServices
from bot.slack.translate import action_channel, from_action

log = logging.getLogger(__name__)

# Every button Board Clerk draws; the router picks the route by the prefix before ":".
ANY_ACTION = re.compile(r"^[a-z][a-z0-9-]*(:.*)?$")


def acknowledge(ack: Ack) -> None:
    ack()


class ActionListener:
    def __init__(self, services: SlackServices) -> None:
        self.services = services

    def answer_click(
        self, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        channel_id = action_channel(body)
        try:
            if not self.services.first_delivery(body):
                return
            user = self.services.users.lookup(client, str(body["user"]["id"]))
            message = from_action(body, action, user, self.services.clock())
            reply = self.services.answer(message)
            replies.to_action(
                respond, client, body, reply, channel_id=channel_id, direct=message.is_direct
            )
        except Exception:
            log.exception("Slack button %s failed", action.get("action_id"))
            try:
                replies.to_action(
                    respond, client, body, replies.FAILURE, channel_id=channel_id, direct=False
                )
            except Exception:
                log.exception("could not even apologise")
            return
        # After the reply: whatever happens to the notices, the asker has their answer.
        self.services.send_notices(reply)


def register(app: App, services: SlackServices) -> None:
    listener = ActionListener(services)
    app.action(ANY_ACTION)(ack=acknowledge, lazy=[listener.answer_click])
