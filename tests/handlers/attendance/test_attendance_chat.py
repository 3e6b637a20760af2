"""Attendance in chat: members ask about themselves; the clerk and chair ask who hasn't come."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storage.db import transaction
from storage.directory import add_member, board_named, end_roles, member_named
from storage.models import Role
from tests.conftest import Database
from tests.handlers.builders import LONDON, say
from tests.storage.attendance_series import BOARD, Minuted, import_series

NOW = dt.datetime(2026, 7, 15, 10, 0, tzinfo=LONDON)
SERIES = [
    Minuted(dt.date(2025, 12, 9), ["M Carr", "J A Walker"], apologies=["R Hellaoui"]),
    Minuted(dt.date(2026, 1, 13), ["M Carr", "J A Walker", "B Okafor"], absent=["R Hellaoui"]),
    Minuted(
        dt.date(2026, 2, 10),
        ["M Carr", "J A Walker"],
        apologies=["B Okafor"],
        substitutes=[("R Hellaoui", "B Okafor")],
    ),
    Minuted(dt.date(2026, 3, 10), ["M Carr", "B Okafor"], apologies=["J A Walker"]),
    Minuted(dt.date(2026, 6, 9), ["M Carr", "B Okafor"], apologies=["J A Walker"]),
]


@pytest.fixture
def record(sqlite_db: Database, tmp_path: Path) -> Database:
    import_series(sqlite_db.factory, tmp_path, SERIES)
    with transaction(sqlite_db.factory) as session:
        add_member(session, "Ms P Clerk", board=board_named(session, BOARD), role=Role.CLERK)
    return sqlite_db


def test_a_member_hears_how_many_meetings_they_missed_this_year(record: Database) -> None:
    reply = say(
        record.factory, "how many meetings have I missed this year?", as_="J A Walker", now=NOW
    )
    assert reply.intent == "attendance.own" and reply.private
    assert reply.text.startswith(
        "This year (since 1 January 2026) you missed 2 meetings of 4 expected "
        "(2 with apologies, 0 without) and attended 2."
    )
    assert "only the boards Board Clerk follows" in reply.text


def test_attending_as_a_substitute_counts_as_attendance(record: Database) -> None:
    reply = say(
        record.factory, "how many meetings have I missed this year?", as_="R Hellaoui", now=NOW
    )
    assert "you missed 1 meeting of 1 expected (0 with apologies, 1 without)" in reply.text
    assert "attended 1, 1 of them as a substitute" in reply.text


def test_whats_my_attendance_names_a_period(record: Database) -> None:
    reply = say(record.factory, "what's my attendance since June?", as_="B Okafor", now=NOW)
    assert reply.text.startswith("Since 1 June 2026 you missed 0 meetings of 1 expected")


def test_the_clerk_hears_who_hasnt_attended_since(record: Database) -> None:
    reply = say(record.factory, "who hasn't attended since June?", as_="P Clerk", now=NOW)
    assert reply.intent == "attendance.not_attended"
    assert reply.items == ["Councillor J A Walker: last attended 10 February 2026"]
    assert "full record" in reply.text and "ceased" not in reply.text


def test_a_former_member_is_not_listed(record: Database) -> None:
    with transaction(record.factory) as session:
        walker = member_named(session, "J A Walker")
        end_roles(session, walker, board_named(session, BOARD), dt.date(2026, 6, 30))
    reply = say(record.factory, "who hasn't attended since June?", as_="P Clerk", now=NOW)
    assert reply.text.startswith("Everyone on your boards has attended since")


def test_anyone_else_is_told_it_is_for_the_clerk(record: Database) -> None:
    reply = say(record.factory, "who hasn't attended since June?", as_="B Okafor", now=NOW)
    assert reply.intent == "attendance.refused"
    assert "for the clerk" in reply.text


def test_a_stranger_is_asked_to_get_linked(record: Database) -> None:
    reply = say(record.factory, "what's my attendance?", as_="Nobody Known", now=NOW)
    assert reply.intent == "attendance.unknown"


def test_the_substitute_holds_the_substitute_role(record: Database) -> None:
    with record.factory() as session:
        roles = {r.role for r in member_named(session, "R Hellaoui").roles}
    assert Role.SUBSTITUTE in roles
