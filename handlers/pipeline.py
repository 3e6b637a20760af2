"""One message in, one reply out: identity, routing and the message's one transaction."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session, sessionmaker

from handlers.identity import resolve
from handlers.messages import IncomingMessage, Reply
from handlers.router import IGNORED, Context, Router
from handlers.scope import PUBLIC_FOOTER
from storage import channels
from storage.db import transaction
from storage.models import Board
from storage.public_record import public_record_only
from storage.queries import find_board

log = logging.getLogger(__name__)

FAILURE_TEXT = (
    "Sorry, something went wrong while answering that. The clerk's logs have the details."
)


class Pipeline:
    """The same pipeline serves Slack, Discord, Teams and the console."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        router: Router | None = None,
        *,
        public_url: str | None = None,
    ) -> None:
        if router is None:
            from handlers.calendar.links import FeedLinks
            from handlers.routes import default_router

            router = default_router(FeedLinks(public_url))
        self.factory = factory
        self.router = router

    def handle(self, message: IncomingMessage) -> Reply:
        """Answer ``message``; everything it changes is committed together or not at all.

        A failure inside a handler is logged and answered with a short apology;
        it never reaches the adapter as an exception.
        """
        try:
            with transaction(self.factory) as session:
                asker = resolve(session, message)
                if asker.is_public:
                    public_record_only(session)
                context = Context(
                    session=session,
                    message=message,
                    asker=asker,
                    channel_board=_channel_board(session, message),
                )
                reply = self.router.route_for(context)(context)
                if asker.is_public and reply.intent != IGNORED:
                    reply.footer = PUBLIC_FOOTER
                return reply
        except Exception:
            log.exception(
                "handler failed for %s message from %s", message.platform, message.user_id
            )
            return Reply(text=FAILURE_TEXT, intent="error")


def _channel_board(session: Session, message: IncomingMessage) -> Board | None:
    """The board the message is about by where it was said (or which board the console named)."""
    if message.board is not None:
        return find_board(session, message.board)
    if message.channel_id is None or message.is_direct:
        return None
    return channels.board_of_channel(session, message.platform, message.channel_id)
