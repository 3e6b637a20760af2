"""The clerk's console over HTTP: sign-in links, sessions, CSRF, roles, and changes that chat sees."""

from __future__ import annotations

import datetime as dt
import re

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from bot.web.app import build_web_app
from storage.audit import AuditEntry
from storage.console_auth import issue_link
from storage.db import transaction
from storage.models import Action, Attendance, Board, Member
from tests.bot.cli_runner import Boardclerk
from tests.bot.web_server import Serve
from tests.conftest import Database
from tests.handlers.builders import build, say

NOW = dt.datetime.now(dt.UTC)


def link_for(db: Database, name: str, *, now: dt.datetime = NOW) -> str:
    with transaction(db.factory) as session:
        member = session.scalars(select(Member).where(Member.name == name)).one()
        return issue_link(session, member, now)


async def sign_in(client: TestClient, token: str) -> int:  # type: ignore[type-arg]
    form = await client.get(f"/console/sign-in/{token}")
    assert form.status == 200
    response = await client.post("/console/sign-in", data={"token": token}, allow_redirects=False)
    return response.status


async def csrf_of(client: TestClient, path: str) -> str:  # type: ignore[type-arg]
    page = await (await client.get(path)).text()
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def actions_in_chat(db: Database) -> str:
    """What a clerk sees on asking ``/actions CPB`` in chat (here through the console chat)."""
    reply = say(db.factory, "CPB", command="actions")
    return " ".join([reply.text, *reply.items])


def quorum(db: Database, value: int) -> None:
    with transaction(db.factory) as session:
        session.scalars(select(Board).where(Board.short_name == "CPB")).one().quorum = value


async def test_a_link_signs_in_once_and_sets_a_strict_cookie(
    sqlite_db: Database, serve: Serve
) -> None:
    build(sqlite_db.factory)
    client = await serve(build_web_app(sqlite_db.factory, public_url="https://clerk.example"))
    token = link_for(sqlite_db, "Jo Bell")

    response = await client.post("/console/sign-in", data={"token": token}, allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/console/"
    cookie = response.headers["Set-Cookie"]
    for part in ("HttpOnly", "SameSite=Lax", "Secure", "Max-Age=43200"):
        assert part in cookie
    assert await sign_in(client, token) == 403  # the same link a second time

    plain = await serve(build_web_app(sqlite_db.factory))  # http: the cookie is not Secure
    assert await sign_in(plain, link_for(sqlite_db, "Jo Bell")) == 303
    home = await plain.get("/console/")
    assert "Corporate Parenting Board" in await home.text()


async def test_an_expired_or_unknown_link_is_refused(sqlite_db: Database, serve: Serve) -> None:
    build(sqlite_db.factory)
    client = await serve(build_web_app(sqlite_db.factory))
    old = link_for(sqlite_db, "Jo Bell", now=NOW - dt.timedelta(minutes=16))
    assert await sign_in(client, old) == 403
    assert await sign_in(client, "not-a-token") == 403
    response = await client.get("/console/", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/console/sign-in"


async def test_a_clerk_closes_an_action_that_chat_then_no_longer_lists(
    sqlite_db: Database, serve: Serve
) -> None:
    build(sqlite_db.factory)
    client = await serve(build_web_app(sqlite_db.factory))
    assert await sign_in(client, link_for(sqlite_db, "Jo Bell")) == 303
    with transaction(sqlite_db.factory) as session:
        action = session.scalars(select(Action).where(Action.text.like("%foster carer%"))).one()
    assert "foster carer allowances" in actions_in_chat(sqlite_db)

    refused = await client.post(f"/console/actions/{action.id}/done", data={})
    assert refused.status == 403
    token = await csrf_of(client, "/console/actions")
    done = await client.post(f"/console/actions/{action.id}/done", data={"csrf": token})

    assert done.status == 200 and done.url.path == "/console/actions"
    assert "foster carer allowances" not in actions_in_chat(sqlite_db)
    with transaction(sqlite_db.factory) as session:
        entry = session.scalars(select(AuditEntry)).one()
        assert (entry.actor, entry.subject) == ("console:Jo Bell", f"action #{action.id}")
        assert entry.detail == '{"before": "open", "after": "done"}'


async def test_chair_records_an_apology_on_behalf_and_sees_the_quorum_at_risk(
    sqlite_db: Database, serve: Serve
) -> None:
    record = build(sqlite_db.factory)
    quorum(sqlite_db, 2)
    client = await serve(build_web_app(sqlite_db.factory))
    assert await sign_in(client, link_for(sqlite_db, "Councillor M Carr")) == 303  # the chair
    path = f"/console/meetings/{record.upcoming_id}"
    with transaction(sqlite_db.factory) as session:
        carr = session.scalars(select(Member).where(Member.name == "Councillor M Carr")).one()

    token = await csrf_of(client, path)
    recorded = await client.post(
        f"{path}/apologies", data={"csrf": token, "member": str(carr.id), "reason": "in hospital"}
    )
    page = await recorded.text()

    assert recorded.status == 200
    assert "in hospital" in page
    assert "Quorum at risk" in page
    with transaction(sqlite_db.factory) as session:
        row = session.scalars(select(Attendance).where(Attendance.member_id == carr.id)).one()
        assert row.recorded_by == "Councillor M Carr"


async def test_a_member_sees_only_their_own_page(sqlite_db: Database, serve: Serve) -> None:
    record = build(sqlite_db.factory)
    client = await serve(build_web_app(sqlite_db.factory))
    assert await sign_in(client, link_for(sqlite_db, "Councillor K Patel")) == 303
    with transaction(sqlite_db.factory) as session:
        walker = session.scalars(select(Member).where(Member.name == "Councillor J Walker")).one()

    home = await client.get("/console/")
    assert home.url.path == "/console/me" and "Councillor K Patel" in await home.text()
    assert (await client.get(f"/console/members/{walker.id}")).status == 403
    assert (await client.get(f"/console/meetings/{record.upcoming_id}")).status == 404
    assert (await client.get("/console/actions")).status == 200  # but lists nothing of CPB
    assert "foster carer" not in await (await client.get("/console/actions")).text()
    data = await (await client.get("/console/me/data.json")).json()
    assert data["member"][0]["name"] == "Councillor K Patel"


async def test_sign_out_ends_the_session(sqlite_db: Database, serve: Serve) -> None:
    build(sqlite_db.factory)
    client = await serve(build_web_app(sqlite_db.factory))
    assert await sign_in(client, link_for(sqlite_db, "Jo Bell")) == 303
    token = await csrf_of(client, "/console/")
    out = await client.post("/console/sign-out", data={"csrf": token})
    assert out.url.path == "/console/sign-in"
    assert (await client.get("/console/", allow_redirects=False)).status == 303


def test_console_link_prints_a_full_link_for_a_known_member(
    sqlite_db: Database, monkeypatch: object
) -> None:
    build(sqlite_db.factory)
    boardclerk = Boardclerk(sqlite_db.url, monkeypatch)  # type: ignore[arg-type]
    monkeypatch.setenv("BOARDCLERK_PUBLIC_URL", "https://clerk.example")  # type: ignore[attr-defined]
    printed = boardclerk.ok("console", "link", "Jo Bell").stdout.strip()
    assert re.fullmatch(r"https://clerk\.example/console/sign-in/[\w-]{40,}", printed)
    unknown = boardclerk("console", "link", "Nobody Here")
    assert unknown.exit_code == 2 and unknown.stderr.count("\n") == 1
