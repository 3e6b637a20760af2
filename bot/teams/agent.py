"""The Teams turn: a message or card submit through the one pipeline, answered as a card.

Database work (the pipeline, references) runs in a worker thread so the web
server's event loop keeps serving other requests while a question is answered.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from microsoft_agents.activity import Activity, Attachment
from microsoft_agents.hosting.core import ActivityHandler, MessageFactory, TurnContext
from sqlalchemy.orm import Session, sessionmaker

from bot.teams.cards import CARD_CONTENT_TYPE, to_card
from bot.teams.translate import channel_id, from_activity, is_personal, person_id
from handlers.clock import Clock
from handlers.messages import Reply
from handlers.pipeline import Pipeline
from schedules.notify import Notifier, deliver_notices
from storage.conversations import remember
from storage.db import transaction

log = logging.getLogger(__name__)

PRIVATE_IN_CHANNEL = (
    "That answer is for you alone, so I don't post it here: "
    "send me the same question in a personal chat."
)
# How long a person's email from the Teams members API is trusted before asking again.
EMAIL_TTL_SECONDS = 600.0


def card_activity(reply: Reply) -> Activity:
    """The reply as one message carrying its Adaptive Card."""
    attachment = Attachment(content_type=CARD_CONTENT_TYPE, content=to_card(reply))
    activity: Activity = MessageFactory.attachment(attachment)
    return activity


def reference_json(activity: Activity, *, channel: str | None = None) -> dict[str, Any]:
    """The activity's conversation reference, addressed to the channel itself when given."""
    reference = activity.get_conversation_reference().model_dump(
        mode="json", by_alias=True, exclude_none=True
    )
    reference.pop("activityId", None)
    if channel is not None:
        reference["conversation"]["id"] = channel
    return reference


class TeamsAgent(ActivityHandler):
    """Board Clerk as an ``ActivityHandler``: personal chats, group chats and channels."""

    def __init__(
        self,
        pipeline: Pipeline,
        factory: sessionmaker[Session],
        notices: Notifier,
        clock: Clock,
    ) -> None:
        super().__init__()
        self.pipeline = pipeline
        self.factory = factory
        self.notices = notices
        self.clock = clock
        self._emails: dict[str, tuple[float, str | None]] = {}

    async def on_message_activity(self, turn_context: TurnContext) -> None:  # type: ignore[override]
        activity = turn_context.activity
        await asyncio.to_thread(self._remember, activity)
        message = from_activity(activity, self.clock(), email=await self._email(turn_context))
        if not message.text and message.button is None:
            return
        reply = await asyncio.to_thread(self.pipeline.handle, message)
        if message.is_direct or not reply.for_asker_only:
            await turn_context.send_activity(card_activity(reply))
        else:
            await turn_context.send_activity(MessageFactory.text(PRIVATE_IN_CHANNEL))
        if reply.notices:  # after the reply; never raises, so no apology follows an answer
            await asyncio.to_thread(deliver_notices, self.notices, reply)

    async def on_installation_update_add(self, turn_context: TurnContext) -> None:  # type: ignore[override]
        await asyncio.to_thread(self._remember, turn_context.activity)

    async def on_members_added_activity(  # type: ignore[override]
        self, members_added: list[Any], turn_context: TurnContext
    ) -> None:
        await asyncio.to_thread(self._remember, turn_context.activity)

    def _remember(self, activity: Activity) -> None:
        """Keep where this person, or this channel, can be reached later."""
        with transaction(self.factory) as session:
            if is_personal(activity):
                key = person_id(activity)
                if key:
                    remember(session, "teams", "user", key, reference_json(activity))
            else:
                channel = channel_id(activity)
                if channel:
                    reference = reference_json(activity, channel=channel)
                    remember(session, "teams", "channel", channel, reference)

    async def _email(self, turn_context: TurnContext) -> str | None:
        """The sender's email (or UPN) from the Teams members API, cached for a while.

        It is how a Teams user is matched to a member the clerk added by email;
        a failed lookup just leaves the person unknown.
        """
        activity = turn_context.activity
        sender, conversation = activity.from_property, activity.conversation
        if sender is None or conversation is None or not sender.id:
            return None
        cached = self._emails.get(sender.id)
        if cached is not None and time.monotonic() - cached[0] < EMAIL_TTL_SECONDS:
            return cached[1]
        client: Any = turn_context.turn_state.get("ConnectorClient")
        email: str | None = None
        try:
            account = await client.get_conversation_member(conversation.id, sender.id)
            found = account.email or account.user_principal_name
            email = found.strip().lower() if found else None
        except Exception as exc:
            log.warning("Teams members lookup failed for %s: %s", sender.id, exc)
        self._emails[sender.id] = (time.monotonic(), email)
        return email
