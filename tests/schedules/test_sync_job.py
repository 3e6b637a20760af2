"""The sync inside ``boardclerk run``: interval, lease across replicas, announcements once."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.moderngov.sync import sync_all
from ingest.moderngov.xml import Committee
from schedules.announcements import render, send_pending
from schedules.config import ReminderConfig
from schedules.notify import RecordingNotifier
from schedules.planning import load_snapshot
from schedules.sync_job import SyncService
from storage.db import transaction
from storage.sources import registry
from storage.sources.lease import take_lease
from tests.conftest import Database
from tests.ingest.moderngov.council import (
    COMMITTEE,
    LATER,
    NOW,
    TITLE,
    fast_client,
    june_agenda,
)
from tests.ingest.moderngov.fake_moderngov import FakeModernGov

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run


def service(db: Database, notifier: RecordingNotifier) -> SyncService:
    return SyncService(db.factory, notifier, dt.timedelta(hours=6), make_client=fast_client)


def follow(db: Database, site: FakeModernGov) -> None:
    with transaction(db.factory) as session:
        registry.add_source(session, "moderngov", site.url, Committee(str(COMMITTEE), TITLE))


def test_an_agenda_published_between_syncs_is_announced_once_across_replicas(
    sqlite_db: Database, site: FakeModernGov
) -> None:
    follow(sqlite_db, site)
    first, second = RecordingNotifier(), RecordingNotifier()
    replica_a, replica_b = service(sqlite_db, first), service(sqlite_db, second)
    assert replica_a.sync(NOW) is not None
    assert first.sent == []  # the first sync is history
    site.meeting(4003).agenda_published, site.meeting(4003).items = True, june_agenda()

    replica_a.sync(LATER)
    replica_b.sync(LATER + dt.timedelta(minutes=1))
    replica_b.announce(LATER + dt.timedelta(minutes=2))

    [(target, reply)] = first.sent + second.sent
    assert target.board_id is not None
    assert reply.text == (
        "The agenda for Wed 17 June, 1.30pm is out: 4 items — Apologies for Absence; "
        "Minutes of the previous meeting; Ofsted Inspection Outcome; "
        "Children's Social Care Budget 2026/27."
    )
    assert reply.title == f"{TITLE}: agenda published"


def test_a_replica_skips_its_sync_while_another_holds_the_lease(
    sqlite_db: Database, site: FakeModernGov
) -> None:
    follow(sqlite_db, site)
    assert take_lease(sqlite_db.factory, "sync", "another-replica", NOW, dt.timedelta(hours=1))

    assert service(sqlite_db, RecordingNotifier()).sync(NOW + dt.timedelta(minutes=5)) is None
    assert site.requests == []


def test_an_announcement_too_old_to_be_news_is_dropped_not_sent(
    sqlite_db: Database, site: FakeModernGov
) -> None:
    follow(sqlite_db, site)
    notifier = RecordingNotifier()
    service(sqlite_db, notifier).sync(NOW)
    site.meeting(4004).status = "Cancelled"
    sync_all(sqlite_db.factory, LATER, make_client=fast_client)

    report = send_pending(sqlite_db.factory, notifier, LATER + dt.timedelta(days=3))

    assert len(report.dropped) == 1 and notifier.sent == []


@pytest.mark.parametrize(
    ("kind", "facts", "expected"),
    [
        (
            "moved",
            {
                "from_date": "2026-06-17",
                "from_time": "13:30",
                "date": "2026-06-24",
                "time": "14:00",
            },
            "The meeting on Wed 17 June, 1.30pm has moved to Wed 24 June, 2.00pm.",
        ),
        (
            "cancelled",
            {"date": "2026-07-15", "time": None},
            "The meeting on Wed 15 July has been cancelled.",
        ),
        (
            "items-added",
            {"date": "2026-07-15", "time": "13:00", "added": ["Exclusions Data"]},
            "1 item has been added to the agenda for Wed 15 July, 1.00pm: Exclusions Data.",
        ),
        (
            "minutes",
            {"date": "2026-05-27", "time": "13:30", "decisions": 3},
            "The minutes of the meeting on Wed 27 May, 1.30pm are published: 3 decisions. "
            "Ask about them with /ask, e.g. “/ask what was decided about …”.",
        ),
    ],
)
def test_announcements_are_worded_for_members(
    kind: str, facts: dict[str, object], expected: str
) -> None:
    assert render(kind, {"board": TITLE, **facts}).text == expected


def test_reminders_follow_a_meeting_the_site_moves_and_drop_one_it_cancels(
    sqlite_db: Database, site: FakeModernGov
) -> None:
    follow(sqlite_db, site)
    sync_all(sqlite_db.factory, NOW, make_client=fast_client)
    site.meeting(4003).date = dt.date(2026, 6, 24)
    site.meeting(4004).status = "Cancelled"

    sync_all(sqlite_db.factory, LATER, make_client=fast_client)

    with sqlite_db.factory() as session:
        snapshot = load_snapshot(session, LATER, LATER + dt.timedelta(days=60), ReminderConfig())
    starts = [m.starts_at for m in snapshot.meetings]
    assert starts == [dt.datetime(2026, 6, 24, 12, 30, tzinfo=dt.UTC)]  # 13:30 BST, July gone
