"""A council publishes an agenda: after the next sync it is announced once in the board's
Slack channel, and ``/next-meeting`` shows it."""

from __future__ import annotations

import datetime as dt

from bot.slack.app import build_app, build_client
from bot.slack.notifier import SlackNotifier
from bot.slack.workspaces import Workspaces
from handlers.pipeline import Pipeline
from ingest.moderngov.xml import Committee
from schedules.sync_job import SyncService
from storage import channels, directory
from storage.db import transaction
from storage.sources import registry
from tests.bot.slack.conftest import (
    BOARD_CHANNEL,
    WALKER,
    Slack,
    SynchronousExecutor,
    slack_settings,
)
from tests.bot.slack.fake_slack import FakeSlack
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


def test_a_published_agenda_is_announced_once_and_shows_in_next_meeting(
    fake_slack: FakeSlack, sqlite_db: Database, site: FakeModernGov
) -> None:
    with transaction(sqlite_db.factory) as session:
        source = registry.add_source(
            session, "moderngov", site.url, Committee(str(COMMITTEE), TITLE)
        )
        channels.link_channel(session, source.board, "slack", BOARD_CHANNEL)
        member = directory.add_member(session, "Councillor J A Walker", board=source.board)
        directory.link_identity(session, member, "slack", WALKER)
    settings = slack_settings(fake_slack, sqlite_db.url)
    notifier = SlackNotifier(
        sqlite_db.factory, Workspaces(build_client(settings, "xoxb-test-token"))
    )
    sync = SyncService(sqlite_db.factory, notifier, dt.timedelta(hours=6), make_client=fast_client)
    sync.sync(NOW)
    site.meeting(4003).agenda_published, site.meeting(4003).items = True, june_agenda()

    sync.sync(LATER)
    sync.sync(LATER + dt.timedelta(hours=6))
    sync.announce(LATER + dt.timedelta(hours=6, minutes=1))

    [posted] = fake_slack.called("chat.postMessage")
    assert posted.params["channel"] == BOARD_CHANNEL
    assert posted.text.startswith("Children's Services &amp; Education Scrutiny Committee: agenda")
    assert "The agenda for Wed 17 June, 1.30pm is out: 4 items — Apologies for Absence;" in (
        posted.block_text()
    )

    app = build_app(
        settings,
        sqlite_db.factory,
        Pipeline(sqlite_db.factory),
        clock=lambda: LATER,
        listener_executor=SynchronousExecutor(),
    )
    Slack(app, fake_slack, sqlite_db).command("next-meeting", channel=BOARD_CHANNEL)
    [answer] = fake_slack.called("respond")
    shown = answer.block_text()
    assert "17 June 2026" in shown
    assert "Ofsted Inspection Outcome" in shown
