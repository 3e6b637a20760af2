"""The one shape of a running chat platform, and of an entry in the registry (``bot.platforms``).

A chat adapter is a folder (``bot/slack``, ``bot/discord``, ``bot/teams``) whose
``__init__`` exposes ``PLATFORM``: its name, whether the settings configure it,
and ``start``, which returns a ``ChatAdapter``. ``run`` needs nothing else:
the adapter's notifier joins the fan-out, its health joins ``/healthz``, its
web routes (if any) join the one web server, and ``stop`` ends it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # an adapter's ``__init__`` imports this; it stays cheap
    from aiohttp import web
    from sqlalchemy.orm import Session, sessionmaker

    from bot.platform_health import PlatformHealth
    from bot.settings import Settings
    from handlers.pipeline import Pipeline
    from schedules.notify import Notifier


class ChatAdapter(Protocol):
    """A started chat platform, as ``run`` sees it."""

    @property
    def notifier(self) -> Notifier:
        """Reminders and notices to this platform's members and channels."""
        ...

    @property
    def health(self) -> PlatformHealth:
        """Its connection state, for ``/healthz`` (``name`` and ``mode`` label it in ``run``)."""
        ...

    def web_routes(self, app: web.Application) -> None:
        """Adds its webhook routes to the one web server (nothing when it needs none)."""

    def stop(self) -> None:
        """Disconnects and ends its threads; called once, at shutdown."""


class Start(Protocol):
    """Starts the platform; ``notices`` delivers a reply's notices on every platform."""

    def __call__(
        self,
        settings: Settings,
        factory: sessionmaker[Session],
        pipeline: Pipeline,
        *,
        notices: Notifier,
    ) -> ChatAdapter: ...


@dataclass(frozen=True)
class Platform:
    """One registry entry; ``start`` imports the platform's SDK only when it is configured."""

    name: str
    configured: Callable[[Settings], bool]
    start: Start
