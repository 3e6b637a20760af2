"""Calendar storage: board slugs, SEQUENCE bumped wherever a meeting changes, hashed tokens."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from storage import directory
from storage.calendar import (
    board_by_slug,
    board_slug,
    hash_token,
    issue_token,
    member_for_token,
)
from storage.db import transaction
from storage.models import CalendarToken, Meeting
from storage.parsed import ParsedDocument, ParsedItem
from storage.persist import import_document
from tests.conftest import Database

NOW = dt.datetime(2026, 11, 28, 12, tzinfo=dt.UTC)


def test_a_slug_is_the_name_in_lower_case_with_other_characters_as_single_dashes() -> None:
    assert board_slug("Corporate Parenting Board") == "corporate-parenting-board"
    assert (
        board_slug("Children's Services – Scrutiny Panel") == "children-s-services-scrutiny-panel"
    )
    assert board_slug("  Audit & Governance (2026)  ") == "audit-governance-2026"
    assert board_slug("Pwyllgor Craffu Ynys Môn") == "pwyllgor-craffu-ynys-mon"


def test_a_board_is_found_by_its_slug(db: Database) -> None:
    with transaction(db.factory) as session:
        directory.add_board(session, "Corporate Parenting Board")
        assert board_by_slug(session, "corporate-parenting-board") is not None
        assert board_by_slug(session, "corporate-parenting") is None


def _agenda(
    venue: str, time: dt.time, title: str = "Fostering Recruitment Update"
) -> ParsedDocument:
    return ParsedDocument(
        kind="agenda",
        format="text",
        date=dt.date(2026, 12, 9),
        time=time,
        board_name="Corporate Parenting Board",
        venue=venue,
        items=(ParsedItem(number="1", title=title),),
    )


def _sequence(db: Database) -> int:
    with transaction(db.factory) as session:
        return session.scalars(select(Meeting.sequence)).one()


def test_the_importers_upsert_bumps_sequence_only_when_time_venue_or_status_changes(
    db: Database,
) -> None:
    agenda = _agenda("Committee Room 2", dt.time(15))
    with transaction(db.factory) as session:
        import_document(session, agenda)
    first = _sequence(db)

    with transaction(db.factory) as session:  # a new agenda title: not a calendar change
        import_document(session, _agenda("Committee Room 2", dt.time(15), "Fostering Update"))
    unchanged = _sequence(db)
    with transaction(db.factory) as session:
        import_document(session, dataclasses.replace(agenda, venue="Council Chamber"))
    moved_room = _sequence(db)
    with transaction(db.factory) as session:
        import_document(session, _agenda("Council Chamber", dt.time(10)))
    new_time = _sequence(db)

    assert first == unchanged == 0
    assert moved_room == 1
    assert new_time == 2


def test_only_the_tokens_hash_is_stored_and_it_finds_its_member(db: Database) -> None:
    with transaction(db.factory) as session:
        member = directory.add_member(session, "Councillor J A Walker")
        token = issue_token(session, member, NOW)
    with transaction(db.factory) as session:
        stored = session.scalars(select(CalendarToken.token_hash)).all()
        found = member_for_token(session, token)

        assert stored == [hash_token(token)]
        assert token not in stored
        assert found is not None and found.name == "Councillor J A Walker"
        assert member_for_token(session, token[:-1] + ("A" if token[-1] != "A" else "B")) is None


def test_a_reset_revokes_every_earlier_token_and_the_new_one_works(db: Database) -> None:
    with transaction(db.factory) as session:
        member = directory.add_member(session, "Councillor J A Walker")
        phone = issue_token(session, member, NOW)
        laptop = issue_token(session, member, NOW)
        fresh = issue_token(session, member, NOW + dt.timedelta(hours=1), reset=True)
    with transaction(db.factory) as session:
        assert member_for_token(session, phone) is None
        assert member_for_token(session, laptop) is None
        assert member_for_token(session, fresh) is not None
        revoked = session.scalars(
            select(CalendarToken.revoked_at).where(CalendarToken.revoked_at.is_not(None))
        ).all()
        assert revoked == [NOW + dt.timedelta(hours=1)] * 2
