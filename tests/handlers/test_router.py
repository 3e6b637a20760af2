"""Routing: commands, buttons and plain words; channel chatter reaches only routes that listen."""

from __future__ import annotations

import datetime as dt

import pytest

from handlers.identity import Asker
from handlers.messages import ButtonPress, IncomingMessage, Reply
from handlers.router import IGNORED, Context, Route, Router
from storage.models import Board

NOW = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)


def _answer(intent: str) -> Route:
    return Route(intent=intent, handle=lambda _ctx: Reply(text=intent, intent=intent))


@pytest.fixture
def router() -> Router:
    router = Router()
    apologies = _answer("apologies")
    apologies.commands = ("apologies",)
    apologies.recognises = lambda ctx: "can't make" in ctx.text
    apologies.priority = 10
    apologies.hears_unaddressed = True
    apologies.button_prefixes = ("apology-undo",)
    agenda = _answer("agenda")
    agenda.recognises = lambda ctx: "agenda" in ctx.text
    router.add(agenda)
    router.add(apologies)
    router.fallback = _answer("ask").handle
    return router


def intent_of(router: Router, message: IncomingMessage, board: Board | None = None) -> str:
    context = Context(session=None, message=message, asker=Asker(member=None), channel_board=board)  # type: ignore[arg-type]
    return router.route_for(context)(context).intent


def said(text: str, **kwargs: object) -> IncomingMessage:
    return IncomingMessage(platform="slack", user_id="U1", text=text, now=NOW, **kwargs)  # type: ignore[arg-type]


def test_commands_buttons_and_direct_words_reach_their_routes(router: Router) -> None:
    assert intent_of(router, said("", command="apologies")) == "apologies"
    assert intent_of(router, said("", button=ButtonPress("apology-undo:4", "4"))) == "apologies"
    assert intent_of(router, said("what's on the agenda?")) == "agenda"
    assert intent_of(router, said("sorry, I can't make Wednesday")) == "apologies"
    assert intent_of(router, said("what did we agree on sufficiency?")) == "ask"


def test_channel_words_without_a_mention_reach_only_routes_that_listen_there(
    router: Router,
) -> None:
    board = Board(name="Corporate Parenting Board")
    channel = {"is_direct": False, "channel_id": "C1"}

    assert intent_of(router, said("I can't make Wednesday", **channel), board) == "apologies"
    assert intent_of(router, said("what's on the agenda?", **channel), board) == IGNORED
    assert intent_of(router, said("what did we agree?", **channel), board) == IGNORED
    # A channel linked to no board hears nothing at all.
    assert intent_of(router, said("I can't make Wednesday", **channel)) == IGNORED
    # Mentioned, the bot answers as in a DM.
    assert intent_of(router, said("what's on the agenda?", mentioned=True, **channel)) == "agenda"
