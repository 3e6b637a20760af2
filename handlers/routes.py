"""The routes Board Clerk answers with; each capability registers its own."""

from __future__ import annotations

from handlers.router import Router


def default_router() -> Router:
    router = Router()
    # Each capability module adds its routes here with its own ``register(router)``.
    return router
