"""The Members pages over HTTP: who may open them, CSRF, one-line refusals, audited changes."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from bot.web.app import build_web_app
from storage.attendance_history import former_members
from storage.audit import AuditEntry
from storage.db import transaction
from storage.models import Member
from tests.bot.web.console.members_world import build_with_attendance, member_id
from tests.bot.web.console.test_console_http import csrf_of, link_for, sign_in
from tests.bot.web_server import Serve
from tests.conftest import Database


async def test_only_a_clerk_opens_the_members_pages(sqlite_db: Database, serve: Serve) -> None:
    record = build_with_attendance(sqlite_db.factory)
    walker = member_id(sqlite_db.factory, "Councillor J Walker")
    patel = member_id(sqlite_db.factory, "Councillor K Patel")
    chair = await serve(build_web_app(sqlite_db.factory))
    assert await sign_in(chair, link_for(sqlite_db, "Councillor M Carr")) == 303

    assert (await chair.get("/console/members")).status == 403
    assert (await chair.get(f"/console/members/{walker}")).status == 403
    assert (await chair.get(f"/console/members/{walker}/data.json")).status == 403
    board = await chair.get(f"/console/boards/{record.cpb_id}/attendance")  # the chair's board
    assert board.status == 200 and "Councillor J Walker" in await board.text()
    assert (await chair.get(f"/console/boards/{record.panel_id}/attendance")).status == 404

    clerk = await serve(build_web_app(sqlite_db.factory))
    assert await sign_in(clerk, link_for(sqlite_db, "Jo Bell")) == 303
    assert (await clerk.get(f"/console/members/{walker}")).status == 200
    assert (await clerk.get(f"/console/members/{patel}")).status == 403  # not a board Bell clerks
    assert (await clerk.get("/console/members/nope")).status == 404


async def test_a_change_without_its_csrf_token_or_with_bad_input_changes_nothing(
    sqlite_db: Database, serve: Serve
) -> None:
    build_with_attendance(sqlite_db.factory)
    walker = member_id(sqlite_db.factory, "Councillor J Walker")
    client = await serve(build_web_app(sqlite_db.factory))
    assert await sign_in(client, link_for(sqlite_db, "Jo Bell")) == 303
    page = f"/console/members/{walker}"

    refused = await client.post(f"{page}/contact", data={"email": "new@example.org"})
    assert refused.status == 403
    token = await csrf_of(client, page)
    taken = await client.post(
        f"{page}/contact", data={"csrf": token, "email": "m.carr@example.org"}
    )
    assert taken.status == 400 and "already has the email" in await taken.text()
    bad_slack = await client.post(
        f"{page}/contact", data={"csrf": token, "email": "new@example.org", "slack": "U-CARR"}
    )
    assert bad_slack.status == 400
    assert await bad_slack.text() == (
        "Nothing saved: slack user U-CARR is already linked to Councillor M Carr."
    )
    lone_team = await client.post(f"{page}/contact", data={"csrf": token, "slack_team": "T1"})
    assert lone_team.status == 400 and "goes with a Slack user ID" in await lone_team.text()
    past = await client.post(
        f"{page}/absences", data={"csrf": token, "until": "2001-01-01", "reason": "illness"}
    )
    assert past.status == 400 and "is already past" in await past.text()
    assert (await client.post(f"{page}/forget", data={})).status == 403
    with transaction(sqlite_db.factory) as session:
        found = session.get(Member, walker)
        assert found is not None and found.email == "j.walker@example.org"
        assert session.scalars(select(AuditEntry)).all() == []


async def test_downloading_a_members_data_is_the_member_data_json_and_audited(
    sqlite_db: Database, serve: Serve
) -> None:
    build_with_attendance(sqlite_db.factory)
    walker = member_id(sqlite_db.factory, "Councillor J Walker")
    client = await serve(build_web_app(sqlite_db.factory))
    assert await sign_in(client, link_for(sqlite_db, "Jo Bell")) == 303

    response = await client.get(f"/console/members/{walker}/data.json")

    assert response.status == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    held = json.loads(await response.text())
    assert held["member"][0]["name"] == "Councillor J Walker"
    assert [a["status"] for a in held["attendance"] if a["board"].startswith("Corporate")] == [
        "present",
        "apologies",
        "absent",
        "apologies",
    ]
    assert held["approved_absences"] == []
    with transaction(sqlite_db.factory) as session:
        entry = session.scalars(select(AuditEntry)).one()
    assert (entry.actor, entry.action, entry.subject) == (
        "console:Jo Bell",
        "subject-access",
        "Councillor J Walker",
    )


async def test_a_clerk_ends_a_role_and_the_member_is_former(
    sqlite_db: Database, serve: Serve
) -> None:
    build_with_attendance(sqlite_db.factory)
    walker = member_id(sqlite_db.factory, "Councillor J Walker")
    with transaction(sqlite_db.factory) as session:
        found = session.get(Member, walker)
        assert found is not None
        [role] = found.roles
    client = await serve(build_web_app(sqlite_db.factory))
    assert await sign_in(client, link_for(sqlite_db, "Jo Bell")) == 303
    token = await csrf_of(client, f"/console/members/{walker}")

    ended = await client.post(f"/console/roles/{role.id}/end", data={"csrf": token})

    assert ended.status == 200 and "Role ended" in await ended.text()
    again = await client.post(f"/console/roles/{role.id}/end", data={"csrf": token})
    assert again.status == 400 and "no current member role" in await again.text()
    assert (await client.post("/console/roles/9999/end", data={"csrf": token})).status == 404
    with transaction(sqlite_db.factory) as session:
        found = session.get(Member, walker)
        assert found is not None and found.roles[0].ended_on is not None
        assert former_members(session, [walker], found.roles[0].ended_on) == {walker}
        entry = session.scalars(select(AuditEntry)).one()
    assert entry.action == "role-ended"
    assert json.loads(entry.detail or "{}")["before"] == {"ended": None}


def _row_text(page: str, walker: int) -> str:
    found = re.search(rf'id="member-{walker}">(.*?)</tr>', page, re.S)
    assert found is not None
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


async def test_the_boards_figures_for_a_period(sqlite_db: Database, serve: Serve) -> None:
    record = build_with_attendance(sqlite_db.factory)
    walker = member_id(sqlite_db.factory, "Councillor J Walker")
    client = await serve(build_web_app(sqlite_db.factory))
    assert await sign_in(client, link_for(sqlite_db, "Jo Bell")) == 303
    path = f"/console/boards/{record.cpb_id}/attendance"

    whole = await (await client.get(path)).text()
    since_june = await (await client.get(f"{path}?since=2026-06-01&until=2026-12-31")).text()

    # Expected, present, apologies, absent without apologies, as substitute, last, six months.
    assert _row_text(whole, walker).startswith("Councillor J Walker 3 1 1 1 0 10 March 2026")
    assert _row_text(since_june, walker).startswith("Councillor J Walker 2 0 1 1 0 10 March 2026")
    bad = await client.get(f"{path}?since=June")
    assert bad.status == 400 and await bad.text() == "From must be a date like 2026-06-01."
    backwards = await client.get(f"{path}?since=2026-06-01&until=2026-01-01")
    assert backwards.status == 400
