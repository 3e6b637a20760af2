"""The routes Board Clerk answers with; each capability registers its own."""

from __future__ import annotations

from handlers import actions, agenda, apologies, ask, channels, next_meeting, usage
from handlers.calendar import chat as calendar_chat
from handlers.calendar.links import FeedLinks
from handlers.router import Router


def default_router(links: FeedLinks | None = None) -> Router:
    """``links`` says where the calendar feeds are served (BOARDCLERK_PUBLIC_URL)."""
    router = Router()
    # Each capability module adds its routes here with its own ``register(router)``.
    actions.register(router)
    apologies.register(router)
    channels.register(router)
    for module in (next_meeting, agenda, usage, ask):  # ask last: it is the fallback
        module.register(router)
    calendar_chat.register(router, links or FeedLinks())
    return router
