"""A sync that heals itself: failures retried, decisions read, withdrawals followed."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from handlers.messages import Reply
from ingest.moderngov.sync import SourceResult, sync_all
from ingest.moderngov.xml import Committee
from schedules.announcements import render
from storage.db import transaction
from storage.models import AgendaItem, Meeting, MeetingStatus, MinutesStatus
from storage.sources import registry
from storage.sources.apply import read_status
from storage.sources.tables import Announcement, Source
from tests.conftest import Database
from tests.handlers.builders import say
from tests.ingest.moderngov.council import (
    BUDGET,
    BUDGET_DECISION,
    CABINET,
    COMMITTEE,
    LATER,
    NOW,
    TITLE,
    fast_client,
)
from tests.ingest.moderngov.fake_moderngov import FakeModernGov, Item
from tests.ingest.moderngov.fake_moderngov import Meeting as SiteMeeting


def follow(db: Database, site: FakeModernGov, committee: int = COMMITTEE) -> int:
    title = TITLE if committee == COMMITTEE else "Cabinet"
    with transaction(db.factory) as session:
        return registry.add_source(
            session, "moderngov", site.url, Committee(str(committee), title)
        ).id


def sync(db: Database, now: dt.datetime = NOW) -> SourceResult:
    [result] = sync_all(db.factory, now, make_client=fast_client)
    return result


def failing(db: Database) -> list[str]:
    with db.factory() as session:
        return list(session.scalars(select(Source.failed_meetings)).one())


def meeting_on(db: Database, date: dt.date) -> Meeting:
    with db.factory() as session:
        meeting = session.scalars(select(Meeting).where(Meeting.date == date)).one()
        _ = [(i.decisions, i.title) for i in meeting.items], meeting.board
        return meeting


def announced(db: Database) -> list[Announcement]:
    with db.factory() as session:
        return list(session.scalars(select(Announcement).order_by(Announcement.id)))


# --- failed meetings --------------------------------------------------------------------


def test_a_meeting_that_failed_on_the_first_sync_lands_later_though_outside_the_window(
    db: Database, site: FakeModernGov
) -> None:
    follow(db, site)
    site.broken[4001] = "html500"  # 11 March: later syncs read only from 2 April on

    first = sync(db)

    assert [m.external_id for m in first.failed] == ["4001"]
    assert failing(db) == ["4001"]
    again = sync(db, LATER)  # still broken: still on the list
    assert [m.external_id for m in again.failed] == ["4001"] and failing(db) == ["4001"]
    site.broken.clear()

    healed = sync(db, LATER + dt.timedelta(days=1))

    assert healed.ok and failing(db) == []
    assert {m.external_id: m.outcome for m in healed.meetings}["4001"] == "new"
    assert site.asked("GetMeetings")[-1].query["sfromdate"] == "03/04/2026"
    march = meeting_on(db, dt.date(2026, 3, 11))
    assert [i.title for i in march.items][1] == "Fostering Recruitment Update"
    with db.factory() as session:
        assert session.scalars(select(Source.last_error)).one() is None
    assert sync(db, LATER + dt.timedelta(days=2)).meetings[-1].external_id != "4001"


def test_the_public_pages_retry_a_failed_meeting_too(db: Database, site: FakeModernGov) -> None:
    follow(db, site)
    site.service_off = True
    site.broken[4001] = "html500"
    assert [m.external_id for m in sync(db).failed] == ["4001"]
    site.broken.clear()

    healed = sync(db, LATER)

    assert healed.ok and failing(db) == []
    assert {m.external_id: m.outcome for m in healed.meetings}["4001"] == "new"
    assert meeting_on(db, dt.date(2026, 3, 11)).status == MeetingStatus.HELD


def test_the_public_pages_are_read_for_every_year_of_the_window(
    db: Database, site: FakeModernGov
) -> None:
    follow(db, site)
    site.service_off = True
    site.committee(COMMITTEE).meetings.append(
        SiteMeeting(3900, dt.date(2025, 11, 19), "10.00 am", agenda_published=True)
    )

    result = sync(db)

    assert result.ok and "3900" in {m.external_id for m in result.meetings}
    years = [r.query.get("year") for r in site.asked("ieListMeetings.aspx")]
    assert years == ["2023", "2024", "2025", "2026", "2027"]
    assert meeting_on(db, dt.date(2025, 11, 19)).board.name == TITLE


# --- executive decisions ----------------------------------------------------------------


def test_a_cabinet_decision_published_later_lands_is_announced_and_answers_the_question(
    db: Database, site: FakeModernGov
) -> None:
    follow(db, site, CABINET)
    sync(db)
    held = meeting_on(db, dt.date(2026, 5, 12))
    assert all(not item.decisions for item in held.items)  # written, not yet published
    for item in site.meeting(5101).items:
        item.decision_published = True

    result = sync(db, LATER)

    assert [m.outcome for m in result.meetings] == ["updated"]
    held = meeting_on(db, dt.date(2026, 5, 12))
    assert held.status == MeetingStatus.HELD
    assert held.minutes_status == MinutesStatus.NONE  # decisions, not minutes
    budget = next(item for item in held.items if item.title == BUDGET)
    assert [d.text for d in budget.decisions] == [BUDGET_DECISION]
    assert budget.decision_url == f"{site.url}/ieDecisionDetails.aspx?AIId=7105"
    assert "Reasons for the decision" in (budget.minutes_text or "")
    transport = next(item for item in held.items if item.title == "Local Transport Plan")
    assert [d.text for d in transport.decisions] == ["To adopt the Local Transport Plan 2026–2031."]
    [news] = announced(db)
    assert news.kind == "decisions"
    assert news.facts["decided"] == [BUDGET, "Local Transport Plan"]
    assert render(news.kind, news.facts).title == "Cabinet: decisions published"
    sync(db, LATER + dt.timedelta(hours=6))
    assert len(announced(db)) == 1

    reply: Reply = say(db.factory, "what did cabinet decide on the budget?", now=LATER)

    shown = reply.as_plain_text()
    assert "312.4 million" in shown and "4.99 per cent" in shown
    assert any(c.url == budget.decision_url for c in reply.citations)
    assert "ieDecisionDetails.aspx?AIId=7105" in shown


def test_a_decision_the_site_has_not_published_is_not_read(
    db: Database, site: FakeModernGov
) -> None:
    follow(db, site, CABINET)
    site.meeting(5101).items[1].decision_published = True  # only the budget's

    sync(db)

    held = meeting_on(db, dt.date(2026, 5, 12))
    decided = {item.title: bool(item.decisions) for item in held.items}
    assert decided == {"Apologies for Absence": False, BUDGET: True, "Local Transport Plan": False}


# --- statuses -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "word", "note"),
    [
        ("Confirmed", "confirmed", None),
        ("Confirmed; Budget Council", "confirmed", "Budget Council"),
        ("Cancelled - moved to 14 May", "cancelled", "moved to 14 May"),
        ("  Postponed (to be rearranged). ", "postponed", "to be rearranged"),
        ("Confirmed - cancellation of item 4 noted", "confirmed", "cancellation of item 4 noted"),
        ("", "", None),
    ],
)
def test_a_status_is_read_by_its_first_word_and_the_rest_kept(
    printed: str, word: str, note: str | None
) -> None:
    assert read_status(printed) == (word, note)


def test_a_qualified_status_keeps_its_note_and_a_cancellation_says_why(
    db: Database, site: FakeModernGov
) -> None:
    follow(db, site)
    site.meeting(4003).status = "Confirmed; Budget Council"
    sync(db)
    june = meeting_on(db, dt.date(2026, 6, 17))
    assert (june.status, june.status_note) == (MeetingStatus.SCHEDULED, "Budget Council")
    site.meeting(4004).status = "Cancelled - moved to 14 May"

    sync(db, LATER)

    july = meeting_on(db, dt.date(2026, 7, 15))
    assert (july.status, july.status_note) == (MeetingStatus.CANCELLED, "moved to 14 May")
    [news] = announced(db)
    assert news.kind == "cancelled" and news.facts["note"] == "moved to 14 May"
    assert render(news.kind, news.facts).text == (
        "The meeting on Wed 15 July, 1.00pm has been cancelled. "
        "The council's note: moved to 14 May."
    )


# --- withdrawn and hidden items -------------------------------------------------------------


def test_an_item_withdrawn_from_a_published_agenda_is_removed_and_announced(
    db: Database, site: FakeModernGov
) -> None:
    july = site.meeting(4004)
    july.items.append(Item("2", "Exclusions Data", "<p>To note the data.</p>", item_id=8802))
    follow(db, site)
    sync(db)
    assert len(meeting_on(db, dt.date(2026, 7, 15)).items) == 2
    july.items = july.items[:1]

    sync(db, LATER)

    assert [i.title for i in meeting_on(db, dt.date(2026, 7, 15)).items] == [
        "Annual Report of the Virtual School"
    ]
    [news] = announced(db)
    assert news.kind == "items-withdrawn" and news.facts["withdrawn"] == ["Exclusions Data"]
    assert render(news.kind, news.facts).text == (
        "1 item has been withdrawn from the agenda for Wed 15 July, 1.00pm: Exclusions Data."
    )


def test_an_item_the_site_hides_is_never_stored_nor_announced(
    db: Database, site: FakeModernGov
) -> None:
    july = site.meeting(4004)
    secret = Item("2", "Staffing Restructure", "<p>Private report.</p>", item_id=8803)
    secret.display_allowed = False
    july.items.append(secret)
    visible = Item("3", "Exclusions Data", "<p>To note the data.</p>", item_id=8802)
    july.items.append(visible)
    follow(db, site)

    sync(db)

    titles = [i.title for i in meeting_on(db, dt.date(2026, 7, 15)).items]
    assert "Staffing Restructure" not in titles and "Exclusions Data" in titles
    visible.display_allowed = False  # hidden after it was shown: taken off without a word
    sync(db, LATER)
    with db.factory() as session:
        assert session.scalars(select(AgendaItem.title)).all().count("Exclusions Data") == 0
        assert not session.scalars(
            select(AgendaItem).where(AgendaItem.title == "Staffing Restructure")
        ).all()
    assert announced(db) == []
