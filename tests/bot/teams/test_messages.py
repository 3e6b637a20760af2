"""Teams conversations through the real SDK adapter, our agent and the one pipeline."""

from __future__ import annotations

from typing import Any

from aiohttp import ClientSession, web
from sqlalchemy import select

from bot.settings import Settings
from bot.teams.runtime import start_teams
from handlers.pipeline import Pipeline
from handlers.scope import PUBLIC_FOOTER
from schedules.notify import RecordingNotifier
from storage.db import transaction
from storage.models import Attendance, AttendanceStatus, ChatIdentity, ConversationReference
from tests.bot.teams.conftest import (
    CARR_AAD,
    STRANGER_AAD,
    TEAM_CHANNEL,
    WALKER_AAD,
    Teams,
    start,
)
from tests.conftest import Database


async def test_a_personal_chat_question_is_answered_with_a_card_naming_the_meeting(
    teams: Teams,
) -> None:
    activity = teams.activity("when is the next meeting?")

    response = await teams.post(activity)

    assert response.status == 202
    [reply] = teams.connector.posted
    assert reply.conversation_id == f"a:personal-{WALKER_AAD}"
    assert reply.reply_to == activity["id"]
    assert reply.authorization is None  # anonymous mode: no token leaves the machine
    assert reply.card["type"] == "AdaptiveCard" and reply.card["version"] == "1.5"
    text = reply.card_text()
    assert "Corporate Parenting Board" in text
    assert "2 December 2026" in text or "Wed 2 December" in text


async def test_a_channel_message_loses_its_mention_and_is_answered_in_the_channel(
    teams: Teams,
) -> None:
    await teams.post(teams.activity("what did we agree on signs of safety?", channel=True))

    [reply] = teams.connector.posted
    assert reply.conversation_id.startswith(TEAM_CHANNEL)
    assert "AGREED that the information provided be noted." in reply.card_text()
    with transaction(teams.db.factory) as session:
        kept = session.scalars(select(ConversationReference)).all()
        assert [(r.kind, r.key) for r in kept] == [("channel", TEAM_CHANNEL)]
        assert kept[0].reference["conversation"]["id"] == TEAM_CHANNEL


def walker_apology(teams: Teams) -> tuple[AttendanceStatus, str | None]:
    with transaction(teams.db.factory) as session:
        row = session.scalars(
            select(Attendance).where(
                Attendance.person_key == "j walker",
                Attendance.meeting_id == teams.record.upcoming_id,
            )
        ).one()
        return row.status, row.reason


async def test_an_apology_is_recorded_and_its_undo_button_works(teams: Teams) -> None:
    before = walker_apology(teams)

    await teams.post(teams.activity("apologies for 2 December, hospital appointment"))

    recorded = teams.connector.posted[-1]
    assert walker_apology(teams) == (AttendanceStatus.APOLOGIES, "hospital appointment")
    [undo] = [a for a in recorded.card.get("actions", []) if a["title"] == "Undo"]
    assert undo["type"] == "Action.Submit" and undo["style"] == "destructive"

    await teams.post(teams.activity(None, value=undo["data"]))

    assert "Undone" in teams.connector.posted[-1].card_text()
    assert walker_apology(teams) == before


async def test_an_unlinked_person_cannot_send_apologies(teams: Teams) -> None:
    await teams.post(teams.activity("apologies for 2 December", user=CARR_AAD, name="Mark Carr"))

    assert "isn't linked" in teams.connector.posted[-1].card_text()


async def test_an_unlinked_person_gets_the_public_answer_and_how_to_get_linked(
    teams: Teams,
) -> None:
    await teams.post(teams.activity("when is the next meeting?", user=CARR_AAD, name="Mark Carr"))

    lines = teams.connector.posted[-1].card_text().splitlines()
    assert any("Corporate Parenting Board" in line for line in lines)
    assert lines[-1] == PUBLIC_FOOTER


