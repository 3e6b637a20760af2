"""A sync sees a meeting as changed only when what the site sent changed.

The fingerprint is taken from the site's answer in a canonical form, not from
our dataclasses, so reading a new field off the site later does not make every
followed meeting look changed (and re-imported).
"""

from __future__ import annotations

import datetime as dt
import urllib.request
from typing import Any

from sqlalchemy import select

from ingest.moderngov.fingerprint import (
    canonical_page,
    canonical_xml,
    meeting_fingerprint,
    page_fingerprint,
)
from ingest.moderngov.sync import SourceResult, sync_all
from ingest.moderngov.xml import Committee
from storage.db import transaction
from storage.models import Meeting
from storage.sources import registry
from storage.sources.tables import SourceMeeting
from tests.conftest import Database
from tests.ingest.moderngov.council import COMMITTEE, LATER, NOW, TITLE, fast_client
from tests.ingest.moderngov.fake_moderngov import FakeModernGov

# How GetMeetings lists the June meeting.
JUNE: dict[str, Any] = {
    "date": dt.date(2026, 6, 17),
    "time": dt.time(13, 30),
    "status": "Confirmed",
}


def follow_and_sync(db: Database, site: FakeModernGov) -> SourceResult:
    with transaction(db.factory) as session:
        registry.add_source(session, "moderngov", site.url, Committee(str(COMMITTEE), TITLE))
    return sync(db, NOW)


def sync(db: Database, now: dt.datetime) -> SourceResult:
    [result] = sync_all(db.factory, now, make_client=fast_client)
    return result


def stored(db: Database) -> dict[str, tuple[str, int]]:
    with db.factory() as session:
        return {
            m.external_id: (m.content_hash, m.version)
            for m in session.scalars(select(SourceMeeting))
        }


def test_layout_does_not_count_and_content_does() -> None:
    sent = "<?xml version='1.0'?>\n<meeting>\n  <meetingid a='1' b='2'>4003</meetingid>\n</meeting>"
    tidied = '<meeting><meetingid b="2" a="1"> 4003 </meetingid></meeting>'
    moved = "<meeting><meetingid a='1' b='2'>4004</meetingid></meeting>"

    assert canonical_xml(sent) == canonical_xml(tidied)
    assert meeting_fingerprint(sent, **JUNE) == meeting_fingerprint(tidied, **JUNE)
    assert meeting_fingerprint(sent, **JUNE) != meeting_fingerprint(moved, **JUNE)
    cancelled = {**JUNE, "status": "Cancelled"}
    assert meeting_fingerprint(sent, **JUNE) != meeting_fingerprint(sent, **cancelled)


def test_a_page_regenerating_its_scripts_and_form_state_is_the_same_page() -> None:
    def page(state: str, title: str) -> bytes:
        return (
            f"<html><head><script>var served = '{state}';</script></head><body><form>"
            f'<input type="hidden" name="__VIEWSTATE" value="{state}"><h1>{title}</h1>'
            "</form></body></html>"
        ).encode()

    assert canonical_page(page("a1", "Agenda")) == canonical_page(page("b2", "Agenda"))
    assert page_fingerprint(page("a1", "Agenda"), **JUNE) != page_fingerprint(
        page("a1", "Minutes"), **JUNE
    )
    assert canonical_page(b"%PDF-1.7 exactly as sent") == b"%PDF-1.7 exactly as sent"


def test_the_stored_fingerprint_is_of_the_xml_the_site_sent(
    sqlite_db: Database, site: FakeModernGov
) -> None:
    follow_and_sync(sqlite_db, site)

    with urllib.request.urlopen(
        f"{site.url}/mgWebService.asmx/GetMeeting?lMeetingId=4003", timeout=10
    ) as answer:
        sent = answer.read().decode("utf-8")

    assert stored(sqlite_db)["4003"][0] == meeting_fingerprint(sent, **JUNE)


def test_an_unchanged_site_writes_nothing_and_one_changed_field_rewrites_its_meeting(
    sqlite_db: Database, site: FakeModernGov
) -> None:
    follow_and_sync(sqlite_db, site)
    before = stored(sqlite_db)

    assert {m.outcome for m in sync(sqlite_db, LATER).meetings} == {"unchanged"}
    assert stored(sqlite_db) == before

    site.meeting(4003).location = "Committee Room 2"
    outcomes = {m.external_id: m.outcome for m in sync(sqlite_db, LATER).meetings}

    assert outcomes.pop("4003") == "updated"
    assert set(outcomes.values()) == {"unchanged"}
    after = stored(sqlite_db)
    assert after["4003"][1] == before["4003"][1] + 1
    assert {k: v for k, v in after.items() if k != "4003"} == {
        k: v for k, v in before.items() if k != "4003"
    }
    with sqlite_db.factory() as session:
        june = session.scalars(select(Meeting).where(Meeting.date == JUNE["date"])).one()
        assert june.venue == "Committee Room 2"


def test_read_from_the_public_pages_an_unchanged_page_writes_nothing_and_a_changed_one_does(
    sqlite_db: Database, site: FakeModernGov
) -> None:
    site.service_off = True
    follow_and_sync(sqlite_db, site)
    before = stored(sqlite_db)

    assert {m.outcome for m in sync(sqlite_db, LATER).meetings} == {"unchanged"}
    assert stored(sqlite_db) == before

    site.meeting(4003).location = "Committee Room 2"
    outcomes = {m.external_id: m.outcome for m in sync(sqlite_db, LATER).meetings}

    assert outcomes["4003"] == "updated"
    assert {k for k, v in outcomes.items() if v != "unchanged"} == {"4003"}
