"""Board Clerk's real ``/api/messages`` (the SDK's adapter and JWT check, our agent and
pipeline) on a local port, talking to a fake Bot Connector on another.

Activities are real Teams JSON: personal chats, channel messages with an
``<at>`` mention, Adaptive Card submits. Anonymous mode is the SDK's own
(``TEAMS_ALLOW_ANONYMOUS=1``): replies go to ``serviceUrl`` without a token,
so nothing ever leaves this machine.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import ClientResponse, ClientSession, web
from aiohttp.test_utils import TestServer

from bot.settings import Settings
from bot.teams.runtime import TeamsRuntime, start_teams
from handlers.pipeline import Pipeline
from schedules.notify import RecordingNotifier
from storage.db import transaction
from storage.models import ChatIdentity, Member
from tests.bot.teams.fake_connector import FakeConnector
from tests.conftest import Database
from tests.handlers.builders import NOW, Record, build

BOT = {"id": "28:boardclerk-bot", "name": "Board Clerk"}
TEAM_CHANNEL = "19:cpb-channel@thread.tacv2"
# Entra object ids of the people in the fictional record.
WALKER_AAD = "00000000-0000-0000-0000-00000000wa1k"
CARR_AAD = "00000000-0000-0000-0000-00000000ca44"
STRANGER_AAD = "00000000-0000-0000-0000-0000005t4a9e"


@dataclass
class Teams:
    server: TestServer
    connector: FakeConnector
    connector_server: TestServer
    connector_url: str
    runtime: TeamsRuntime
    db: Database
    record: Record
    notifier: RecordingNotifier
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def activity(
        self,
        text: str | None,
        *,
        user: str = WALKER_AAD,
        name: str = "Jo Walker",
        channel: bool = False,
        value: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """An activity as Teams posts it; in a channel the text carries Teams' ``<at>`` mention."""
        number = next(self._ids)
        sender = {"id": f"29:{user}", "name": name, "aadObjectId": user}
        activity: dict[str, Any] = {
            "type": "message",
            "id": f"activity-{number}",
            "channelId": "msteams",
            "serviceUrl": self.connector_url,
            "from": sender,
            "recipient": BOT,
            "conversation": {"id": f"a:personal-{user}", "conversationType": "personal"},
            "channelData": {"tenant": {"id": "tenant-1"}},
        }
        if channel:
            activity["conversation"] = {
                "id": f"{TEAM_CHANNEL};messageid={number}",
                "conversationType": "channel",
                "isGroup": True,
            }
            activity["channelData"] = {
                "tenant": {"id": "tenant-1"},
                "team": {"id": "19:team@thread.tacv2"},
                "channel": {"id": TEAM_CHANNEL},
            }
            activity["entities"] = [
                {"type": "mention", "text": "<at>Board Clerk</at>", "mentioned": BOT}
            ]
            text = f"<at>Board Clerk</at> {text}" if text is not None else None
        if text is not None:
            activity["text"] = text
        if value is not None:
            activity["value"] = value
        return activity

    async def connector_server_down(self) -> None:
        await self.connector_server.close()

    async def post(
        self, activity: dict[str, Any], headers: dict[str, str] | None = None
    ) -> ClientResponse:
        async with ClientSession() as session:
            response = await session.post(
                self.server.make_url("/api/messages"), json=activity, headers=headers
            )
            await response.read()
            return response


def link(db: Database, member_name: str, aad: str) -> None:
    from sqlalchemy import select

    with transaction(db.factory) as session:
        member = session.scalars(select(Member).where(Member.name == member_name)).one()
        member.identities.append(ChatIdentity(platform="teams", user_id=aad))


def anonymous_settings(database_url: str) -> Settings:
    values: dict[str, Any] = {"TEAMS_ALLOW_ANONYMOUS": True, "database_url": database_url}
    return Settings(_env_file=None, **values)


async def start(app: web.Application) -> TestServer:
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    return server


@pytest.fixture
async def teams(sqlite_db: Database) -> AsyncIterator[Teams]:
    record = build(sqlite_db.factory)
    link(sqlite_db, "Councillor J Walker", WALKER_AAD)
    connector = FakeConnector()
    connector_server = await start(connector.app())
    notifier = RecordingNotifier()
    runtime = start_teams(
        anonymous_settings(sqlite_db.url),
        sqlite_db.factory,
        Pipeline(sqlite_db.factory),
        notifier,
        clock=lambda: NOW,
    )
    app = web.Application()
    runtime.web_routes(app)
    server = await start(app)
    try:
        yield Teams(
            server=server,
            connector=connector,
            connector_server=connector_server,
            connector_url=str(connector_server.make_url("/")),
            runtime=runtime,
            db=sqlite_db,
            record=record,
            notifier=notifier,
        )
    finally:
        await server.close()
        await connector_server.close()
