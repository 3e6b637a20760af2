"""Slash commands: real ``discord.Interaction``s from INTERACTION_CREATE payloads, through
the command tree and the pipeline, with the interaction response captured at the HTTP layer."""

from __future__ import annotations

from sqlalchemy import select

from bot.discord.commands import COMMANDS
from storage.models import Action, ActionStatus, Attendance, AttendanceStatus, BoardChannel
from tests.bot.discord.conftest import Seeded
from tests.bot.discord.harness import CALLBACK_MESSAGE, DiscordHarness
from tests.conftest import Database

ISSUE_COMMANDS = {
    "next-meeting",
    "agenda",
    "ask",
    "apologies",
    "actions",
    "done",
    "papers",
    "digest",
    "calendar",
    "boardclerk",
}


def test_every_command_has_help_text_and_works_in_servers_and_dms(
    discord_bot: DiscordHarness,
) -> None:
    published = {
        c.name: c.to_dict(discord_bot.client.tree) for c in discord_bot.client.tree.get_commands()
    }
    assert set(published) == ISSUE_COMMANDS == {spec.name for spec in COMMANDS}
    for command in published.values():
        assert command["description"]
        assert command["contexts"] == [0, 1]  # guild, bot DM
        assert command["integration_types"] == [0, 1]
        [option] = command["options"]
        assert option["name"] == "text" and option["description"]
        assert option["required"] is False


async def test_next_meeting_answers_with_the_meeting_in_an_embed(
    discord_bot: DiscordHarness, seeded: Seeded
) -> None:
    response = await discord_bot.slash("next-meeting", user=discord_bot.member(0), in_dm=True)

    assert response.path.endswith("/callback")
    assert response.payload["type"] == CALLBACK_MESSAGE
    assert "2 December 2026" in response.text
    assert "Committee Room 1" in response.text


async def test_agenda_lists_the_next_meetings_items(
    discord_bot: DiscordHarness, seeded: Seeded
) -> None:
    response = await discord_bot.slash("agenda", "CPB", user=discord_bot.member(0))

    assert "Care leavers' housing offer" in response.text


async def test_ask_cites_the_decision_in_the_footer(
    discord_bot: DiscordHarness, seeded: Seeded
) -> None:
    response = await discord_bot.slash(
        "ask", "what did we decide about foster carer allowances?", user=discord_bot.member(0)
    )

    assert "3%" in response.text
    footer = response.embed["footer"]["text"]
    assert "Corporate Parenting Board" in footer and "16 September 2026" in footer
    assert "item 5" in footer


async def test_actions_lists_my_open_actions(discord_bot: DiscordHarness, seeded: Seeded) -> None:
    response = await discord_bot.slash("actions", user=discord_bot.member(0), in_dm=True)

    assert "Circulate the sufficiency strategy" in response.text


async def test_done_closes_my_action(
    discord_bot: DiscordHarness, seeded: Seeded, sqlite_db: Database
) -> None:
    await discord_bot.slash("done", str(seeded.action_id), user=discord_bot.member(0), in_dm=True)

    with sqlite_db.factory() as session:
        assert session.get_one(Action, seeded.action_id).status == ActionStatus.DONE


async def test_boardclerk_link_channel_links_the_guild_channel_for_its_clerk(
    discord_bot: DiscordHarness, seeded: Seeded, sqlite_db: Database
) -> None:
    response = await discord_bot.slash("boardclerk", "link-channel CPB", user=discord_bot.member(1))

    assert "linked to Corporate Parenting Board" in response.text
    with sqlite_db.factory() as session:
        link = session.scalars(select(BoardChannel)).one()
    assert (link.platform, link.channel_id) == ("discord", str(discord_bot.channel.id))


async def test_a_stranger_is_refused_privately_and_told_how_to_get_linked(
    discord_bot: DiscordHarness, seeded: Seeded, sqlite_db: Database
) -> None:
    response = await discord_bot.slash("boardclerk", "link-channel CPB", user=discord_bot.member(2))

    assert response.ephemeral
    assert "clerk" in response.text and "link" in response.text
    with sqlite_db.factory() as session:
        assert session.scalars(select(BoardChannel)).all() == []


async def test_boardclerk_help_in_a_dm(discord_bot: DiscordHarness, seeded: Seeded) -> None:
    response = await discord_bot.slash("boardclerk", "help", user=discord_bot.member(0), in_dm=True)

    assert "/next-meeting" in response.text and "/agenda" in response.text


async def test_apology_then_undo_click(
    discord_bot: DiscordHarness, seeded: Seeded, sqlite_db: Database
) -> None:
    alice = discord_bot.member(0)
    sent = await discord_bot.slash("apologies", "can't make the next meeting", user=alice)

    assert sent.ephemeral  # an apology is the member's own business in a channel
    with sqlite_db.factory() as session:
        [recorded] = session.scalars(select(Attendance)).all()
    assert recorded.member_id == seeded.alice_id and recorded.meeting_id == seeded.meeting_id
    undo = next(label for label in sent.buttons if "undo" in label.lower())
    assert sent.buttons[undo].startswith("apology-undo:")

    undone = await discord_bot.click(sent, undo, user=alice)

    assert undone.path.endswith("/callback")
    with sqlite_db.factory() as session:
        apologies = session.scalars(
            select(Attendance).where(Attendance.status == AttendanceStatus.APOLOGIES)
        ).all()
    assert apologies == []


async def test_an_apology_tells_the_clerk_by_dm(
    discord_bot: DiscordHarness, seeded: Seeded
) -> None:
    await discord_bot.slash("apologies", "can't make the next meeting", user=discord_bot.member(0))
    await discord_bot.settle()

    clerk_dm = await discord_bot.dm_channel(discord_bot.member(1))
    [notice] = discord_bot.posts_to(clerk_dm.id)
    assert "Alice Walker" in notice.text
