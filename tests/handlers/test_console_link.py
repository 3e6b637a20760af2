"""``/boardclerk console``: a one-time console sign-in link, in a direct message, for a known member."""

from __future__ import annotations

import datetime as dt
import re

from handlers.messages import IncomingMessage, Reply
from handlers.pipeline import Pipeline
from storage.console_auth import redeem_link
from storage.db import transaction
from tests.conftest import Database
from tests.handlers.builders import build

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
LINK = re.compile(r"https://clerk\.example/console/sign-in/([\w-]+)")


def ask(db: Database, *, user: str = "U-CARR", direct: bool = True) -> Reply:
    message = IncomingMessage(
        platform="slack",
        user_id=user,
        text="console",
        now=NOW,
        is_direct=direct,
        channel_id="D1" if direct else "C-CPB",
        command="boardclerk",
    )
    return Pipeline(db.factory, public_url="https://clerk.example").handle(message)


def test_a_member_gets_a_private_link_that_opens_one_session(sqlite_db: Database) -> None:
    build(sqlite_db.factory)
    reply = ask(sqlite_db)

    found = LINK.search(reply.text)
    assert found is not None and reply.private and "15 minutes" in reply.text
    with transaction(sqlite_db.factory) as session:
        opened = redeem_link(session, found.group(1), NOW + dt.timedelta(minutes=14))
        assert opened is not None and opened[1].member.name == "Councillor M Carr"
    with transaction(sqlite_db.factory) as session:
        assert redeem_link(session, found.group(1), NOW + dt.timedelta(minutes=14)) is None


def test_a_link_is_not_given_in_a_channel_or_to_a_stranger(sqlite_db: Database) -> None:
    build(sqlite_db.factory)
    in_channel = ask(sqlite_db, direct=False)
    stranger = ask(sqlite_db, user="U-NOBODY")

    assert LINK.search(in_channel.text) is None and "direct message" in in_channel.text
    assert LINK.search(stranger.text) is None and "don't know who you are" in stranger.text


def test_a_link_expires_after_fifteen_minutes(sqlite_db: Database) -> None:
    build(sqlite_db.factory)
    found = LINK.search(ask(sqlite_db).text)
    assert found is not None
    with transaction(sqlite_db.factory) as session:
        assert redeem_link(session, found.group(1), NOW + dt.timedelta(minutes=15)) is None
