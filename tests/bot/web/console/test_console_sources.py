"""The console's Sources, Review and Announcements pages over HTTP, against a fake ModernGov site."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.web.app import build_web_app
from ingest.moderngov import xml
from storage.audit import AuditEntry
from storage.db import transaction
from storage.models import Board, Meeting, Member, Role
from storage.sources import registry
from storage.sources.lease import take_lease
from storage.sources.tables import Announcement, Source
from storage.unplaced import replace_passages
from tests.bot.web.console.test_console_http import NOW, csrf_of, link_for, sign_in
from tests.bot.web_server import Serve
from tests.conftest import Database
from tests.handlers.builders import build
from tests.ingest.moderngov.council import TITLE, fast_client
from tests.ingest.moderngov.fake_moderngov import FakeModernGov

CLERK, MEMBER = "Jo Bell", "Councillor K Patel"


def _cpb(db: Database) -> int:
    with transaction(db.factory) as session:
        return session.scalars(select(Board.id).where(Board.short_name == "CPB")).one()


def _audit(db: Database, action: str) -> list[AuditEntry]:
    with transaction(db.factory) as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


async def test_a_clerk_follows_a_committee_from_its_address_then_syncs_it_now(
    sqlite_db: Database, serve: Serve, site: FakeModernGov
) -> None:
    build(sqlite_db.factory)
    client = await serve(build_web_app(sqlite_db.factory, make_client=fast_client))
    assert await sign_in(client, link_for(sqlite_db, CLERK)) == 303

    # A page of the site pasted as it is: the web service lists its live committees.
    picking = await (
        await client.get(
            "/console/sources/new", params={"url": f"{site.url}/mgListCommittees.aspx"}
        )
    ).text()
    assert (
        "Services &amp; Education Scrutiny Committee" in picking
        and "Joint Waste Panel" not in picking
    )  # expired ones left out
    token = await csrf_of(client, "/console/sources")
    followed = await client.post(
        "/console/sources",
        data={"csrf": token, "url": site.url, "committee": "133", "board": ""},
    )
    assert followed.status == 200 and "Committee followed" in await followed.text()
    with transaction(sqlite_db.factory) as session:
        source = session.scalars(select(Source)).one()
        clerk = session.scalars(select(Member).where(Member.name == CLERK)).one()
        # The new board is named after the committee, and the clerk who followed it clerks it.
        assert source.board.name == TITLE
        roles = {(r.board_id, r.role) for r in clerk.roles}
        assert (source.board_id, Role.CLERK) in roles
        source_id = source.id

    synced = await client.post(f"/console/sources/{source_id}/sync", data={"csrf": token})
    page = await synced.text()

    assert synced.status == 200 and "Sync finished" in page
    assert "4 meetings: 4 new, 0 updated, 0 failed" in page
    with transaction(sqlite_db.factory) as session:
        assert session.scalar(select(Source.synced_at).where(Source.id == source_id)) is not None
        dates = session.scalars(select(Meeting.date).where(Meeting.board_id == source.board_id))
        assert len(list(dates)) == 4
    assert [e.actor for e in _audit(sqlite_db, "source-add")] == ["console:Jo Bell"]
    assert [e.subject for e in _audit(sqlite_db, "sync-now")] == [f"source {source_id}"]


async def test_a_site_that_cannot_be_read_is_one_line_and_follows_nothing(
    sqlite_db: Database, serve: Serve
) -> None:
    build(sqlite_db.factory)
    client = await serve(build_web_app(sqlite_db.factory, make_client=fast_client))
    assert await sign_in(client, link_for(sqlite_db, CLERK)) == 303

    page = await (await client.get("/console/sources/new", params={"url": "not an address"})).text()
    assert "There is a problem" in page and "is not a web address" in page
    token = await csrf_of(client, "/console/sources")
    refused = await client.post(
        "/console/sources", data={"csrf": token, "url": "http://127.0.0.1:9/", "committee": "1"}
    )
    assert refused.status == 400
    with transaction(sqlite_db.factory) as session:
        assert session.scalars(select(Source)).all() == []


async def test_sync_now_waits_for_a_sync_already_running_and_strangers_cannot_sync(
    sqlite_db: Database, serve: Serve, site: FakeModernGov
) -> None:
    build(sqlite_db.factory)
    cpb = _cpb(sqlite_db)
    with transaction(sqlite_db.factory) as session:
        board = session.get(Board, cpb)
        assert board is not None
        source_id = registry.add_source(
            session, "moderngov", site.url, xml.Committee("133", TITLE), board.name
        ).id
    client = await serve(build_web_app(sqlite_db.factory, make_client=fast_client))
    assert await sign_in(client, link_for(sqlite_db, CLERK)) == 303
    token = await csrf_of(client, "/console/sources")
    assert take_lease(sqlite_db.factory, "sync", "another-replica", NOW, dt.timedelta(hours=1))

    busy = await client.post(f"/console/sources/{source_id}/sync", data={"csrf": token})
    assert "A sync is already running" in await busy.text()
    assert not site.requests  # nothing was fetched

    member = await serve(build_web_app(sqlite_db.factory, make_client=fast_client))
    assert await sign_in(member, link_for(sqlite_db, MEMBER)) == 303
    assert (await member.get("/console/sources")).status == 403
    assert (await client.post(f"/console/sources/{source_id}/sync", data={})).status == 403


async def test_review_lists_unplaced_passages_until_a_clerk_marks_them_checked(
    sqlite_db: Database, serve: Serve
) -> None:
    record = build(sqlite_db.factory)
    with transaction(sqlite_db.factory) as session:
        replace_passages(session, record.upcoming_id, "agenda", ["Zebra crossing outside school"])
    client = await serve(build_web_app(sqlite_db.factory))
    assert await sign_in(client, link_for(sqlite_db, CLERK)) == 303

    page = await (await client.get("/console/review")).text()
    assert "agenda: Zebra crossing outside school" in page
    assert f'href="/console/meetings/{record.upcoming_id}"' in page
    token = await csrf_of(client, "/console/review")
    key = page.split('name="key" value="')[1].split('"')[0]
    checked = await client.post("/console/review/check", data={"csrf": token, "key": key})

    after = await checked.text()
    assert "Marked as checked" in after and "Zebra crossing" not in after
    assert [e.subject for e in _audit(sqlite_db, "review-checked")] != []
    again = await client.post("/console/review/check", data={"csrf": token, "key": key})
    assert again.status == 400


async def test_a_failed_announcement_is_sent_again_on_request_and_a_sent_one_is_not(
    sqlite_db: Database, serve: Serve
) -> None:
    record = build(sqlite_db.factory)
    cpb = _cpb(sqlite_db)
    facts = {"board": "Corporate Parenting Board", "date": "2024-06-17", "item_count": 1}
    with transaction(sqlite_db.factory) as session:
        for key, outcome in (("a", "failed"), ("b", "sent")):
            session.add(
                Announcement(
                    key=key,
                    kind="agenda",
                    board_id=cpb,
                    meeting_id=record.upcoming_id,
                    facts={**facts, "items": ["Fostering"]},
                    created_at=NOW - dt.timedelta(days=5),
                    outcome=outcome,
                )
            )
    client = await serve(build_web_app(sqlite_db.factory))
    assert await sign_in(client, link_for(sqlite_db, CLERK)) == 303

    page = await (await client.get("/console/announcements", params={"outcome": "failed"})).text()
    assert "The agenda for" in page and page.count("Send again") == 1
    token = await csrf_of(client, "/console/announcements")
    with transaction(sqlite_db.factory) as session:
        ids = dict(session.execute(select(Announcement.key, Announcement.id)).all())
    retried = await client.post(f"/console/announcements/{ids['a']}/retry", data={"csrf": token})
    refused = await client.post(f"/console/announcements/{ids['b']}/retry", data={"csrf": token})

    assert "Queued again" in await retried.text()
    assert refused.status == 400
    with transaction(sqlite_db.factory) as session:
        row = session.get(Announcement, ids["a"])
        assert (
            row is not None and row.outcome == "pending" and row.created_at >= NOW
        )  # news from now: not dropped as stale


async def test_every_list_pages_through_twenty_five_at_a_time(
    sqlite_db: Database, serve: Serve
) -> None:
    record = build(sqlite_db.factory)
    passages = [f"Passage number {n:02d}" for n in range(30)]
    with transaction(sqlite_db.factory) as session:
        replace_passages(session, record.upcoming_id, "agenda", passages)
    client = await serve(build_web_app(sqlite_db.factory))
    assert await sign_in(client, link_for(sqlite_db, CLERK)) == 303

    first = await (await client.get("/console/review")).text()
    second = await (await client.get("/console/review", params={"page": "2"})).text()

    assert "Passage number 00" in first and "Passage number 24" in first
    assert "Passage number 25" not in first and "Passage number 29" in second
    assert 'href="/console/review?page=2"' in first and 'rel="prev"' in second


async def test_a_clerk_whose_role_has_ended_no_longer_sees_the_board(
    sqlite_db: Database, serve: Serve
) -> None:
    build(sqlite_db.factory)
    client = await serve(build_web_app(sqlite_db.factory))
    assert await sign_in(client, link_for(sqlite_db, CLERK)) == 303
    assert (await client.get("/console/sources")).status == 200
    with transaction(sqlite_db.factory) as session:
        clerk = session.scalars(select(Member).where(Member.name == CLERK)).one()
        for role in clerk.roles:
            role.ended_on = NOW.date()

    assert (await client.get("/console/sources")).status == 403
    home = await client.get("/console/")
    assert home.url.path == "/console/me"  # no board of theirs left to show


async def test_followed_committees_are_listed_twenty_five_a_page(
    sqlite_db: Database, serve: Serve
) -> None:
    build(sqlite_db.factory)
    with transaction(sqlite_db.factory) as session:
        board = session.get_one(Board, _cpb(sqlite_db))
        for n in range(30):
            committee = xml.Committee(str(100 + n), f"Panel {n:02d}")
            registry.add_source(
                session, "moderngov", "https://democracy.example", committee, board.name
            )
    client = await serve(build_web_app(sqlite_db.factory))
    assert await sign_in(client, link_for(sqlite_db, CLERK)) == 303

    first = await (await client.get("/console/sources")).text()
    second = await (await client.get("/console/sources", params={"page": "2"})).text()

    assert "Panel 00" in first and "Panel 24" in first and "Panel 25" not in first
    assert "Panel 29" in second and "Showing 26 to 30 of 30 committees" in second
