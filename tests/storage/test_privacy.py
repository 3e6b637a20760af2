"""Personal data: what subject access shows, what erasure removes, and what it must keep."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from storage import privacy, turns
from storage.attendance_history import approve_absence, withdraw_absence
from storage.db import transaction
from storage.models import (
    Action,
    Attendance,
    AttendanceSource,
    AttendanceStatus,
    Board,
    BoardRole,
    CalendarToken,
    ChatIdentity,
    ConversationReference,
    Delivery,
    Meeting,
    Member,
    Role,
)
from storage.papers.digest import set_digest
from storage.turns import ConversationTurn
from tests.conftest import Database

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@dataclass
class Ids:
    walker: int
    other: int
    past: int
    upcoming: int


def _attendance(meeting: Meeting, member: Member, reason: str, source: AttendanceSource) -> None:
    meeting.attendance.append(
        Attendance(
            member_id=member.id,
            name=member.name,
            person_key=member.match_key,
            status=AttendanceStatus.APOLOGIES,
            reason=reason,
            source=source,
        )
    )


@pytest.fixture
def ids(db: Database) -> Ids:
    """Walker: minutes-printed apologies in October, chat apologies for December, and more."""
    with transaction(db.factory) as session:
        board = Board(name="Corporate Parenting Board")
        walker = Member(name="Councillor J Walker", match_key="j walker", email="jw@example.org")
        other = Member(name="Councillor A Other", match_key="a other")
        session.add_all([board, walker, other])
        session.add_all(
            [
                BoardRole(board=board, member=walker, role=Role.MEMBER),
                BoardRole(board=board, member=other, role=Role.MEMBER),
                ChatIdentity(member=walker, platform="slack", user_id="UWALKER"),
            ]
        )
        past = Meeting(board=board, date=dt.date(2026, 10, 1))
        upcoming = Meeting(board=board, date=dt.date(2026, 12, 2))
        session.add_all([past, upcoming])
        session.flush()
        _attendance(past, walker, "county business", AttendanceSource.MINUTES)
        _attendance(past, other, "hospital appointment", AttendanceSource.CHAT)
        _attendance(upcoming, walker, "hospital appointment", AttendanceSource.CHAT)
        session.add(Action(board=board, text="Circulate the Local Offer", owner=walker))
        session.add(
            Delivery(
                key="meeting:1:walker",
                kind="meeting",
                member_id=walker.id,
                due_at=NOW,
                claimed_at=NOW,
                sent_at=NOW,
                outcome="sent",
            )
        )
        session.add(CalendarToken(member_id=walker.id, token_hash="0" * 64, created_at=NOW))
        # Teams keeps the chat it may write into; erasing the link must drop it too.
        session.add(
            ConversationReference(
                platform="slack", kind="user", key="UWALKER", reference={"conversation": {}}
            )
        )
        session.flush()
        set_digest(session, walker.id, False, NOW)
        turns.remember(
            session, f"member:{walker.id}", "undo", upcoming, {"p": "j walker"}, NOW, walker.id
        )
        return Ids(walker.id, other.id, past.id, upcoming.id)


def test_subject_access_lists_everything_held(db: Database, ids: Ids) -> None:
    with db.factory() as session:
        walker = session.get(Member, ids.walker)
        assert walker is not None
        held = privacy.member_data(session, walker)
    assert held["member"][0]["email"] == "jw@example.org"
    assert held["roles"] == [
        {"board": "Corporate Parenting Board", "role": "member", "since": None, "ended": None}
    ]
    assert held["chat_links"] == [{"platform": "slack", "user_id": "UWALKER", "team_id": None}]
    assert [(a["meeting_date"], a["reason"]) for a in held["attendance"]] == [
        ("2026-10-01", "county business"),
        ("2026-12-02", "hospital appointment"),
    ]
    assert [a["text"] for a in held["actions"]] == ["Circulate the Local Offer"]
    assert [d["kind"] for d in held["delivery_history"]] == ["meeting"]
    assert [t["kind"] for t in held["conversation"]] == ["undo"]
    assert held["calendar_links"] == [{"issued": NOW.isoformat(), "revoked": None}]
    assert held["digest_choice"] == [{"papers_digest": "off", "at": NOW.isoformat()}]


def test_subject_access_lists_approved_absences_and_forget_keeps_them(
    db: Database, ids: Ids
) -> None:
    with transaction(db.factory) as session:
        walker = session.get(Member, ids.walker)
        assert walker is not None
        absence = approve_absence(
            session, walker, dt.date(2027, 3, 31), "surgery", today=NOW.date(), recorded_by="clerk"
        )
        withdraw_absence(session, absence, by="Jo Bell", now=NOW)
        approve_absence(session, walker, dt.date(2027, 1, 31), "care duties", today=NOW.date())
    with transaction(db.factory) as session:
        walker = session.get(Member, ids.walker)
        assert walker is not None
        held = privacy.member_data(session, walker)
        privacy.forget_member(session, walker)
        kept = privacy.member_data(session, walker)["approved_absences"]
    assert [(a["until"], a["reason"], a["withdrawn_by"]) for a in held["approved_absences"]] == [
        ("2027-01-31", "care duties", None),
        ("2027-03-31", "surgery", "Jo Bell"),
    ]
    assert held["approved_absences"][1]["withdrawn_at"] == NOW.isoformat()
    assert all("substitute_for" in row for row in held["attendance"])
    assert kept == held["approved_absences"]  # the authority's record, like the minutes


def test_forget_erases_personal_data_and_keeps_the_published_record(db: Database, ids: Ids) -> None:
    with transaction(db.factory) as session:
        walker = session.get(Member, ids.walker)
        assert walker is not None
        erased = privacy.forget_member(session, walker)
    assert erased == {
        "member": 1,
        "chat_links": 1,
        "attendance": 1,
        "delivery_history": 1,
        "conversation": 1,
        "calendar_links": 1,
        "email_outbox": 0,
        "email_replies": 0,
    }
    with db.factory() as session:
        walker = session.get(Member, ids.walker)
        assert walker is not None
        assert (walker.name, walker.email, walker.identities) == ("Councillor J Walker", None, [])
        assert [r.role for r in walker.roles] == [Role.MEMBER]
        rows = session.scalars(select(Attendance).order_by(Attendance.id)).all()
        assert [(r.name, r.status, r.reason) for r in rows] == [
            ("Councillor J Walker", AttendanceStatus.APOLOGIES, "county business"),
            ("Councillor A Other", AttendanceStatus.APOLOGIES, "hospital appointment"),
            ("Councillor J Walker", AttendanceStatus.APOLOGIES, None),
        ]
        assert session.scalars(select(Delivery)).all() == []
        assert session.scalars(select(ConversationTurn)).all() == []
        assert session.scalars(select(CalendarToken)).all() == []
        assert session.scalars(select(ConversationReference)).all() == []
        assert len(session.scalars(select(Action)).all()) == 1


def test_reasons_are_erased_after_retention_but_the_attendance_stays(
    db: Database, ids: Ids
) -> None:
    with transaction(db.factory) as session:
        assert privacy.erase_expired_reasons(session, NOW, dt.timedelta(days=30)) == 1
    with db.factory() as session:
        rows = session.scalars(select(Attendance).order_by(Attendance.id)).all()
        assert [(r.meeting.date.isoformat(), r.status, r.reason) for r in rows] == [
            ("2026-10-01", AttendanceStatus.APOLOGIES, "county business"),  # as the minutes print
            ("2026-10-01", AttendanceStatus.APOLOGIES, None),
            ("2026-12-02", AttendanceStatus.APOLOGIES, "hospital appointment"),
        ]


def test_a_reason_within_its_retention_time_is_kept(db: Database, ids: Ids) -> None:
    with transaction(db.factory) as session:
        assert privacy.erase_expired_reasons(session, NOW, dt.timedelta(days=60)) == 0
