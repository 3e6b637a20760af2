"""What every Slack listener shares: the pipeline, the clock, the user cache and the claims."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from sqlalchemy.orm import Session, sessionmaker

from bot.slack import dedupe
from bot.slack.notifier import SlackNotifier
from bot.slack.translate import Clock, UserDirectory, utc_clock
from handlers.messages import IncomingMessage, Reply
from handlers.pipeline import Pipeline
from schedules.notify import Notifier, Target

log = logging.getLogger(__name__)


@dataclass
class Services:
    """The listeners' collaborators; ``notices`` overrides where notices go (all platforms)."""

    pipeline: Pipeline
    factory: sessionmaker[Session]
    clock: Clock = utc_clock
    users: UserDirectory = field(default_factory=UserDirectory)
    notices: Notifier | None = None

    def first_delivery(self, body: Mapping[str, Any]) -> bool:
        """Claim this delivery; False means it was already acted on (a retry or duplicate)."""
        key = dedupe.delivery_key(body)
        if key is None:
            return True
        if dedupe.claim(self.factory, key, self.clock()):
            return True
        log.info("ignoring repeated Slack delivery %s", key)
        return False

    def answer(self, message: IncomingMessage) -> Reply:
        return self.pipeline.handle(message)

    def send_notices(self, reply: Reply, client: WebClient) -> None:
        """Tell other members (the clerk, of an apology) once the asker's reply is out."""
        notifier = self.notices or SlackNotifier(self.factory, client)
        for notice in reply.notices:
            if not notifier.deliver(Target.member(notice.member_id), notice.reply):
                log.info(
                    "notice for member %s not delivered: no reachable identity", notice.member_id
                )
