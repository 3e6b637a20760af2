"""Reminders and notices reach Teams proactively through the conversations it has seen."""

from __future__ import annotations

import asyncio

from handlers.messages import Reply
from schedules.notify import Target
from storage.db import transaction
from storage.models import BoardChannel
from tests.bot.teams.conftest import TEAM_CHANNEL, WALKER_AAD, Teams

REMINDER = Reply(text="Corporate Parenting Board meets on Wed 2 December, 3.00pm.", intent="r")


async def deliver(teams: Teams, target: Target) -> bool:
    """As the scheduler does: from its own thread, while the server's loop keeps running."""
    return await asyncio.to_thread(teams.runtime.notifier.deliver, target, REMINDER)


async def test_a_member_who_has_talked_to_the_bot_gets_a_reminder_in_their_chat(
    teams: Teams,
) -> None:
    walker = await walker_id(teams)
    assert await deliver(teams, Target.member(walker)) is False  # no conversation seen yet

    await teams.post(teams.activity("hello"))
    teams.connector.posted.clear()

    assert await deliver(teams, Target.member(walker)) is True
    [sent] = teams.connector.posted
    assert sent.conversation_id == f"a:personal-{WALKER_AAD}"
    assert "meets on Wed 2 December" in sent.card_text()


async def test_a_linked_channel_gets_board_notices_once_it_has_been_seen(teams: Teams) -> None:
    with transaction(teams.db.factory) as session:
        session.add(
            BoardChannel(board_id=teams.record.cpb_id, platform="teams", channel_id=TEAM_CHANNEL)
        )
    await teams.post(teams.activity("when is the next meeting?", channel=True))
    teams.connector.posted.clear()

    assert await deliver(teams, Target.board_channel(teams.record.cpb_id)) is True

    [sent] = teams.connector.posted
    assert sent.conversation_id == TEAM_CHANNEL
    assert sent.activity["conversation"]["id"] == TEAM_CHANNEL


async def test_a_connector_failure_is_reported_as_not_delivered(teams: Teams) -> None:
    walker = await walker_id(teams)
    await teams.post(teams.activity("hello"))
    await teams.connector_server_down()

    assert await deliver(teams, Target.member(walker)) is False


async def walker_id(teams: Teams) -> int:
    from sqlalchemy import select

    from storage.models import Member

    with transaction(teams.db.factory) as session:
        return session.scalars(select(Member.id).where(Member.name == "Councillor J Walker")).one()
