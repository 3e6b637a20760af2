"""Approved absences listed and withdrawn, roles that end (former members), chat links removed."""

from __future__ import annotations

import datetime as dt

import pytest

from storage import attendance_history as attendance
from storage.db import transaction
from storage.directory import (
    DirectoryError,
    add_board,
    add_member,
    end_roles,
    give_role,
    link_identity,
    unlink_identity,
)
from storage.models import Member, Role
from tests.conftest import Database

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


def _people(db: Database) -> dict[str, int]:
    with transaction(db.factory) as session:
        cpb = add_board(session, "Corporate Parenting Board", short_name="CPB")
        hsp = add_board(session, "Health Scrutiny Panel", short_name="HSP")
        walker = add_member(session, "Councillor J Walker", board=cpb)
        give_role(session, walker, hsp, Role.MEMBER)
        carr = add_member(session, "Councillor M Carr", board=hsp)
        bell = add_member(session, "Jo Bell", board=cpb, role=Role.CLERK)
        return {
            "cpb": cpb.id,
            "hsp": hsp.id,
            "walker": walker.id,
            "carr": carr.id,
            "bell": bell.id,
        }


def test_absences_are_listed_by_member_and_board_latest_end_first(db: Database) -> None:
    ids = _people(db)
    with transaction(db.factory) as session:
        walker = session.get(Member, ids["walker"])
        carr = session.get(Member, ids["carr"])
        assert walker is not None and carr is not None
        attendance.approve_absence(session, walker, dt.date(2027, 1, 31), "surgery", today=TODAY)
        attendance.approve_absence(session, carr, dt.date(2027, 3, 31), "care duties", today=TODAY)
    with transaction(db.factory) as session:
        everyone = [(a.member.name, a.until) for a in attendance.absences(session)]
        cpb = [a.reason for a in attendance.absences(session, board_id=ids["cpb"])]
        carr_only = [a.reason for a in attendance.absences(session, member_ids=[ids["carr"]])]
    assert everyone == [
        ("Councillor M Carr", dt.date(2027, 3, 31)),
        ("Councillor J Walker", dt.date(2027, 1, 31)),
    ]
    assert cpb == ["surgery"]  # Bell clerks CPB but is not counted a member of it
    assert carr_only == ["care duties"]


def test_a_withdrawn_absence_no_longer_covers_and_cannot_be_withdrawn_twice(
    db: Database,
) -> None:
    ids = _people(db)
    with transaction(db.factory) as session:
        walker = session.get(Member, ids["walker"])
        assert walker is not None
        absence = attendance.approve_absence(
            session, walker, dt.date(2027, 1, 31), "surgery", today=TODAY
        )
        assert attendance.approved_until(session, TODAY) == {ids["walker"]: dt.date(2027, 1, 31)}
        attendance.withdraw_absence(session, absence, by="Jo Bell", now=NOW)
        absence_id = absence.id
    with transaction(db.factory) as session:
        assert attendance.approved_until(session, TODAY) == {}
        found = attendance.absence_by_id(session, absence_id)
        assert (found.withdrawn_at, found.withdrawn_by) == (NOW, "Jo Bell")
        assert attendance.absences(session, include_withdrawn=False) == []
        with pytest.raises(attendance.AttendanceError, match="already withdrawn"):
            attendance.withdraw_absence(session, found, by="Jo Bell", now=NOW)
        with pytest.raises(attendance.AttendanceError, match="no approved absence #999"):
            attendance.absence_by_id(session, 999)


def test_a_member_whose_every_role_ended_is_former_and_given_again_is_not(db: Database) -> None:
    ids = _people(db)
    with transaction(db.factory) as session:
        walker = session.get(Member, ids["walker"])
        assert walker is not None
        cpb = next(r.board for r in walker.roles if r.board_id == ids["cpb"])
        hsp = next(r.board for r in walker.roles if r.board_id == ids["hsp"])
        end_roles(session, walker, cpb, dt.date(2026, 10, 31))
        people = [ids["walker"], ids["carr"]]
        assert attendance.former_members(session, people, TODAY) == set()  # still on HSP
        assert attendance.ended_boards(session, people, TODAY) == {ids["walker"]: {ids["cpb"]}}
        end_roles(session, walker, hsp, dt.date(2026, 12, 31))
        assert attendance.former_members(session, people, TODAY) == set()  # not yet ended
        assert attendance.former_members(session, people, dt.date(2027, 1, 1)) == {ids["walker"]}
        give_role(session, walker, hsp, Role.MEMBER)
        assert attendance.former_members(session, people, dt.date(2027, 1, 1)) == set()
        with pytest.raises(DirectoryError, match="no current member role on Corporate"):
            end_roles(session, walker, cpb, TODAY, role=Role.MEMBER)


def test_a_clerk_role_alone_does_not_make_anyone_former(db: Database) -> None:
    ids = _people(db)
    with transaction(db.factory) as session:
        assert attendance.former_members(session, [ids["bell"]], TODAY) == set()


def test_unlinking_removes_only_that_platforms_links(db: Database) -> None:
    ids = _people(db)
    with transaction(db.factory) as session:
        walker = session.get(Member, ids["walker"])
        assert walker is not None
        link_identity(session, walker, "slack", "U123WALKER")
        link_identity(session, walker, "discord", "123456789012345678")
        assert unlink_identity(session, walker, "slack") == ["U123WALKER"]
        assert unlink_identity(session, walker, "teams") == []
    with transaction(db.factory) as session:
        walker = session.get(Member, ids["walker"])
        assert walker is not None
        assert [(i.platform, i.user_id) for i in walker.identities] == [
            ("discord", "123456789012345678")
        ]
