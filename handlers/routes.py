"""The routes Board Clerk answers with; each capability registers its own."""

from __future__ import annotations

from handlers import actions, apologies, channels, conversation
from handlers.router import Router


def default_router() -> Router:
    router = Router()
    # Each capability module adds its routes here with its own ``register(router)``.
    actions.register(router)
    apologies.register(router)
    channels.register(router)
    conversation.register(router)
    return router
