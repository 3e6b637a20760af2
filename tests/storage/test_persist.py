"""Storing parsed documents: one meeting per (board, date), updated in place, never duplicated."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ingest import DocumentError, parse_document
from ingest.runner import import_paths
from storage.db import transaction
from storage.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Board,
    BoardRole,
    Decision,
    Document,
    Meeting,
    MeetingStatus,
    Member,
    MinutesStatus,
    Role,
)
from storage.persist import ImportSummary, content_hash, import_document
from tests.conftest import Database
from tests.ingest.conftest import EXAMPLES, FIXTURES

SEED_2018 = (
    Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "003_dd52646ca0c8b0f6.txt"
)
MINUTES = EXAMPLES / "northmoor-cpb-2026-03-11-minutes.txt"


def store(
    db: Database, data: bytes, *, name: str = "doc.txt", board: str | None = None
) -> ImportSummary:
    parsed = parse_document(data, name=name)
    with transaction(db.factory) as session:
        return import_document(
            session, parsed, board_name_override=board, path=name, content_hash=content_hash(data)
        )


def count(session: Session, model: type[object]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def meeting_on(session: Session, date: dt.date) -> Meeting:
    return session.scalars(select(Meeting).where(Meeting.date == date)).one()


def test_formal_minutes_are_stored_with_people_roles_and_follow_ups(db: Database) -> None:
    summary = store(db, MINUTES.read_bytes())
    assert (summary.board, summary.meeting_date, summary.kind) == (
        "Corporate Parenting Board",
        dt.date(2026, 3, 11),
        "minutes",
    )
    assert summary.meeting_created and summary.error is None
    with db.factory() as session:
        meeting = meeting_on(session, dt.date(2026, 3, 11))
        assert meeting.status == MeetingStatus.HELD
        assert meeting.local_start() == dt.datetime(2026, 3, 11, 14, 0, tzinfo=meeting.board.tz)
        assert [i.number for i in meeting.items] == ["26/1", "26/2", "26/3", "26/4", "26/5"]
        assert meeting.items[1].decisions[0].text.startswith("AGREED as follows: 1. That")
        chair = session.scalars(select(Member).where(Member.match_key == "h adeyemi")).one()
        assert chair.name == "Councillor H Adeyemi"
        assert {r.role for r in chair.roles} == {Role.CHAIR, Role.MEMBER}
        carver = session.scalars(select(Member).where(Member.match_key == "e carver")).one()
        assert Role.CO_OPTED in {r.role for r in carver.roles}
        statuses = {a.person_key: a.status for a in meeting.attendance}
        assert statuses["t lindqvist"] == AttendanceStatus.APOLOGIES
        assert statuses["p hargreaves"] == AttendanceStatus.SUBSTITUTE
        assert all(a.member_id is not None for a in meeting.attendance)


def test_next_meeting_and_deferred_item_create_the_later_meeting(db: Database) -> None:
    store(db, MINUTES.read_bytes())
    with db.factory() as session:
        later = meeting_on(session, dt.date(2026, 6, 17))
        assert later.status == MeetingStatus.SCHEDULED
        assert later.local_start() == dt.datetime(2026, 6, 17, 14, 0, tzinfo=later.board.tz)
        [carried] = later.items
        source = session.scalars(select(AgendaItem).where(AgendaItem.number == "26/4")).one()
        assert carried.carried_from_item_id == source.id
        assert source.deferred_to_meeting_id == later.id
        action = session.scalars(select(Action).where(Action.item_id == source.id)).one()
        assert (action.due, action.due_meeting_id) == (dt.date(2026, 6, 17), later.id)


def row_counts(db: Database) -> dict[str, int]:
    tables = (Meeting, AgendaItem, Decision, Action, Attendance, Member, BoardRole, Document)
    with db.factory() as session:
        return {table.__name__: count(session, table) for table in tables}


def test_the_same_file_twice_changes_nothing(db: Database) -> None:
    data = MINUTES.read_bytes()
    store(db, data)
    before = row_counts(db)
    again = store(db, data)
    assert again.unchanged
    assert row_counts(db) == before


def test_a_newer_version_updates_in_place_and_keeps_action_status(db: Database) -> None:
    draft = MINUTES.read_bytes().replace(b"NORTHMOOR BOROUGH COUNCIL", b"DRAFT MINUTES", 1)
    store(db, draft)
    with transaction(db.factory) as session:
        assert meeting_on(session, dt.date(2026, 3, 11)).minutes_status == MinutesStatus.DRAFT
        actions = session.scalars(select(Action).order_by(Action.id)).all()
        actions[0].status = ActionStatus.DONE
        actions[1].text = "Send the EET figures to every Board member"
        actions[1].edited = True
        before = (count(session, AgendaItem), count(session, Action), count(session, Attendance))
    confirmed = (
        MINUTES.read_bytes()
        .replace(b"NORTHMOOR BOROUGH COUNCIL", b"CONFIRMED MINUTES", 1)
        .replace(
            b"AGREED that the update be noted.",
            b"AGREED that the update be noted.\n\nAGREED that the audit findings be shared with "
            b"the Children in Care Council.",
        )
    )
    summary = store(db, confirmed)
    assert not summary.meeting_created and not summary.unchanged
    with db.factory() as session:
        meeting = meeting_on(session, dt.date(2026, 3, 11))
        assert meeting.minutes_status == MinutesStatus.CONFIRMED
        assert (
            count(session, AgendaItem),
            count(session, Action),
            count(session, Attendance),
        ) == before
        assert [d.text for d in meeting.items[2].decisions] == [
            "AGREED that the update be noted.",
            "AGREED that the audit findings be shared with the Children in Care Council.",
        ]
        actions = session.scalars(select(Action).order_by(Action.id)).all()
        assert actions[0].status == ActionStatus.DONE
        assert actions[1].text == "Send the EET figures to every Board member"
        assert count(session, Document) == 2


def test_agenda_then_minutes_fill_the_same_meeting(db: Database) -> None:
    agenda = (
        b"CORPORATE PARENTING BOARD\nAGENDA\nDate: Wednesday 11 March 2026\nTime: 2.00 pm\n\n"
        b"26/1 MINUTES OF THE MEETING HELD ON 3 DECEMBER 2025\n\nTo confirm the minutes.\n\n"
        b"26/2 CARE LEAVERS' LOCAL OFFER - ANNUAL REFRESH\n\nReport of the Director.\n"
    )
    first = store(db, agenda, name="agenda.txt")
    assert first.kind == "agenda"
    with db.factory() as session:
        meeting = meeting_on(session, dt.date(2026, 3, 11))
        assert meeting.status == MeetingStatus.SCHEDULED
        assert [i.agenda_text for i in meeting.items] == [
            "To confirm the minutes.",
            "Report of the Director.",
        ]
    store(db, MINUTES.read_bytes())
    with db.factory() as session:
        meeting = meeting_on(session, dt.date(2026, 3, 11))
        assert meeting.status == MeetingStatus.HELD
        assert len(meeting.items) == 5
        local_offer = meeting.items[1]
        assert local_offer.agenda_text == "Report of the Director."
        assert local_offer.minutes_text is not None and local_offer.decisions


def test_the_carried_item_is_the_one_the_next_agenda_lists(db: Database) -> None:
    store(db, MINUTES.read_bytes())
    agenda = (
        b"Corporate Parenting Board\nAgenda\nDate: 17 June 2026\n\n"
        b"1. Apologies for absence\n\nTo receive apologies.\n\n"
        b"2. Fostering Recruitment Campaign\n\nReport of the Fostering Service Manager.\n"
    )
    store(db, agenda, name="june-agenda.txt")
    with db.factory() as session:
        later = meeting_on(session, dt.date(2026, 6, 17))
        assert [i.title for i in later.items] == [
            "Apologies for absence",
            "Fostering Recruitment Campaign",
        ]
        assert later.items[1].carried_from_item_id is not None


def test_one_person_across_documents_but_never_two_people_merged(db: Database) -> None:
    template = (
        "CORPORATE PARENTING BOARD\n\nA meeting of the Corporate Parenting Board was held on {date}.\n\n"
        "PRESENT: {names}.\n\n1. MINUTES\n\nAGREED that the minutes be approved.\n"
    )
    store(
        db,
        template.format(date="3 May 2023", names="Councillors J A Walker (Chair), M Carr").encode(),
    )
    store(
        db,
        template.format(date="5 July 2023", names="Councillors J Walker, Margaret Carr").encode(),
    )
    store(
        db, template.format(date="6 September 2023", names="Councillors C Walker and Carr").encode()
    )
    with db.factory() as session:
        keys = sorted(session.scalars(select(Member.match_key)))
        assert keys == ["c walker", "j a walker", "m carr"]
        walker = session.scalars(select(Member).where(Member.match_key == "j a walker")).one()
        assert (
            len(session.scalars(select(Attendance).where(Attendance.member_id == walker.id)).all())
            == 2
        )


def test_a_bare_surname_shared_by_two_members_stays_unlinked(db: Database) -> None:
    template = (
        "CORPORATE PARENTING BOARD\n\nA meeting of the Corporate Parenting Board was held on {date}.\n\n"
        "PRESENT: {names}.\n\n1. MINUTES\n\nAGREED that the minutes be approved.\n"
    )
    store(
        db, template.format(date="3 May 2023", names="Councillors J Walker and C Walker").encode()
    )
    store(db, template.format(date="5 July 2023", names="Councillor Walker").encode())
    with db.factory() as session:
        row = session.scalars(select(Attendance).where(Attendance.person_key == "walker")).one()
        assert row.member_id is None
        assert count(session, Member) == 2


def test_the_latest_minutes_say_who_chairs(db: Database) -> None:
    template = (
        "CORPORATE PARENTING BOARD\n\nA meeting of the Corporate Parenting Board was held on {date}.\n\n"
        "PRESENT: {names}.\n\n1. MINUTES\n\nAGREED that the minutes be approved.\n"
    )
    store(db, template.format(date="3 May 2023", names="Councillors A Old (Chair), B New").encode())
    store(
        db, template.format(date="5 July 2023", names="Councillors B New (Chair), A Old").encode()
    )
    store(
        db, template.format(date="1 March 2023", names="Councillors A Old (Chair), B New").encode()
    )
    with db.factory() as session:
        chairs = session.scalars(
            select(Member.match_key).join(BoardRole).where(BoardRole.role == Role.CHAIR)
        ).all()
        assert chairs == ["b new"]


def test_board_found_by_alias_and_override(db: Database) -> None:
    with transaction(db.factory) as session:
        session.add(
            Board(name="Corporate Parenting Board", short_name="CPB", aliases=["You Matter to Us"])
        )
    summary = store(db, (FIXTURES / "date-held-on.txt").read_bytes(), board="cpb")
    assert summary.board == "Corporate Parenting Board"
    with db.factory() as session:
        assert count(session, Board) == 1


def test_a_document_without_a_board_needs_one(db: Database) -> None:
    data = b"Minutes\n\nHeld on 3 May 2023\n\n1. Apologies\n\nNone.\n"
    with pytest.raises(DocumentError, match="which board"):
        store(db, data)
    assert store(db, data, board="Fostering Panel").board == "Fostering Panel"


def test_summary_as_json() -> None:
    summary = ImportSummary(path="a.txt", board="B", meeting_date=dt.date(2026, 3, 11), items=3)
    assert json.loads(summary.to_json())["meeting_date"] == "2026-03-11"
    assert json.loads(summary.to_json())["items"] == 3


# --- folders ---------------------------------------------------------------------------


def test_a_folder_import_goes_on_past_a_broken_file(db: Database, tmp_path: Path) -> None:
    for source in EXAMPLES.iterdir():
        (tmp_path / source.name).write_bytes(source.read_bytes())
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 nothing here")
    (tmp_path / "notes.docx").write_bytes(b"ignored: not a document type we read")
    seen: list[str] = []
    results = import_paths(db.factory, [tmp_path], progress=lambda r: seen.append(r.path))
    assert len(results) == len(seen) == 7
    failed = [r for r in results if r.error]
    assert [Path(r.path).name for r in failed] == ["broken.pdf"]
    assert all(r.board == "Corporate Parenting Board" for r in results if not r.error)
    with db.factory() as session:
        assert count(session, Board) == 1
        held = session.scalars(
            select(Meeting.date).where(Meeting.status == MeetingStatus.HELD)
        ).all()
        assert sorted(held) == [
            dt.date(2025, 9, 17),
            dt.date(2025, 12, 3),
            dt.date(2026, 3, 11),
            dt.date(2026, 6, 17),
            dt.date(2026, 9, 16),
        ]
        december = meeting_on(session, dt.date(2026, 12, 9))
        assert december.status == MeetingStatus.SCHEDULED and len(december.items) == 8
        assert december.minutes_status == MinutesStatus.NONE
    again = import_paths(db.factory, [tmp_path])
    assert all(r.unchanged for r in again if not r.error)


@pytest.mark.skipif(
    not SEED_2018.is_file(), reason=f"seed documents not found at {SEED_2018.parent}"
)
def test_the_2018_seed_imports_its_follow_ups_and_next_meeting(db: Database) -> None:
    summary = store(db, SEED_2018.read_bytes(), name=SEED_2018.name)
    assert (summary.items, summary.actions, summary.attendance) == (10, 4, 22)
    with db.factory() as session:
        meeting = meeting_on(session, dt.date(2018, 9, 12))
        assert meeting.starts_at is None
        november = meeting_on(session, dt.date(2018, 11, 7))
        assert november.local_start() == dt.datetime(2018, 11, 7, 15, 0, tzinfo=november.board.tz)
        assert sorted(i.title for i in november.items) == [
            "DRAFT LOCAL OFFER FOR CARE LEAVERS (E-BROCHURE)",
            "OFSTED FOCUSED VISIT AUGUST 2018 - VERBAL UPDATE",
        ]
        due = session.scalars(select(Action.due).order_by(Action.id)).all()
        assert due == [None, None, dt.date(2018, 11, 7), dt.date(2018, 11, 7)]
