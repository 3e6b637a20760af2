"""A board with one member reached only by email, the relay, and Board Clerk's mail settings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from bot.email.config import MailConfig, mail_config
from bot.email.notifier import EmailNotifier
from bot.settings import Settings
from schedules.notify import FanOutNotifier
from storage.db import transaction
from storage.models import Role
from tests.bot.email.relay import Relay, running_relay
from tests.conftest import Database
from tests.schedules import world
from tests.schedules.world import local

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
