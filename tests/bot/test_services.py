"""``boardclerk run``'s process: adapters and the reminder scheduler started together."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest

from bot.services import start_services
from bot.settings import Settings
from schedules.config import ReminderConfig
from storage.db import transaction
from storage.models import Board, BoardRole, ChatIdentity, Meeting, Member, Role
from tests.bot.slack.conftest import SIGNING_SECRET
from tests.bot.slack.fake_slack import FakeSlack
from tests.conftest import Database

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack()
    fake.start()
    yield fake
    fake.stop()


def test_without_any_chat_platform_the_scheduler_still_starts(sqlite_db: Database) -> None:
    settings = Settings(_env_file=None, database_url=sqlite_db.url)

    services = start_services(settings, sqlite_db.factory, ReminderConfig())
    try:
        ticked = threading.Event()
        services.reminders.on_tick = lambda report: ticked.set()
        services.reminders.wake()
        # The scheduler's own thread runs a tick: it started, not just was built.
        assert ticked.wait(timeout=20), "the reminder scheduler ran no tick"
    finally:
        services.stop()

    assert services.platforms == services.health == services.web_routes == []


def test_a_reminder_missed_while_down_goes_out_through_slack_on_start(
    sqlite_db: Database, fake_slack: FakeSlack
) -> None:
    # The meeting is three days away, so its 7-day reminder was missed but is still useful.
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=3)
    with transaction(sqlite_db.factory) as session:
        board = Board(name="Corporate Parenting Board")
        member = Member(name="Councillor J A Walker", match_key="j a walker")
        member.roles.append(BoardRole(board=board, role=Role.MEMBER))
        member.identities.append(ChatIdentity(platform="slack", user_id="UWALKER"))
        session.add_all([member, Meeting(board=board, date=start.date(), starts_at=start)])
    settings = Settings(
        _env_file=None,
        database_url=sqlite_db.url,
        SLACK_BOT_TOKEN="xoxb-test-token",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
    )

    # Without quiet hours, or the reminder would wait for morning when this runs at night.
    config = ReminderConfig(quiet_start=None, quiet_end=None)
    services = start_services(settings, sqlite_db.factory, config)
    try:
        [post] = fake_slack.wait_for("chat.postMessage", timeout=20)
    finally:
        services.stop()

    assert services.platforms == ["slack (http)"]
    assert [health.name for health in services.health] == ["slack"]
    assert len(services.web_routes) == 1
    assert "Corporate Parenting Board" in post.text + post.block_text()
