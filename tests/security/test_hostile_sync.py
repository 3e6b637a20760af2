"""Probes through ``sync`` and ``import URL``: a hostile answer costs one meeting, one line.

The meeting that was refused changes nothing, the others land, and the next sync
tries it again. Limits come from the settings, as ``boardclerk`` configures them.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import func, select

from bot.settings import Settings
from bot.site_clients import client_factory
from ingest.moderngov import xml
from ingest.moderngov.pages import import_url
from ingest.moderngov.sync import ClientFactory, SourceResult, sync_all
from storage.db import transaction
from storage.models import Meeting
from storage.sources import registry
from storage.sources.tables import Source
from tests.conftest import Database
from tests.ingest.moderngov.council import COMMITTEE, NOW, TITLE
from tests.ingest.moderngov.fake_moderngov import Item
from tests.security.conftest import MB, measured
from tests.security.hostile_site import HostileSite

APRIL = dt.date(2026, 4, 22)


def limits(**overrides: object) -> ClientFactory:
    """Clients as the settings make them: small caps and deadlines, no pauses."""
    values: dict[str, object] = {
        "sync_timeout": dt.timedelta(seconds=2),
        "sync_retries": 0,
        "sync_requests_per_second": 0,
        "fetch_max_bytes": MB,
    }
    return client_factory(Settings(**(values | overrides)))  # type: ignore[arg-type]


def follow(db: Database, site: HostileSite) -> int:
    with transaction(db.factory) as session:
        return registry.add_source(
            session, "moderngov", site.url, xml.Committee(str(COMMITTEE), TITLE), None
        ).id


def sync(db: Database, make_client: ClientFactory) -> SourceResult:
    [result] = sync_all(db.factory, NOW, make_client=make_client)
    return result


def meetings_on(db: Database, date: dt.date) -> int:
    with db.factory() as session:
        return int(session.scalar(select(func.count()).where(Meeting.date == date)) or 0)


def last_error(db: Database) -> str | None:
    with db.factory() as session:
        return session.scalars(select(Source.last_error)).one()


@pytest.mark.parametrize(
    ("behaviour", "reason"),
    [
        ("endless", "more than the 1 MB limit"),
        ("huge", "over the 1 MB limit"),
        ("trickle", "did not answer within 2 s"),
        ("loop", "redirected more than 5 times"),
        ("scheme", "redirected to a file: address"),
    ],
)
def test_a_hostile_meeting_is_refused_in_one_line_and_tried_again_next_time(
    sqlite_db: Database, hostile: HostileSite, behaviour: str, reason: str
) -> None:
    follow(sqlite_db, hostile)
    hostile.hostile["GetMeeting:4002"] = behaviour

    result, cost = measured(lambda: sync(sqlite_db, limits()))

    [failed] = result.failed
    assert failed.external_id == "4002" and failed.error is not None
    assert reason in failed.error and "\n" not in failed.error
    assert f"meeting 4002: {failed.error}" == last_error(sqlite_db)
    assert meetings_on(sqlite_db, APRIL) == 0  # nothing written for it
    assert {m.outcome for m in result.meetings if m.external_id != "4002"} == {"new"}
    assert cost.peak_bytes < 40 * MB
    assert cost.seconds < 2.0 * 1.1 + 8  # one deadline, plus storing the other meetings

    del hostile.hostile["GetMeeting:4002"]
    again = sync(sqlite_db, limits())
    assert again.ok and [m.outcome for m in again.meetings if m.external_id == "4002"] == ["new"]
    assert meetings_on(sqlite_db, APRIL) == 1


def test_printed_minutes_on_another_host_are_not_fetched(
    sqlite_db: Database, hostile: HostileSite
) -> None:
    elsewhere = hostile.url.replace("127.0.0.1", "localhost")
    april = hostile.meeting(4002)
    april.documents = [("Printed minutes", f"{elsewhere}/mgConvert2PDF.aspx?ID=9001")]
    follow(sqlite_db, hostile)

    result = sync(sqlite_db, limits())

    [failed] = result.failed
    assert failed.external_id == "4002"
    assert "is on localhost, not the council's site" in (failed.error or "")
    assert hostile.asked("mgConvert2PDF.aspx") == []
    assert meetings_on(sqlite_db, APRIL) == 0

    allowed = sync(sqlite_db, limits(fetch_allow_hosts="Localhost, other.example"))
    assert allowed.ok
    assert len(hostile.asked("mgConvert2PDF.aspx")) == 1
    assert meetings_on(sqlite_db, APRIL) == 1


def test_an_item_of_100000_nested_divs_is_read_within_a_second(hostile: HostileSite) -> None:
    deep = "<div>" * 100_000 + "<p>The report was noted.</p>" + "</div>" * 100_000
    hostile.meeting(4002).items = [Item("1", "Deep item", deep)]
    answer = hostile._meeting(hostile.meeting(4002))

    started = time.process_time()
    meeting = xml.meeting(answer)
    seconds = time.process_time() - started

    assert meeting.items[0].agenda == ("The report was noted.",)
    assert seconds < 1.0


def test_xml_with_entities_is_refused_in_one_line() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><meeting>&b;</meeting>'
    )
    external = (
        '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<meeting><meetingid>&x;</meetingid></meeting>"
    )
    for text in (laughs, external):
        with pytest.raises(xml.SiteError, match=r"^refused XML: \w+") as caught:
            xml.meeting(text)
        assert "\n" not in str(caught.value)


def test_import_url_of_an_endless_page_is_refused_and_writes_nothing(
    sqlite_db: Database, hostile: HostileSite
) -> None:
    hostile.hostile["ieListDocuments.aspx"] = "endless"
    url = f"{hostile.url}/ieListDocuments.aspx?CId=133&MId=4002"

    with limits()(hostile.url) as client:
        summary, cost = measured(lambda: import_url(sqlite_db.factory, client, url))

    assert summary.error is not None and "more than the 1 MB limit" in summary.error
    assert cost.peak_bytes < 8 * MB
    with sqlite_db.factory() as session:
        assert session.scalar(select(func.count()).select_from(Meeting)) == 0
