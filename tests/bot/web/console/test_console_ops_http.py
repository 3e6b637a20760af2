"""The clerk's work in the console over HTTP: moving, cancelling, attendance, re-sent reminders,
editing actions, lists a page at a time, and who may do which (a chair may not move a meeting).

The console's clock is set (20 November 2026), so the example meeting of 2 December
2026 is still to come and the one of 7 November 2018 long past.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from bot.web import console
from storage.audit import AuditEntry
from storage.console_auth import issue_link
from storage.db import transaction
from storage.models import Action, Attendance, Delivery, Meeting, MeetingStatus, Member
from storage.sources.tables import Announcement
from tests.bot.web_server import Serve
from tests.conftest import Database
from tests.handlers.builders import build, say

pytestmark = pytest.mark.dates
NOW = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)
Client = TestClient[web.Request, web.Application]


def app_at(db: Database, now: dt.datetime = NOW) -> web.Application:
    app = web.Application()
    console.register(app, db.factory, clock=lambda: now)
    return app


async def signed_in(serve: Serve, db: Database, name: str, now: dt.datetime = NOW) -> Client:
    client = await serve(app_at(db, now))
    with transaction(db.factory) as session:
        member = session.scalars(select(Member).where(Member.name == name)).one()
        token = issue_link(session, member, now)
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


def audit_entries(db: Database) -> list[tuple[str, str, dict[str, object]]]:
    with db.factory() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(row.actor, row.action, json.loads(row.detail or "{}")) for row in rows]


def kinds_announced(db: Database) -> list[str]:
    with db.factory() as session:
        return list(session.scalars(select(Announcement.kind).order_by(Announcement.id)))


async def test_the_clerk_moves_a_meeting_and_the_board_is_told(
    sqlite_db: Database, serve: Serve
) -> None:
    world = build(sqlite_db.factory)
    clerk = await signed_in(serve, sqlite_db, "Jo Bell")
    page = f"/console/meetings/{world.upcoming_id}"
    day = {"date-day": "9", "date-month": "12", "date-year": "2026"}

    status, text = await post(clerk, page, f"{page}/move", **day, time="16:30")

    assert status == 200 and "Meeting moved" in text
    assert "Wednesday 9 December 2026, 4:30pm" in text
    assert kinds_announced(sqlite_db) == ["moved"]
    [(actor, action, detail)] = audit_entries(sqlite_db)
    assert (actor, action) == ("console:Jo Bell", "meeting-moved")
    assert (detail["before"], detail["after"]) == (
        "2026-12-02T15:00+00:00",
        "2026-12-09T16:30+00:00",
    )


async def test_a_date_that_is_not_a_date_is_one_line_and_changes_nothing(
    sqlite_db: Database, serve: Serve
) -> None:
    world = build(sqlite_db.factory)
    clerk = await signed_in(serve, sqlite_db, "Jo Bell")
    page = f"/console/meetings/{world.upcoming_id}"
    bad = {"date-day": "31", "date-month": "2", "date-year": "2027"}

    status, text = await post(clerk, page, f"{page}/move", **bad)

    assert status == 400
    assert "The new date must be a real date" in text and "Nothing was changed" in text
    assert f'href="{page}"' in text  # back to the form
    with sqlite_db.factory() as session:
        assert session.get_one(Meeting, world.upcoming_id).date == dt.date(2026, 12, 2)
    assert audit_entries(sqlite_db) == [] and kinds_announced(sqlite_db) == []


async def test_the_clerk_cancels_after_confirming_and_the_board_is_told(
    sqlite_db: Database, serve: Serve
) -> None:
    world = build(sqlite_db.factory)
    clerk = await signed_in(serve, sqlite_db, "Jo Bell")
    confirm = f"/console/meetings/{world.upcoming_id}/cancel"
    assert (
        "Cancel the meeting on Wednesday 2 December 2026, 3:00pm?"
        in await (await clerk.get(confirm)).text()
    )

    status, text = await post(clerk, confirm, confirm, note="Rearranged for January")

    assert status == 200 and "Meeting cancelled" in text and "Rearranged for January" in text
    assert "Move this meeting" not in text and "Record apology" not in text
    assert kinds_announced(sqlite_db) == ["cancelled"]
    assert audit_entries(sqlite_db)[0][1] == "meeting-cancelled"


async def test_a_chair_cannot_move_or_cancel_a_meeting(sqlite_db: Database, serve: Serve) -> None:
    world = build(sqlite_db.factory)
    chair = await signed_in(serve, sqlite_db, "Councillor M Carr")
    page = f"/console/meetings/{world.upcoming_id}"
    shown = await (await chair.get(page)).text()
    assert "Record apology" in shown and "Move this meeting" not in shown

    day = {"date-day": "9", "date-month": "12", "date-year": "2026"}
    assert (await post(chair, page, f"{page}/move", **day))[0] == 403
    assert (await post(chair, page, f"{page}/cancel"))[0] == 403
    assert (await post(chair, page, f"{page}/reminders"))[0] == 403
    assert (await chair.get(f"{page}/cancel")).status == 403
    with sqlite_db.factory() as session:
        assert session.get_one(Meeting, world.upcoming_id).status == MeetingStatus.SCHEDULED


async def test_attendance_is_marked_once_the_meeting_has_begun(
    sqlite_db: Database, serve: Serve
) -> None:
    world = build(sqlite_db.factory)
    with sqlite_db.factory() as session:
        past = session.scalars(select(Meeting.id).where(Meeting.date == dt.date(2018, 11, 7))).one()
        ids = {m.name: m.id for m in session.scalars(select(Member))}
    clerk = await signed_in(serve, sqlite_db, "Jo Bell")
    upcoming = f"/console/meetings/{world.upcoming_id}"
    assert "Mark attendance" not in await (await clerk.get(upcoming)).text()
    refused = await post(clerk, upcoming, f"{upcoming}/attendance")
    assert refused[0] == 400 and "once the meeting has begun" in refused[1]

    page = f"/console/meetings/{past}"
    marks = {
        f"status-{ids['Councillor M Carr']}": "present",
        f"status-{ids['Councillor J Walker']}": "absent",
    }
    status, text = await post(clerk, page, f"{page}/attendance", **marks)

    assert status == 200 and "Attendance saved: 2 changes." in text
    with sqlite_db.factory() as session:
        rows = session.scalars(select(Attendance).where(Attendance.meeting_id == past))
        assert {row.name: row.status.value for row in rows} == {
            "Councillor M Carr": "present",
            "Councillor J Walker": "absent",
        }
    [(_, action, detail)] = audit_entries(sqlite_db)
    assert action == "attendance-marked"
    assert detail["after"] == {"Councillor M Carr": "present", "Councillor J Walker": "absent"}


async def test_re_sending_reminders_re_queues_those_sent_and_says_so(
    sqlite_db: Database, serve: Serve
) -> None:
    world = build(sqlite_db.factory)
    clerk = await signed_in(serve, sqlite_db, "Jo Bell")
    page = f"/console/meetings/{world.upcoming_id}"
    status, text = await post(clerk, page, f"{page}/reminders")
    assert status == 200 and "No reminder of this meeting has gone out yet" in text

    sent = NOW - dt.timedelta(hours=1)
    with transaction(sqlite_db.factory) as session:
        for member_id in (1, 2):
            session.add(
                Delivery(
                    key=f"meeting:m{world.upcoming_id}:u{member_id}:x",
                    kind="meeting",
                    member_id=member_id,
                    meeting_id=world.upcoming_id,
                    due_at=sent,
                    claimed_at=sent,
                    sent_at=sent,
                    outcome="sent",
                )
            )
    status, text = await post(clerk, page, f"{page}/reminders")

    assert status == 200 and "2 reminders go again within a minute" in text
    with sqlite_db.factory() as session:
        assert set(session.scalars(select(Delivery.outcome))) == {"claimed"}
    assert [entry[2]["requeued"] for entry in audit_entries(sqlite_db)] == [0, 2]


async def test_the_clerk_changes_an_actions_owner_and_due_date_and_chat_shows_it(
    sqlite_db: Database, serve: Serve
) -> None:
    build(sqlite_db.factory)
    with sqlite_db.factory() as session:
        action = session.scalars(select(Action).where(Action.text.like("%foster carer%"))).one()
        walker = session.scalars(select(Member).where(Member.name == "Councillor J Walker")).one()
    clerk = await signed_in(serve, sqlite_db, "Jo Bell")
    page = f"/console/actions/{action.id}"
    form = {
        "owner": str(walker.id),
        "due-day": "15",
        "due-month": "1",
        "due-year": "2027",
        "status": "open",
    }

    status, text = await post(clerk, page, page, **form)

    assert status == 200 and "Action updated." in text
    chat = say(sqlite_db.factory, "CPB", command="actions", now=NOW)
    listed = " ".join(chat.items)
    assert "foster carer allowances (Councillor J Walker; due 15 January 2027)" in listed
    [(_, what, detail)] = audit_entries(sqlite_db)
    assert what == "action-edited"
    assert detail["before"] == {"owner": "Head of Service", "due": None}
    assert detail["after"] == {"owner": "Councillor J Walker", "due": "2027-01-15"}


async def test_a_chair_marks_an_action_done_but_cannot_edit_it(
    sqlite_db: Database, serve: Serve
) -> None:
    build(sqlite_db.factory)
    with sqlite_db.factory() as session:
        action_id = session.scalars(
            select(Action.id).where(Action.text.like("%foster carer%"))
        ).one()
    chair = await signed_in(serve, sqlite_db, "Councillor M Carr")
    assert (await chair.get(f"/console/actions/{action_id}")).status == 403
    assert (
        f'href="/console/actions/{action_id}"'
        not in await (await chair.get("/console/actions")).text()
    )
    status, _ = await post(chair, "/console/actions", f"/console/actions/{action_id}/done")
    assert status == 200
    assert "foster carer" not in " ".join(say(sqlite_db.factory, "CPB", command="actions").items)


async def test_actions_filter_by_owner_and_overdue_with_overdue_tagged(
    sqlite_db: Database, serve: Serve
) -> None:
    build(sqlite_db.factory)
    clerk = await signed_in(serve, sqlite_db, "Jo Bell")
    overdue = await (await clerk.get("/console/actions?overdue=yes")).text()
    assert "Commissioning Action plan" in overdue and "Overdue" in overdue
    assert "foster carer" not in overdue  # due back on 2 December 2026
    with sqlite_db.factory() as session:
        carr = session.scalars(select(Member.id).where(Member.name == "Councillor M Carr")).one()
    nobody = await (await clerk.get(f"/console/actions?owner={carr}")).text()
    assert "No actions match." in nobody


async def test_lists_come_a_page_at_a_time_and_keep_their_filters(
    sqlite_db: Database, serve: Serve
) -> None:
    world = build(sqlite_db.factory)
    with transaction(sqlite_db.factory) as session:
        for day in range(1, 31):
            session.add(Meeting(board_id=world.cpb_id, date=dt.date(2027, 1, day)))
    clerk = await signed_in(serve, sqlite_db, "Jo Bell")

    first = await (await clerk.get("/console/")).text()
    assert "Showing 1 to 25 of 31 meetings" in first
    assert 'href="/console/?page=2"' in first
    second = await (await clerk.get("/console/?page=2")).text()
    assert "Showing 26 to 31 of 31 meetings" in second and "Saturday 30 January 2027" in second
    assert (await clerk.get("/console/?page=3")).status == 404

    past = await (await clerk.get(f"/console/meetings?board={world.cpb_id}&when=past")).text()
    assert "Showing 1 to 3 of 3 meetings" in past
    assert past.index("Wednesday 27 July 2022") < past.index("Wednesday 12 September 2018")
    assert (await clerk.get("/console/meetings?page=nope")).status == 404


async def test_only_a_clerk_reads_the_audit_log(sqlite_db: Database, serve: Serve) -> None:
    world = build(sqlite_db.factory)
    clerk = await signed_in(serve, sqlite_db, "Jo Bell")
    page = f"/console/meetings/{world.upcoming_id}"
    await post(clerk, page, f"{page}/reminders")
    log = await (await clerk.get("/console/audit")).text()
    assert "reminders-resent" in log and "console:Jo Bell" in log
    assert "20 Nov 2026 10:00" in log  # the board's time (GMT in November)
    chair = await signed_in(serve, sqlite_db, "Councillor M Carr")
    assert (await chair.get("/console/audit")).status == 403
