"""A seeded board and a dpytest-driven Board Clerk client for the Discord adapter's tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import discord.ext.test as dpytest
import pytest

from bot.discord.client import BoardClerkClient, board_clerk_intents
from bot.discord.notifier import DiscordNotifier
from bot.discord.respond import Responder
from handlers.pipeline import Pipeline
from handlers.router import Router
from storage.db import transaction
from storage.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Board,
    BoardChannel,
    BoardRole,
    ChatIdentity,
    Decision,
    DecisionKind,
    Meeting,
    MeetingStatus,
    Member,
    MinutesStatus,
    Role,
)
from tests.bot.discord.harness import DiscordHarness, start
from tests.conftest import Database

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)


@dataclass
class Seeded:
    board_id: int
    alice_id: int
    clerk_id: int
    meeting_id: int
    action_id: int


def seed(database: Database, alice_discord_id: int, clerk_discord_id: int) -> Seeded:
    """The Corporate Parenting Board: Alice and its clerk Jo (both linked to Discord), a
    meeting held in September with a resolution, the next meeting, and Alice's open action.
    """
    with transaction(database.factory) as session:
        board = Board(name="Corporate Parenting Board", short_name="CPB", aliases=[])
        alice = Member(name="Councillor Alice Walker", match_key="alice walker")
        clerk = Member(name="Jo Clerk", match_key="jo clerk", email="jo.clerk@example.gov.uk")
        session.add_all([board, alice, clerk])
        session.flush()
        session.add_all(
            [
                BoardRole(board=board, member=alice, role=Role.MEMBER),
                BoardRole(board=board, member=clerk, role=Role.CLERK),
                ChatIdentity(member=alice, platform="discord", user_id=str(alice_discord_id)),
                ChatIdentity(member=clerk, platform="discord", user_id=str(clerk_discord_id)),
            ]
        )
        held = Meeting(
            board=board,
            date=dt.date(2026, 9, 16),
            starts_at=dt.datetime(2026, 9, 16, 14, 0, tzinfo=dt.UTC),
            status=MeetingStatus.HELD,
            minutes_status=MinutesStatus.CONFIRMED,
        )
        fees = AgendaItem(position=1, number="5", title="Foster carer allowances")
        fees.decisions = [
            Decision(
                text="RESOLVED that foster carer allowances rise by 3% from April 2027.",
                kind=DecisionKind.RESOLVED,
            )
        ]
        held.items = [fees]
        session.add(held)
        meeting = Meeting(
            board=board,
            date=dt.date(2026, 12, 2),
            starts_at=dt.datetime(2026, 12, 2, 15, 0, tzinfo=dt.UTC),
            venue="Committee Room 1, Town Hall",
        )
        meeting.items = [
            AgendaItem(position=1, number="1", title="Apologies for absence"),
            AgendaItem(position=2, number="2", title="Care leavers' housing offer"),
        ]
        session.add(meeting)
        action = Action(
            board=board,
            text="Circulate the sufficiency strategy to members",
            owner=alice,
            owner_text=alice.name,
            status=ActionStatus.OPEN,
        )
        session.add(action)
        session.flush()
        return Seeded(board.id, alice.id, clerk.id, meeting.id, action.id)


def link_channel(database: Database, board_id: int, channel_id: int) -> None:
    with transaction(database.factory) as session:
        session.add(BoardChannel(board_id=board_id, platform="discord", channel_id=str(channel_id)))


async def make_harness(database: Database, router: Router | None = None) -> DiscordHarness:
    responder = Responder(Pipeline(database.factory, router), clock=lambda: NOW)
    # dpytest creates its members as joins, which only the members intent caches; the
    # real client does without it, as messages and interactions carry their author.
    intents = board_clerk_intents()
    intents.members = True
    client = BoardClerkClient(responder, sync_commands=False, intents=intents)
    harness = await start(client)
    responder.notices = DiscordNotifier(client, database.factory)
    return harness


@pytest.fixture
async def discord_bot(sqlite_db: Database) -> AsyncIterator[DiscordHarness]:
    """Board Clerk with the project's routes; members 0, 1, 2: Alice, Jo the clerk, a stranger."""
    harness = await make_harness(sqlite_db)
    yield harness
    await dpytest.empty_queue()


@pytest.fixture
def seeded(sqlite_db: Database, discord_bot: DiscordHarness) -> Seeded:
    return seed(sqlite_db, discord_bot.member(0).id, discord_bot.member(1).id)
