"""A board with one member reached only by email, the relay, and Board Clerk's mail settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from bot.email.config import MailConfig, mail_config
from bot.email.notifier import EmailNotifier
from bot.settings import Settings
from schedules.config import ReminderConfig
from schedules.dispatch import Dispatcher
from schedules.notify import FanOutNotifier
from storage.db import transaction
from storage.models import Attendance, AttendanceStatus, Role
from tests.bot.email.relay import Relay, running_relay
from tests.conftest import Database
from tests.schedules import world
from tests.schedules.world import local, utc

SENT_AT = utc(2026, 11, 25, 9)
WALKER = "j.walker@council.example.gov.uk"
CLERK = "sam.clerk@council.example.gov.uk"
REPLY_DOMAIN = "boardclerk.example.gov.uk"


@dataclass
class Council:
    db: Database
    relay: Relay
    config: MailConfig
    mailer: EmailNotifier
    fan_out: FanOutNotifier
    meeting_id: int
    walker_id: int


@pytest.fixture
def relay() -> Iterator[Relay]:
    with running_relay() as running:
        yield running


@pytest.fixture
def council(sqlite_db: Database, relay: Relay) -> Council:
    with transaction(sqlite_db.factory) as session:
        board, people = world.board(
            session, people={"Councillor J Walker": Role.MEMBER, "Sam Clerk": Role.CLERK}
        )
        people["Councillor J Walker"].email = WALKER
        people["Sam Clerk"].email = CLERK
        meeting_id = world.meeting(session, board, local(2026, 12, 2, 15)).id
        walker_id = people["Councillor J Walker"].id
    settings = Settings(
        smtp_url=f"smtp://127.0.0.1:{relay.port}",
        mail_from="boardclerk@council.example.gov.uk",
        reply_address=f"apologies@{REPLY_DOMAIN}",
        public_url="https://boardclerk.example.gov.uk",
    )
    config = mail_config(settings)
    assert config is not None
    mailer = EmailNotifier(sqlite_db.factory, config)
    return Council(
        sqlite_db, relay, config, mailer, FanOutNotifier([mailer]), meeting_id, walker_id
    )


class Clock:
    """A settable ``now`` for ``Inbound``."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(utc(2026, 11, 25, 10))


def reminder_reply_to(council: Council) -> str:
    """Sends the 7-day reminder; the Reply-To of Councillor Walker's copy."""
    Dispatcher(council.db.factory, council.fan_out, ReminderConfig()).run(SENT_AT)
    [message] = [m for r, m in council.relay.received if r == [WALKER] and "meets" in m["Subject"]]
    council.relay.received.clear()
    return str(message["Reply-To"])


def apologies(council: Council) -> list[tuple[str | None, str | None]]:
    with transaction(council.db.factory) as session:
        rows = session.scalars(
            select(Attendance).where(Attendance.status == AttendanceStatus.APOLOGIES)
        )
        return [(row.name, row.reason) for row in rows]
