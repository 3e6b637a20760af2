"""``member absences``, ``member absence-withdraw`` and ``member role-end`` at the terminal."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.audit import AuditEntry
from storage.db import transaction
from tests.bot.cli_runner import Boardclerk
from tests.conftest import Database
from tests.storage.attendance_series import BOARD, Minuted, import_series

SERIES = [Minuted(dt.date(2026, 1, 13), ["M Carr", "J A Walker", "B Okafor"])]


@pytest.fixture
def clerk(boardclerk_sqlite: Boardclerk, sqlite_db: Database, tmp_path: Path) -> Boardclerk:
    import_series(sqlite_db.factory, tmp_path / "minutes", SERIES)
    boardclerk_sqlite.ok(
        "member", "absence-approved", "B Okafor", "--until", "2099-01-31", "--reason", "illness"
    )
    boardclerk_sqlite.ok(
        "member", "absence-approved", "J A Walker", "--until", "2098-06-30", "--reason", "caring"
    )
    return boardclerk_sqlite


def test_absences_are_listed_and_one_is_withdrawn_with_an_audit_entry(
    clerk: Boardclerk, sqlite_db: Database
) -> None:
    listed = clerk.ok("member", "absences", "--board", BOARD, "--json").json()["absences"]
    assert [(a["member"], a["until"], a["state"]) for a in listed] == [
        ("Councillor B Okafor", "2099-01-31", "current"),
        ("Councillor J A Walker", "2098-06-30", "current"),
    ]
    okafor = listed[0]["id"]

    said = clerk.ok("member", "absence-withdraw", str(okafor), "--by", "Jo Bell").stdout
    assert said == (
        "withdrew the approved absence of Councillor B Okafor (until 2099-01-31): "
        "six-month warnings resume\n"
    )
    table = clerk.ok("member", "absences", "--member", "B Okafor").stdout
    assert "withdrawn" in table and "illness" in table
    with transaction(sqlite_db.factory) as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "absence-withdrawn")
        ).one()
    assert (entry.actor, entry.subject) == ("Jo Bell", "Councillor B Okafor")
    assert json.loads(entry.detail or "{}")["absence"] == okafor


def test_ending_a_role_keeps_it_dated_in_the_members_data(clerk: Boardclerk) -> None:
    said = clerk.ok("member", "role-end", "J A Walker", "--board", BOARD, "--on", "2026-05-31")
    assert said.stdout == (
        "Councillor J A Walker's member role on Planning Committee ended on 2026-05-31\n"
    )
    listed = clerk.ok("member", "list", "--board", BOARD).stdout
    assert "ended" in listed and "2026-05-31" in listed
    held = clerk.ok("member", "data", "J A Walker", "--json", "--by", "test").json()
    assert held["roles"] == [
        {"board": BOARD, "role": "member", "since": None, "ended": "2026-05-31"}
    ]
    assert [a["reason"] for a in held["approved_absences"]] == ["caring"]
    assert [(a["meeting_date"], a["status"]) for a in held["attendance"]] == [
        ("2026-01-13", "present")
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("member", "absence-withdraw", "999"), "no approved absence #999"),
        (("member", "absences", "--board", "Nowhere"), "unknown board 'Nowhere'"),
        (("member", "role-end", "M Carr", "--board", BOARD, "--on", "May"), "invalid --on 'May'"),
        (("member", "role-end", "M Carr", "--board", BOARD, "--role", "chair"), "no current chair"),
        (("member", "role-end", "Nobody", "--board", BOARD), "unknown member 'Nobody'"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    clerk: Boardclerk, args: tuple[str, ...], message: str
) -> None:
    before = clerk.ok("export", "--json").stdout
    outcome = clerk(*args)
    assert outcome.exit_code == 2
    assert message in outcome.stderr and outcome.stderr.count("\n") == 1
    assert clerk.ok("export", "--json").stdout == before


def test_withdrawing_twice_is_refused(clerk: Boardclerk) -> None:
    [first, *_] = clerk.ok("member", "absences", "--json").json()["absences"]
    clerk.ok("member", "absence-withdraw", str(first["id"]), "--by", "x")
    outcome = clerk("member", "absence-withdraw", str(first["id"]), "--by", "x")
    assert outcome.exit_code == 2 and "already withdrawn" in outcome.stderr
