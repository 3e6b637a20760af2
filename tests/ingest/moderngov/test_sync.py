"""Syncing a followed committee from a ModernGov site into the record, on both databases."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from ingest.moderngov.sync import SourceResult, sync_all
from ingest.moderngov.xml import Committee
from storage.db import transaction
from storage.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Board,
    BoardRole,
    Meeting,
    MeetingStatus,
    MinutesStatus,
    Role,
)
from storage.sources import registry
from storage.sources.tables import Announcement, Source, SourceMeeting
from tests.conftest import Database
from tests.ingest.moderngov.council import (
    COMMITTEE,
    LATER,
    NOW,
    TITLE,
    fast_client,
    june_agenda,
)
from tests.ingest.moderngov.fake_moderngov import FakeModernGov, Item


def follow(db: Database, site: FakeModernGov, board: str | None = None) -> int:
    with transaction(db.factory) as session:
        return registry.add_source(
            session, "moderngov", site.url, Committee(str(COMMITTEE), TITLE), board
        ).id


def sync(db: Database, now: dt.datetime = NOW, **options: object) -> SourceResult:
    [result] = sync_all(db.factory, now, make_client=fast_client, **options)  # type: ignore[arg-type]
    return result


def meeting_on(db: Database, date: dt.date) -> Meeting:
    with db.factory() as session:
        meeting = session.scalars(select(Meeting).where(Meeting.date == date)).one()
        _ = [(i.decisions, i.title) for i in meeting.items], meeting.attendance, meeting.board
        return meeting


def announcements(db: Database) -> list[Announcement]:
    with db.factory() as session:
        return list(session.scalars(select(Announcement).order_by(Announcement.id)))


def count(db: Database, model: type) -> int:
    with db.factory() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_the_first_sync_reads_three_years_into_a_board_named_after_the_committee(
    db: Database, site: FakeModernGov
) -> None:
    follow(db, site)

    result = sync(db)

    assert result.ok and result.first and result.via == "web service"
    assert sorted(m.external_id for m in result.meetings) == ["4001", "4002", "4003", "4004"]
    assert {m.outcome for m in result.meetings} == {"new"}
    [listing] = site.asked("GetMeetings")
    assert listing.query == {
        "lcommitteeid": "133",
        "sfromdate": "02/06/2023",
        "stodate": "06/07/2027",
    }
    assert listing.headers["user-agent"].startswith("BoardClerk/")
    with db.factory() as session:
        assert session.scalars(select(Board.name)).all() == [TITLE]
    assert announcements(db) == []  # the first sync is history


def test_a_held_meeting_lands_with_agenda_apart_from_minutes_decisions_actions_and_roles(
    db: Database, site: FakeModernGov
) -> None:
    follow(db, site)
    sync(db)

    march = meeting_on(db, dt.date(2026, 3, 11))
    assert march.status == MeetingStatus.HELD
    assert march.minutes_status == MinutesStatus.DRAFT
    assert march.venue == "Committee Room 2, Town Hall & Annexe"
    assert march.local_start() is not None and march.local_start().hour == 10  # type: ignore[union-attr]
    [apologies, fostering, contract] = march.items
    assert fostering.title == "Fostering Recruitment Update"
    assert fostering.agenda_text == (
        "Report of the Head of Fostering.\n\nTo consider the campaign's results."
    )
    assert fostering.minutes_text is not None and "RESOLVED" in fostering.minutes_text
    assert "RESOLVED" not in (fostering.agenda_text or "")
    assert [d.text for d in fostering.decisions] == [
        "RESOLVED – That the report be noted and that the Head of Fostering circulate the "
        "recruitment figures to members by 30 April 2026."
    ]
    assert contract.exempt and not apologies.exempt
    with db.factory() as session:
        [action] = session.scalars(select(Action).where(Action.meeting_id == march.id)).all()
        assert "recruitment figures" in action.text and action.due == dt.date(2026, 4, 30)
        april = meeting_on(db, dt.date(2026, 4, 22))
        # the printed April minutes: "RESOLVED - That the Head of Transport bring a revised
        # policy to the next meeting" is a follow-up of its own
        [later] = session.scalars(select(Action).where(Action.meeting_id == april.id)).all()
        assert "revised policy" in later.text
        statuses = {a.name: a.status for a in session.scalars(select(Attendance)).all()}
        roles = {(r.member.name, r.role) for r in session.scalars(select(BoardRole)).all()}
    assert statuses["Councillor T Lindqvist"] == AttendanceStatus.APOLOGIES
    assert statuses["Councillor M Carr (Chair)"] == AttendanceStatus.PRESENT
    assert ("Councillor M Carr", Role.CHAIR) in roles
    assert ("Councillor S Patel", Role.VICE_CHAIR) in roles


def test_printed_minutes_are_read_from_the_linked_pdf_not_an_earlier_meetings(
    db: Database, site: FakeModernGov
) -> None:
    follow(db, site)
    sync(db)

    april = meeting_on(db, dt.date(2026, 4, 22))
    assert april.status == MeetingStatus.HELD
    decisions = [d.text for item in april.items for d in item.decisions]
    assert "RESOLVED - That the school place planning forecast be approved." in decisions
    assert len(site.asked("mgConvert2PDF.aspx")) == 2  # the March minutes were looked at, not kept
    assert [i.title for i in april.items][:3] == [
        "Apologies for Absence",
        "School Place Planning",
        "SEND Transport Review",
    ]


def test_a_resync_of_an_unchanged_site_writes_nothing(db: Database, site: FakeModernGov) -> None:
    follow(db, site)
    sync(db)
    with db.factory() as session:
        before = {m.id: m.updated_at for m in session.scalars(select(Meeting))}
    rows = (count(db, AgendaItem), count(db, Action), count(db, Attendance))

    again = sync(db, LATER)

    assert {m.outcome for m in again.meetings} == {"unchanged"}
    with db.factory() as session:
        assert {m.id: m.updated_at for m in session.scalars(select(Meeting))} == before
    assert (count(db, AgendaItem), count(db, Action), count(db, Attendance)) == rows
    assert announcements(db) == []
    # Later syncs read a window: 60 days back, 400 ahead.
    assert site.asked("GetMeetings")[-1].query["sfromdate"] == "02/04/2026"


def test_an_agenda_published_lands_and_is_announced_once(db: Database, site: FakeModernGov) -> None:
    follow(db, site)
    sync(db)
    june = site.meeting(4003)
    june.agenda_published, june.items = True, june_agenda()

    result = sync(db, LATER)
    sync(db, LATER + dt.timedelta(hours=6))

    assert [m.outcome for m in result.meetings if m.external_id == "4003"] == ["updated"]
    stored = meeting_on(db, dt.date(2026, 6, 17))
    assert [i.title for i in stored.items][2] == "Ofsted Inspection Outcome"
    [announcement] = announcements(db)
    assert announcement.kind == "agenda" and announcement.outcome == "pending"
    assert announcement.facts["item_count"] == 4
    assert announcement.facts["time"] == "13:30"


def test_items_on_an_agenda_the_site_has_not_published_wait_until_it_is(
    db: Database, site: FakeModernGov
) -> None:
    follow(db, site)
    sync(db)
    site.meeting(4003).items = june_agenda()

    sync(db, LATER)
    assert announcements(db) == []
    site.meeting(4003).agenda_published = True
    sync(db, LATER + dt.timedelta(hours=6))

    assert [a.kind for a in announcements(db)] == ["agenda"]


def test_items_added_to_a_published_agenda_are_announced(db: Database, site: FakeModernGov) -> None:
    follow(db, site)
    sync(db)
    site.meeting(4004).items.append(Item("2", "Exclusions Data", "<p>To note the data.</p>"))

    sync(db, LATER)

    [announcement] = announcements(db)
    assert announcement.kind == "items-added"
    assert announcement.facts["added"] == ["Exclusions Data"]


def test_a_moved_meeting_is_updated_in_place_and_announced(
    db: Database, site: FakeModernGov
) -> None:
    follow(db, site)
    sync(db)
    before = meeting_on(db, dt.date(2026, 6, 17))
    june = site.meeting(4003)
    june.date, june.time_text = dt.date(2026, 6, 24), "2.00 pm"

    sync(db, LATER)

    after = meeting_on(db, dt.date(2026, 6, 24))
    assert after.id == before.id
    assert after.local_start() is not None and after.local_start().hour == 14  # type: ignore[union-attr]
    assert count(db, Meeting) == 4
    [announcement] = announcements(db)
    assert announcement.kind == "moved"
    assert (
        announcement.facts["from_date"] == "2026-06-17"
        and announcement.facts["date"] == "2026-06-24"
    )


def test_a_cancelled_meeting_is_cancelled_and_announced(db: Database, site: FakeModernGov) -> None:
    follow(db, site)
    sync(db)
    site.meeting(4004).status = "Cancelled"

    sync(db, LATER)

    assert meeting_on(db, dt.date(2026, 7, 15)).status == MeetingStatus.CANCELLED
    assert [a.kind for a in announcements(db)] == ["cancelled"]


def test_minutes_published_land_with_decisions_and_keep_clerk_edits(
    db: Database, site: FakeModernGov
) -> None:
    follow(db, site)
    sync(db)
    march = meeting_on(db, dt.date(2026, 3, 11))
    with transaction(db.factory) as session:
        action = session.scalars(select(Action).where(Action.meeting_id == march.id)).one()
        action.status, action.edited, action.text = ActionStatus.DONE, True, "Figures sent."
    june = site.meeting(4003)
    june.date = dt.date(2026, 5, 27)  # held last week, minutes now up
    june.agenda_published = june.minutes_published = True
    june.items = [
        Item(
            "1",
            "Ofsted Inspection Outcome",
            "<p>Report of the Director.</p>",
            "<p>RESOLVED &ndash; That the inspection outcome be noted.</p>",
        )
    ]

    sync(db, LATER)

    held = meeting_on(db, dt.date(2026, 5, 27))
    assert held.status == MeetingStatus.HELD
    assert [d.text for d in held.items[0].decisions] == [
        "RESOLVED – That the inspection outcome be noted."
    ]
    assert [a.kind for a in announcements(db)] == ["minutes"]
    assert announcements(db)[0].facts["decisions"] == 1
    with db.factory() as session:
        kept = session.scalars(select(Action).where(Action.edited.is_(True))).one()
        assert (kept.status, kept.text) == (ActionStatus.DONE, "Figures sent.")


def test_a_failing_meeting_is_named_changes_nothing_and_is_fetched_again(
    db: Database, site: FakeModernGov
) -> None:
    follow(db, site)
    site.broken[4004] = "html500"
    site.broken[4003] = "malformed"

    result = sync(db)

    assert not result.ok
    failed = {m.external_id: m.error for m in result.failed}
    assert set(failed) == {"4003", "4004"}
    assert "HTTP 500" in (failed["4004"] or "") and "malformed XML" in (failed["4003"] or "")
    assert count(db, SourceMeeting) == 2  # the others still landed
    with db.factory() as session:
        assert session.scalars(select(Source.last_error)).one() is not None
    site.broken.clear()

    again = sync(db, LATER)

    assert again.ok
    assert {m.external_id: m.outcome for m in again.meetings}["4004"] == "new"


def test_an_html_error_page_with_status_200_is_retried_then_reported(
    db: Database, site: FakeModernGov
) -> None:
    follow(db, site)
    site.fail_next["GetMeeting"] = 1  # one transient failure: the retry succeeds
    site.broken[4004] = "html200"

    result = sync(db)

    assert [m.external_id for m in result.failed] == ["4004"]
    assert "web page" in (result.failed[0].error or "")


def test_a_site_with_its_web_service_off_is_read_from_its_public_pages(
    db: Database, site: FakeModernGov
) -> None:
    follow(db, site)
    site.service_off = True

    result = sync(db)

    assert result.via == "public pages" and result.notice is not None
    assert "switched off" in result.notice
    assert result.ok, result.failed
    march = meeting_on(db, dt.date(2026, 3, 11))
    fostering = next(i for i in march.items if i.title == "Fostering Recruitment Update")
    assert fostering.agenda_text and "Head of Fostering" in fostering.agenda_text
    assert [d.kind for d in fostering.decisions] == ["resolved"]
    assert sync(db, LATER).meetings[0].outcome == "unchanged"


def test_a_site_slower_than_the_timeout_fails_the_source_and_writes_nothing(
    db: Database, site: FakeModernGov
) -> None:
    follow(db, site)
    site.delay = 0.3
    [result] = sync_all(db.factory, NOW, make_client=lambda root: fast_client(root, timeout=0.1))
    assert result.error is not None and "did not answer within" in result.error
    assert count(db, Meeting) == 0


def test_printed_minutes_that_cannot_be_fetched_fail_their_meeting_only(
    db: Database, site: FakeModernGov
) -> None:
    follow(db, site)
    del site.files["pdf:9001"]

    result = sync(db)

    [failed] = result.failed
    assert failed.external_id == "4002" and "HTTP 404" in (failed.error or "")
    with db.factory() as session:
        dates = set(session.scalars(select(Meeting.date)))
    assert dt.date(2026, 4, 22) not in dates and dt.date(2026, 3, 11) in dates


def test_the_public_pages_mark_a_cancelled_meeting(db: Database, site: FakeModernGov) -> None:
    follow(db, site)
    site.service_off = True
    sync(db)
    site.meeting(4004).status = "Cancelled"

    sync(db, LATER, since=dt.date(2026, 1, 1))

    assert meeting_on(db, dt.date(2026, 7, 15)).status == MeetingStatus.CANCELLED
    assert [a.kind for a in announcements(db)] == ["cancelled"]