async def test_a_body_that_is_not_an_activity_is_refused_as_a_bad_request(teams: Teams) -> None:
    response = await teams.post({})

    assert response.status == 400
    assert teams.connector.posted == []


async def test_a_private_answer_is_never_posted_in_a_channel(teams: Teams) -> None:
    await teams.post(teams.activity("my actions", channel=True))

    [reply] = teams.connector.posted
    assert reply.activity.get("attachments") in (None, [])
    assert "personal chat" in reply.activity["text"]


async def test_a_member_is_linked_by_the_email_the_members_api_gives(teams: Teams) -> None:
    teams.connector.members[f"29:{STRANGER_AAD}"] = {
        "id": f"29:{STRANGER_AAD}",
        "name": "Jo Bell",
        "aadObjectId": STRANGER_AAD,
        "email": "Jo.Bell@harwick.gov.uk",
        "userPrincipalName": "jo.bell@harwick.gov.uk",
    }
    from storage.models import Member

    with transaction(teams.db.factory) as session:
        bell = session.scalars(select(Member).where(Member.name == "Jo Bell")).one()
        bell.email = "jo.bell@harwick.gov.uk"

    await teams.post(teams.activity("when is the next meeting?", user=STRANGER_AAD, name="Jo Bell"))

    with transaction(teams.db.factory) as session:
        identity = session.scalars(
            select(ChatIdentity).where(
                ChatIdentity.platform == "teams", ChatIdentity.user_id == STRANGER_AAD
            )
        ).one()
        assert identity.member.name == "Jo Bell"


async def test_a_member_linked_by_hand_gets_the_address_the_members_api_gives(
    teams: Teams,
) -> None:
    """So a Teams member can be reached by email too (``member email-channel``)."""
    teams.connector.members[f"29:{STRANGER_AAD}"] = {
        "id": f"29:{STRANGER_AAD}",
        "name": "Jo Bell",
        "aadObjectId": STRANGER_AAD,
        "email": "Jo.Bell@harwick.gov.uk",
    }
    from storage.models import Member

    with transaction(teams.db.factory) as session:
        bell = session.scalars(select(Member).where(Member.name == "Jo Bell")).one()
        bell.email = None  # the clerk never gave one
        session.add(ChatIdentity(member=bell, platform="teams", user_id=STRANGER_AAD))

    await teams.post(teams.activity("when is the next meeting?", user=STRANGER_AAD, name="Jo Bell"))

    with transaction(teams.db.factory) as session:
        bell = session.scalars(select(Member).where(Member.name == "Jo Bell")).one()
        assert bell.email == "jo.bell@harwick.gov.uk"


async def test_a_bad_bearer_token_is_refused_without_any_network(teams: Teams) -> None:
    activity = teams.activity("when is the next meeting?")

    response = await teams.post(activity, headers={"Authorization": "Bearer not.a.jwt"})

    assert response.status == 401
    assert teams.connector.posted == []


async def test_with_credentials_an_unsigned_request_is_refused(sqlite_db: Database) -> None:
    values: dict[str, Any] = {
        "MICROSOFT_APP_ID": "6f1c2a4e-1b2c-4d5e-8f90-0a1b2c3d4e5f",
        "MICROSOFT_APP_PASSWORD": "not-a-real-secret",
        "MICROSOFT_APP_TENANT_ID": "tenant-1",
        "database_url": sqlite_db.url,
    }
    runtime = start_teams(
        Settings(_env_file=None, **values),
        sqlite_db.factory,
        Pipeline(sqlite_db.factory),
        RecordingNotifier(),
    )
    app = web.Application()
    runtime.web_routes(app)
    server = await start(app)
    try:
        async with ClientSession() as session:
            response = await session.post(
                server.make_url("/api/messages"), json={"type": "message", "text": "hi"}
            )
        assert response.status == 401
    finally:
        await server.close()
