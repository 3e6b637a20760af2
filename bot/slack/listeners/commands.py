"""Slash commands: acknowledged at once, answered by a lazy listener through ``respond``."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.slack import replies
from bot.slack.services import SlackServices
from bot.slack.translate import from_command
from handlers.commands import COMMANDS as CHAT_COMMANDS

log = logging.getLogger(__name__)

# The one command catalogue (the manifest declares the same); each is the pipeline's ``command``.
COMMANDS = tuple(spec.name for spec in CHAT_COMMANDS)


def acknowledge(ack: Ack) -> None:
    """Slack wants an answer within 3 seconds; the real one follows from the lazy listener."""
    ack()


class CommandListener:
    def __init__(self, services: SlackServices) -> None:
        self.services = services

    def answer_command(self, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        try:
            if not self.services.first_delivery(body):
                return
            user = self.services.users.lookup(client, str(body["user_id"]))
            message = from_command(body, user, self.services.clock())
            reply = self.services.answer(message)
            replies.to_command(respond, reply)
        except Exception:
            log.exception("Slack command %s failed", body.get("command"))
            _apologise(respond)
            return
        # After the reply: whatever happens to the notices, the asker has their answer.
        self.services.send_notices(reply)


def _apologise(respond: Respond) -> None:
    try:
        replies.to_command(respond, replies.FAILURE)
    except Exception:
        log.exception("could not even apologise")


def register(app: App, services: SlackServices) -> None:
    listener = CommandListener(services)
    for name in COMMANDS:
        app.command(f"/{name}")(ack=acknowledge, lazy=[listener.answer_command])
