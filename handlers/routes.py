"""The routes Board Clerk answers with; each capability registers its own."""

from __future__ import annotations

from handlers import (
    actions,
    agenda,
    apologies,
    ask,
    channels,
    digest_choice,
    next_meeting,
    paper_topics,
    papers,
    usage,
)
from handlers.attendance import chat as attendance_chat
from handlers.calendar import chat as calendar_chat
from handlers.calendar.links import FeedLinks
from handlers.router import Router


def default_router(links: FeedLinks | None = None) -> Router:
    """``links`` says where the calendar feeds are served (BOARDCLERK_PUBLIC_URL)."""
    links = links or FeedLinks()
    router = Router()
    # Each capability module adds its routes here with its own ``register(router)``.
    actions.register(router)
    apologies.register(router)
    attendance_chat.register(router)
    channels.register(router, links)
    for module in (next_meeting, agenda, usage, ask):
        module.register(router)
    papers.register(router)
    digest_choice.register(router)
    paper_topics.register(router)
    calendar_chat.register(router, links)
    return router
