"""The conversation routes of issue 4: next meeting, agenda, help and the record (fallback)."""

from __future__ import annotations

from handlers import agenda, ask, help, next_meeting
from handlers.router import Router


def register(router: Router) -> None:
    for module in (next_meeting, agenda, help, ask):
        module.register(router)
