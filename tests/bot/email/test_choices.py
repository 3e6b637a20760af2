"""A member's choices: ``/boardclerk email on|off`` in chat, the clerk's commands, one-click unsubscribe."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from bot.web import email_routes
from handlers.messages import IncomingMessage
from handlers.pipeline import Pipeline
from schedules.config import ReminderConfig
from schedules.dispatch import Dispatcher
from storage.db import transaction
from storage.email import channel_for
from storage.models import ChatIdentity
from tests.bot.email.conftest import WALKER, Council
from tests.bot.web_server import Serve, serving
from tests.schedules.world import utc


@pytest.fixture
async def serve() -> AsyncIterator[Serve]:
    async for start in serving():
        yield start


def say(council: Council, text: str) -> str:
    message = IncomingMessage(
        platform="slack", user_id="U1", text=text, now=utc(2026, 11, 20), command="boardclerk"
    )
    return Pipeline(council.db.factory).handle(message).text


def test_email_on_and_off_in_chat(council: Council) -> None:
    with transaction(council.db.factory) as session:
        session.add(ChatIdentity(member_id=council.walker_id, platform="slack", user_id="U1"))
    assert "email you at j.walker@" in say(council, "email on")
    with transaction(council.db.factory) as session:
        assert channel_for(session, council.walker_id, "digests") == "both"
    assert "only message you here" in say(council, "email off")
    with transaction(council.db.factory) as session:
        assert channel_for(session, council.walker_id, "reminders") == "chat"
    assert "/boardclerk email on" in say(council, "email maybe")


async def test_one_click_unsubscribe_stops_that_kind_of_email(
    council: Council, serve: Serve
) -> None:
    Dispatcher(council.db.factory, council.fan_out, ReminderConfig()).run(utc(2026, 11, 25, 9))
    [message] = [m for r, m in council.relay.received if r == [WALKER]]
    link = message["List-Unsubscribe"].strip("<>")
    path = link.removeprefix("https://boardclerk.example.gov.uk")
    app = web.Application()
    email_routes.register(app, council.db.factory)
    client = await serve(app)
    shown = await client.get(path)
    assert shown.status == 200 and "Unsubscribe" in await shown.text()
    with transaction(council.db.factory) as session:
        assert channel_for(session, council.walker_id, "reminders") == "email"
    done = await client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert done.status == 200 and "no more reminders by email" in await done.text()
    assert (await client.post("/email/unsubscribe/" + "0" * 32)).status == 404
    council.relay.received.clear()
    Dispatcher(council.db.factory, council.fan_out, ReminderConfig()).run(utc(2026, 12, 1, 9))
    assert [r for r, _ in council.relay.received if r == [WALKER]] == []
