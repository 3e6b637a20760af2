"""``boardclerk member data`` and ``member forget``: subject access and erasure, audited."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.audit import AuditEntry
from storage.models import Attendance, ChatIdentity
from tests.bot.cli_runner import Boardclerk
from tests.conftest import Database
from tests.handlers.builders import build

WALKER = "Councillor J Walker"


def _prepare(boardclerk: Boardclerk) -> None:
    boardclerk.ok("member", "link", WALKER, "--slack", "UWALKER")
    boardclerk.ok(
        "say", "--as", WALKER, "--now", "2026-11-23T10:00", "apologies for 2 December – flu"
    )


def _walkers_links(session: Session) -> list[ChatIdentity]:
    return list(session.scalars(select(ChatIdentity).where(ChatIdentity.user_id == "UWALKER")))


def _audit(db: Database) -> list[tuple[str, str, str]]:
    with db.factory() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(e.actor, e.action, e.subject) for e in rows]


def test_member_data_prints_everything_held_and_is_audited(
    db: Database, boardclerk: Boardclerk
) -> None:
    build(db.factory)
    _prepare(boardclerk)

    held = boardclerk.ok("member", "data", WALKER, "--json", "--by", "dpo").json()

    assert held["chat_links"] == [{"platform": "slack", "user_id": "UWALKER", "team_id": None}]
    assert held["member"][0]["email"] == "j.walker@example.org"
    assert "flu" in [a["reason"] for a in held["attendance"]]
    assert _audit(db) == [("dpo", "subject-access", WALKER)]
    readable = boardclerk.ok("member", "data", WALKER).stdout
    assert "chat links (1)" in readable and "slack" in readable


def test_member_forget_asks_first_and_changes_nothing_when_refused(
    db: Database, boardclerk: Boardclerk
) -> None:
    build(db.factory)
    _prepare(boardclerk)

    refused = boardclerk("member", "forget", WALKER, input="n\n")

    assert refused.exit_code == 1 and "nothing erased" in refused.stdout
    with db.factory() as session:
        assert len(_walkers_links(session)) == 1
    assert _audit(db) == []


def test_member_forget_keeps_the_published_attendance_record_whole(
    db: Database, boardclerk: Boardclerk
) -> None:
    build(db.factory)
    _prepare(boardclerk)
    with db.factory() as session:
        before = [
            (r.meeting_id, r.name, r.status, r.source)
            for r in session.scalars(select(Attendance).order_by(Attendance.id))
        ]

    out = boardclerk.ok("member", "forget", WALKER, "--yes", "--by", "dpo").stdout

    assert "erased Councillor J Walker's personal data" in out
    with db.factory() as session:
        rows = session.scalars(select(Attendance).order_by(Attendance.id)).all()
        assert [(r.meeting_id, r.name, r.status, r.source) for r in rows] == before
        assert "flu" not in [r.reason for r in rows]
        assert _walkers_links(session) == []
    assert _audit(db) == [("dpo", "erasure", WALKER)]


def test_an_unknown_member_is_one_line_and_nothing_is_logged(
    db: Database, boardclerk: Boardclerk
) -> None:
    build(db.factory)
    for command in (["member", "data", "Nobody"], ["member", "forget", "Nobody", "--yes"]):
        outcome = boardclerk(*command)
        assert outcome.exit_code == 2
        assert (
            outcome.stderr.startswith("error: unknown member") and outcome.stderr.count("\n") == 1
        )
    assert _audit(db) == []
