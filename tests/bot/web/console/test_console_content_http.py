"""The console's content over HTTP: a meeting's agenda with its papers and recommendations (and,
once past, minutes and decisions), apologies that came by email, how a phoned-in apology was
received, the member's own settings (calendar link, digest, email), and the clerk's Email page.

The console's clock is set (20 November 2026): the example meeting of 2 December 2026 is to
come, and those of 2018 and 2022 are past.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from bot.web import calendar_routes, console
from storage.audit import AuditEntry
from storage.console_auth import issue_link
from storage.db import transaction
from storage.email import channels_of
from storage.email_outbox import QUEUED, OutboxMail
from storage.models import Attendance, AttendanceSource, Meeting, Member
from storage.papers.digest import digest_enabled
from tests.bot.web.console.content_world import PLACES_URL, REPORT_URL, build_content
from tests.bot.web_server import Serve
from tests.conftest import Database
from tests.handlers.builders import EXEMPT_DECISION, NOTED

pytestmark = pytest.mark.dates
NOW = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)
Client = TestClient[web.Request, web.Application]


async def signed_in(serve: Serve, db: Database, name: str) -> Client:
    app = web.Application()
    console.register(app, db.factory, clock=lambda: NOW)
    calendar_routes.register(app, db.factory, cache_seconds=0)
    client = await serve(app)
    with transaction(db.factory) as session:
        member = session.scalars(select(Member).where(Member.name == name)).one()
        token = issue_link(session, member, NOW)
    response = await client.post("/console/sign-in", data={"token": token}, allow_redirects=False)
    assert response.status == 303
    return client


async def post(client: Client, page: str, action: str, **form: str) -> tuple[int, str]:
    """Submit a form from ``page`` as the browser would: with its CSRF token and Referer."""
    text = await (await client.get(page)).text()
    token = re.search(r'name="csrf" value="([^"]+)"', text)
    assert token is not None, text
    response = await client.post(
        action, data={"csrf": token[1], **form}, headers={"Referer": f"http://x{page}"}
    )
    return response.status, await response.text()


def audit_entries(db: Database) -> list[tuple[str, str, str, dict[str, object]]]:
    with db.factory() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(r.actor, r.action, r.subject, json.loads(r.detail or "{}")) for r in rows]


def meeting_on(db: Database, date: dt.date) -> int:
    with db.factory() as session:
        return session.scalars(select(Meeting.id).where(Meeting.date == date)).one()


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


async def test_a_coming_meeting_shows_its_agenda_papers_and_first_recommendation_quoted(
    sqlite_db: Database, serve: Serve
) -> None:
    world = build_content(sqlite_db)
    clerk = await signed_in(serve, sqlite_db, "Jo Bell")

    html = await (await clerk.get(f"/console/meetings/{world.record.upcoming_id}")).text()
    text = plain(html)

    assert "Agenda and papers" in text and "Minutes of item" not in text
    assert "26/40 Fostering Recruitment Update" in text and "Presented by A Nolan" in text
    assert "Fostering Recruitment report (report, 3 pages)" in text
    assert "Appendix A: campaign plan (appendix, not read yet)" in text
    assert f'href="{REPORT_URL}"' in html
    # Quoted exactly as printed, with the page it is on and a link to that page.
    assert "“1.1 That the Board approves the fostering recruitment campaign for 2027.”" in text
    assert f'href="{REPORT_URL}#page=2">p. 2</a>' in html
    # A paper listed under an item not on our agenda: after it; restricted, never linked.
    assert "Other papers" in text
    assert "Placements contract (exempt) (report, restricted, not published)" in text
    assert PLACES_URL not in html


async def test_a_past_meeting_shows_minutes_and_decisions_as_printed(
    sqlite_db: Database, serve: Serve
) -> None:
    build_content(sqlite_db)
    clerk = await signed_in(serve, sqlite_db, "Jo Bell")

    september = plain(
        await (
            await clerk.get(f"/console/meetings/{meeting_on(sqlite_db, dt.date(2018, 9, 12))}")
        ).text()
    )
    assert "Agenda, minutes and decisions" in september
    assert "18/9 Signs of Safety" in september and "Presented by S Kaur" in september
    assert "S Kaur presented the new practice model." in september
    assert f"Decision, as printed: {NOTED}" in september

    # The exempt item: the clerk sits on the board, so it is shown, marked exempt.
    july = plain(
        await (
            await clerk.get(f"/console/meetings/{meeting_on(sqlite_db, dt.date(2022, 7, 27))}")
        ).text()
    )
    assert "22/9 Residential Home Contract Exempt" in july
    assert EXEMPT_DECISION in july


async def test_an_apology_that_came_by_email_is_marked_so(
    sqlite_db: Database, serve: Serve
) -> None:
    world = build_content(sqlite_db)
    clerk = await signed_in(serve, sqlite_db, "Jo Bell")

    text = plain(await (await clerk.get(f"/console/meetings/{world.record.upcoming_id}")).text())

    assert "Councillor M Carr apologies family commitment By email" in text
    assert "Councillor J Walker apologies in chat" in text


async def test_an_apology_taken_by_letter_says_so_in_the_audit_entry(
    sqlite_db: Database, serve: Serve
) -> None:
    world = build_content(sqlite_db)
    clerk = await signed_in(serve, sqlite_db, "Jo Bell")
    page = f"/console/meetings/{world.record.upcoming_id}"

    status, html = await post(
        clerk, page, f"{page}/apologies", member=str(world.carr_id), received="letter", reason=""
    )

    assert status == 200
    assert "Councillor M Carr apologies family commitment recorded by Jo Bell" in plain(html)
    [(actor, action, subject, detail)] = audit_entries(sqlite_db)
    assert (actor, action, subject) == ("console:Jo Bell", "apology-on-behalf", "Councillor M Carr")
    assert detail["received"] == "letter" and detail["after"] == "apologies"
    with sqlite_db.factory() as session:
        row = session.scalars(select(Attendance).where(Attendance.member_id == world.carr_id)).one()
        assert (row.source, row.recorded_by) == (AttendanceSource.CLERK, "Jo Bell")

    status, html = await post(
        clerk, page, f"{page}/apologies", member=str(world.walker_id), received="pigeon"
    )
    assert status == 400 and "phone, email, in person or letter" in html
    assert len(audit_entries(sqlite_db)) == 1


async def test_a_member_gets_a_new_calendar_link_shown_once_and_the_old_one_stops(
    sqlite_db: Database, serve: Serve
) -> None:
    build_content(sqlite_db)
    walker = await signed_in(serve, sqlite_db, "Councillor J Walker")
    refused = await walker.post("/console/me/calendar", data={})
    assert refused.status == 403

    status, html = await post(walker, "/console/me", "/console/me/calendar")
    first = re.search(r"(/calendar/me/[^<\s]+\.ics)", html)
    assert status == 200 and first is not None
    assert "shown only this once" in html
    feed = await walker.get(first[1])
    assert feed.status == 200 and "BEGIN:VCALENDAR" in await feed.text()
    assert first[1] not in await (await walker.get("/console/me")).text()

    _, again = await post(walker, "/console/me", "/console/me/calendar")
    assert "Your 1 earlier link no longer works." in again
    assert (await walker.get(first[1])).status == 404
    assert [(a, s, d) for _, a, s, d in audit_entries(sqlite_db)] == [
        ("calendar-link", "Councillor J Walker", {"revoked": 0}),
        ("calendar-link", "Councillor J Walker", {"revoked": 1}),
    ]


async def test_a_member_turns_the_papers_digest_off_and_on(
    sqlite_db: Database, serve: Serve
) -> None:
    world = build_content(sqlite_db)
    walker = await signed_in(serve, sqlite_db, "Councillor J Walker")

    status, html = await post(walker, "/console/me", "/console/me/digest", digest="off")

    assert status == 200 and "Papers digest off" in html
    assert 'id="digest-off" name="digest" type="radio" value="off" checked' in html
    with sqlite_db.factory() as session:
        assert not digest_enabled(session, world.walker_id)
    await post(walker, "/console/me", "/console/me/digest", digest="on")
    with sqlite_db.factory() as session:
        assert digest_enabled(session, world.walker_id)
    assert [d for _, a, _, d in audit_entries(sqlite_db) if a == "digest"] == [
        {"before": "on", "after": "off"},
        {"before": "off", "after": "on"},
    ]


async def test_a_member_chooses_email_for_reminders_only(sqlite_db: Database, serve: Serve) -> None:
    world = build_content(sqlite_db)
    walker = await signed_in(serve, sqlite_db, "Councillor J Walker")
    with sqlite_db.factory() as session:
        before = channels_of(session, world.walker_id)

    status, html = await post(
        walker, "/console/me", "/console/me/email", **{**before, "reminders": "both"}
    )

    assert status == 200 and "How you get messages is saved." in html
    with sqlite_db.factory() as session:
        assert channels_of(session, world.walker_id) == {**before, "reminders": "both"}
    [(_, action, subject, detail)] = audit_entries(sqlite_db)
    assert (action, subject) == ("email-channels", "Councillor J Walker")
    assert detail == {"reminders": [before["reminders"], "both"]}


async def test_email_needs_an_address_and_nothing_changes_without_one(
    sqlite_db: Database, serve: Serve
) -> None:
    world = build_content(sqlite_db)
    with transaction(sqlite_db.factory) as session:
        session.get_one(Member, world.walker_id).email = None
        before = channels_of(session, world.walker_id)
    walker = await signed_in(serve, sqlite_db, "Councillor J Walker")

    status, html = await post(
        walker, "/console/me", "/console/me/email", **{**before, "digests": "email"}
    )

    assert status == 400 and "no email address for you" in html
    with sqlite_db.factory() as session:
        assert channels_of(session, world.walker_id) == before
    assert audit_entries(sqlite_db) == []


async def test_the_clerk_reads_kept_replies_and_retries_failed_email_of_their_boards_only(
    sqlite_db: Database, serve: Serve
) -> None:
    world = build_content(sqlite_db)
    clerk = await signed_in(serve, sqlite_db, "Jo Bell")

    replies = plain(await (await clerk.get("/console/email")).text())
    assert "“Can we have the papers printed?”" in replies
    assert "about Corporate Parenting Board, 2 December 2026" in replies
    assert "Who chairs the panel?" not in replies  # Patel sits on another board

    failed = plain(await (await clerk.get("/console/email?list=failed")).text())
    assert "Reminder: Corporate Parenting Board" in failed and "550 5.1.1" in failed
    assert "Health Scrutiny Panel" not in failed

    status, html = await post(
        clerk, "/console/email?list=failed", f"/console/email/{world.failed_id}/retry"
    )
    assert status == 200 and "Queued again" in html and "No failed email" in html
    status, html = await post(
        clerk, "/console/email", f"/console/email/{world.other_failed_id}/retry"
    )
    assert status == 400 and f"no failed email {world.other_failed_id}" in html
    with sqlite_db.factory() as session:
        assert session.get_one(OutboxMail, world.failed_id).status == QUEUED
        assert session.get_one(OutboxMail, world.other_failed_id).status == "failed"
    [(actor, action, subject, detail)] = audit_entries(sqlite_db)
    assert (actor, action, subject) == (
        "console:Jo Bell",
        "email-retry",
        f"email #{world.failed_id}",
    )
    assert detail["before"] == "failed" and detail["after"] == "queued"


async def test_only_a_clerk_sees_the_email_page(sqlite_db: Database, serve: Serve) -> None:
    build_content(sqlite_db)
    chair = await signed_in(serve, sqlite_db, "Councillor M Carr")
    assert (await chair.get("/console/email")).status == 403
    walker = await signed_in(serve, sqlite_db, "Councillor J Walker")
    assert (await walker.get("/console/email")).status == 403


async def test_settings_are_on_the_members_own_page_only(sqlite_db: Database, serve: Serve) -> None:
    world = build_content(sqlite_db)
    clerk = await signed_in(serve, sqlite_db, "Jo Bell")

    theirs = await (await clerk.get(f"/console/members/{world.walker_id}")).text()
    own = await (await clerk.get("/console/me")).text()

    assert "Councillor J Walker" in theirs
    assert "Get a new calendar link" not in theirs and "How you get messages" not in theirs
    assert "Get a new calendar link" in own and "How you get messages" in own
