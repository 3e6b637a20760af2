"""Routes a message to the one handler that should answer it.

A slash command goes to the route that owns it; a button press to the route
that owns its action id's prefix ("apology-undo:..." → the apologies route);
plain words are offered to each route in order of priority, and whatever no
route claims is a question about the record (the ``ask`` route).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from handlers.identity import Asker
from handlers.messages import IncomingMessage, Reply
from storage.models import Board


@dataclass
class Context:
    """Everything a handler needs for one message, inside its one transaction."""

    session: Session
    message: IncomingMessage
    asker: Asker
    # The board linked to the channel the message came from, if any.
    channel_board: Board | None = None

    @property
    def text(self) -> str:
        return self.message.text.strip()


IGNORED = "ignored"

Handler = Callable[[Context], Reply]
Recogniser = Callable[[Context], bool]


@dataclass
class Route:
    """One capability: its intent name, its slash commands, and how it recognises plain words.

    Lower ``priority`` is tried first, so a narrow recogniser (apologies) can
    claim "sorry, can't make Wednesday" before a broad one.
    """

    intent: str
    handle: Handler
    commands: tuple[str, ...] = ()
    recognises: Recogniser | None = None
    priority: int = 100
    button_prefixes: tuple[str, ...] = ()
    # Whether it listens to plain words in a board's channel that don't mention the bot
    # (apologies do: "sorry, can't make Wednesday" is said to the board, not to the bot).
    hears_unaddressed: bool = False


@dataclass
class Router:
    routes: list[Route] = field(default_factory=list)
    fallback: Handler | None = None

    def add(self, route: Route) -> None:
        self.routes.append(route)
        self.routes.sort(key=lambda r: r.priority)

    def route_for(self, context: Context) -> Handler:
        message = context.message
        if message.button is not None:
            prefix = message.button.action_id.split(":", 1)[0]
            for route in self.routes:
                if prefix in route.button_prefixes:
                    return route.handle
        elif message.command is not None:
            name = message.command.lstrip("/").lower()
            for route in self.routes:
                if name in route.commands:
                    return route.handle
        elif not (message.is_direct or message.mentioned):
            # Channel chatter: only a board's channel, only routes that listen there.
            if context.channel_board is None:
                return _ignored
            for route in self.routes:
                if route.hears_unaddressed and route.recognises and route.recognises(context):
                    return route.handle
            return _ignored
        else:
            for route in self.routes:
                if route.recognises is not None and route.recognises(context):
                    return route.handle
        if self.fallback is None:
            return _unknown
        return self.fallback


def _ignored(context: Context) -> Reply:
    """Said in a channel, not to Board Clerk: adapters send nothing for this intent."""
    return Reply(text="", intent=IGNORED)


def _unknown(context: Context) -> Reply:
    return Reply(text="Sorry, I don't know how to help with that. Try /help.", intent="unknown")
