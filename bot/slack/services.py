"""What every Slack listener shares: the pipeline, the clock, the user cache and the claims."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from bot.slack import dedupe
from bot.slack.translate import UserDirectory
from handlers.clock import Clock, system_clock
from handlers.messages import IncomingMessage, Reply
from handlers.pipeline import Pipeline
from schedules.notify import Notifier, deliver_notices
from storage import channels

log = logging.getLogger(__name__)


@dataclass
class SlackServices:
    """The listeners' collaborators; ``notices`` delivers to other members (every platform)."""

    pipeline: Pipeline
    factory: sessionmaker[Session]
    notices: Notifier
    clock: Clock = system_clock
    users: UserDirectory = field(default_factory=UserDirectory)

    def first_delivery(self, body: Mapping[str, Any]) -> bool:
        """Claim this delivery; False means it was already acted on (a retry or duplicate)."""
        key = dedupe.delivery_key(body)
        if key is None:
            return True
        if dedupe.claim(self.factory, key, self.clock()):
            return True
        log.info("ignoring repeated Slack delivery %s", key)
        return False

    def is_board_channel(self, channel_id: str | None) -> bool:
        """Whether a board is linked to the channel; talk anywhere else is not ours to read."""
        if not channel_id:
            return False
        with self.factory() as session:
            return channels.link_of(session, "slack", channel_id) is not None

    def answer(self, message: IncomingMessage) -> Reply:
        return self.pipeline.handle(message)

    def send_notices(self, reply: Reply) -> None:
        """Tell other members (the clerk, of an apology) once the asker's reply is out,
        each through their own workspace and platform; never raises."""
        deliver_notices(self.notices, reply)
