"""``boardclerk run`` syncs followed sites at start and every interval, and announces changes."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import select

from bot.services import start_services
from bot.settings import Settings
from ingest.moderngov.xml import Committee
from schedules.config import ReminderConfig
from storage import channels
from storage.db import transaction
from storage.sources import registry
from storage.sources.tables import Source
from tests.bot.slack.conftest import SIGNING_SECRET
from tests.bot.slack.fake_slack import FakeSlack
from tests.conftest import Database
from tests.ingest.moderngov.council import COMMITTEE, TITLE, june_agenda
from tests.ingest.moderngov.fake_moderngov import FakeModernGov

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run


def _synced(db: Database, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with db.factory() as session:
            if session.scalars(select(Source.synced_at)).first() is not None:
                return
        time.sleep(0.05)
    raise AssertionError("the first sync did not finish")


def test_run_syncs_at_start_and_announces_an_agenda_published_later(
    sqlite_db: Database, fake_slack: FakeSlack, site: FakeModernGov
) -> None:
    upcoming = site.meeting(4003)
    upcoming.date = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=10)
    with transaction(sqlite_db.factory) as session:
        source = registry.add_source(
            session, "moderngov", site.url, Committee(str(COMMITTEE), TITLE)
        )
        channels.link_channel(session, source.board, "slack", "CSCRUTINY")
    settings = Settings(
        _env_file=None,
        database_url=sqlite_db.url,
        SLACK_BOT_TOKEN="xoxb-test-token",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        sync_interval="1s",
        sync_requests_per_second=100,
    )

    services = start_services(settings, sqlite_db.factory, ReminderConfig())
    try:
        _synced(sqlite_db)
        assert fake_slack.called("chat.postMessage") == []  # the first sync is history
        upcoming.agenda_published, upcoming.items = True, june_agenda()
        [post] = fake_slack.wait_for("chat.postMessage", timeout=20)
        time.sleep(1.5)  # another sync or two: nothing new to say
    finally:
        services.stop()

    assert post.params["channel"] == "CSCRUTINY"
    assert "is out: 4 items" in post.block_text()
    assert len(fake_slack.called("chat.postMessage")) == 1
