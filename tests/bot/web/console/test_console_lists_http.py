"""Long lists in the console over HTTP: the audit log scoped to the reader's boards, and
the Members list and a board's attendance a page at a time."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from storage.audit import log
from storage.db import transaction
from storage.models import (
    Attendance,
    AttendanceSource,
    AttendanceStatus,
    Board,
    BoardRole,
    Meeting,
    MeetingStatus,
    Member,
    Role,
)
from tests.bot.web.console.test_console_ops_http import post, signed_in
from tests.bot.web_server import Serve
from tests.conftest import Database
from tests.handlers.builders import CPB, PANEL, build

pytestmark = pytest.mark.dates
NOW = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)


def _board_id(db: Database, name: str) -> int:
    with db.factory() as session:
        return session.scalars(select(Board.id).where(Board.name == name)).one()


def _clerk(db: Database, name: str, *boards: str) -> None:
    with transaction(db.factory) as session:
        member = Member(name=name, match_key=name.lower())
        session.add(member)
        for board in boards:
            found = session.scalars(select(Board).where(Board.name == board)).one()
            member.roles.append(BoardRole(board=found, role=Role.CLERK))


async def test_a_clerk_reads_only_their_boards_entries_and_their_own(
    sqlite_db: Database, serve: Serve
) -> None:
    world = build(sqlite_db.factory)
    panel = _board_id(sqlite_db, PANEL)
    _clerk(sqlite_db, "Pat Lowe", PANEL)
    with transaction(sqlite_db.factory) as session:
        log(session, actor="console:Pat Lowe", action="review-checked", subject="panel",
            detail="{}", now=NOW, board_id=panel)  # fmt: skip
        log(session, actor="cli:root", action="erasure", subject="Councillor X",
            detail="{}", now=NOW)  # fmt: skip
    bell = await signed_in(serve, sqlite_db, "Jo Bell")
    page = f"/console/meetings/{world.upcoming_id}"
    assert (await post(bell, page, f"{page}/reminders"))[0] == 200

    bells = await (await bell.get("/console/audit")).text()
    assert "reminders-resent" in bells and "Showing 1 to 1 of 1 entries" in bells
    assert "review-checked" not in bells and "erasure" not in bells

    lowe = await (
        await (await signed_in(serve, sqlite_db, "Pat Lowe")).get("/console/audit")
    ).text()
    assert "review-checked" in lowe and "reminders-resent" not in lowe and "erasure" not in lowe

    _clerk(sqlite_db, "Ray Dunn", CPB, PANEL)  # a clerk of every board
    everything = await (
        await (await signed_in(serve, sqlite_db, "Ray Dunn")).get("/console/audit")
    ).text()
    for action in ("reminders-resent", "review-checked", "erasure"):
        assert action in everything


async def test_the_members_list_comes_a_page_at_a_time_grouped_by_board(
    sqlite_db: Database, serve: Serve
) -> None:
    build(sqlite_db.factory)
    with transaction(sqlite_db.factory) as session:
        panel = session.scalars(select(Board).where(Board.name == PANEL)).one()
        bell = session.scalars(select(Member).where(Member.name == "Jo Bell")).one()
        bell.roles.append(BoardRole(board=panel, role=Role.CLERK))
        for n in range(30):
            extra = Member(name=f"Councillor Z{n:02d} Extra", match_key=f"z{n:02d} extra")
            extra.roles.append(BoardRole(board=panel, role=Role.MEMBER))
            session.add(extra)
    clerk = await signed_in(serve, sqlite_db, "Jo Bell")

    first = await (await clerk.get("/console/members")).text()
    # Corporate Parenting Board (A to Z) first: its 3 members, then the panel's.
    assert "Corporate Parenting Board: 3 members" in first and f"{PANEL}: 32 members" in first
    assert "Showing 1 to 25 of 35 members" in first
    assert first.index("Councillor M Carr") < first.index("Councillor K Patel")
    # Jo Bell sits on both; the panel's Councillor Z20 ends the first page.
    assert "Councillor Z20 Extra" in first and "Councillor Z21 Extra" not in first
    second = await (await clerk.get("/console/members?page=2")).text()
    assert "Showing 26 to 35 of 35 members" in second
    assert "Councillor Z21 Extra" in second and "Councillor M Carr" not in second
    assert f'<h2 class="govuk-heading-m">{PANEL}</h2>' in second
    assert (await clerk.get("/console/members?page=3")).status == 404


async def test_a_boards_attendance_comes_a_page_at_a_time(
    sqlite_db: Database, serve: Serve
) -> None:
    build(sqlite_db.factory)
    panel = _board_id(sqlite_db, PANEL)
    _clerk(sqlite_db, "Pat Lowe", PANEL)
    with transaction(sqlite_db.factory) as session:
        board = session.get_one(Board, panel)
        held = Meeting(board=board, date=dt.date(2024, 3, 6), status=MeetingStatus.HELD)
        for n in range(30):
            name = f"Councillor Z{n:02d} Extra"
            extra = Member(name=name, match_key=f"z{n:02d} extra")
            extra.roles.append(BoardRole(board=board, role=Role.MEMBER))
            held.attendance.append(
                Attendance(
                    member=extra,
                    name=name,
                    person_key=extra.match_key,
                    status=AttendanceStatus.PRESENT,
                    source=AttendanceSource.MINUTES,
                )
            )
            session.add(extra)
        session.add(held)
    clerk = await signed_in(serve, sqlite_db, "Pat Lowe")
    path = f"/console/boards/{panel}/attendance"

    first = await (await clerk.get(f"{path}?since=2020-01-01")).text()
    assert "Showing 1 to 25 of 30 members" in first
    assert "Councillor Z24 Extra" in first and "Councillor Z25 Extra" not in first
    second = await (await clerk.get(f"{path}?since=2020-01-01&page=2")).text()
    assert "Showing 26 to 30 of 30 members" in second and "Councillor Z29 Extra" in second
    assert "since=2020-01-01" in second  # the links keep the period
    assert (await clerk.get(f"{path}?page=9")).status == 404
