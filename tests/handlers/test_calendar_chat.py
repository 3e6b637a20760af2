"""``/calendar`` in chat: a personal link only the member sees, and their boards' public feeds."""

from __future__ import annotations

import re

import pytest

from handlers.calendar.links import FeedLinks
from handlers.messages import IncomingMessage
from handlers.pipeline import Pipeline
from storage.calendar import member_for_token
from storage.db import transaction
from tests.conftest import Database
from tests.handlers.builders import NOW, build, say

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run

PERSONAL = re.compile(r"/calendar/me/([A-Za-z0-9_-]+)\.ics")


def _token(text: str) -> str:
    found = PERSONAL.search(text)
    assert found, text
    return found.group(1)


def test_a_member_gets_a_private_personal_link_and_their_boards_public_feed(
    sqlite_db: Database,
) -> None:
    build(sqlite_db.factory)

    reply = say(sqlite_db.factory, "", as_="Councillor J Walker", command="calendar")

    assert reply.intent == "calendar"
    assert reply.private
    assert reply.items == ["Corporate Parenting Board: /calendar/corporate-parenting-board.ics"]
    with transaction(sqlite_db.factory) as session:
        owner = member_for_token(session, _token(reply.text))
        assert owner is not None and owner.name == "Councillor J Walker"


def test_links_are_full_urls_when_the_public_address_is_set(sqlite_db: Database) -> None:
    build(sqlite_db.factory)
    pipeline = Pipeline(sqlite_db.factory, public_url="https://boardclerk.example.gov.uk")

    reply = pipeline.handle(
        IncomingMessage("console", "Councillor J Walker", "what's my calendar link?", NOW)
    )

    assert reply.intent == "calendar"
    assert "https://boardclerk.example.gov.uk/calendar/me/" in reply.text
    assert reply.items == [
        "Corporate Parenting Board: "
        "https://boardclerk.example.gov.uk/calendar/corporate-parenting-board.ics"
    ]


def test_calendar_reset_stops_the_earlier_links(sqlite_db: Database) -> None:
    build(sqlite_db.factory)
    first = _token(say(sqlite_db.factory, "", as_="Councillor J Walker", command="calendar").text)

    reset = say(sqlite_db.factory, "reset", as_="Councillor J Walker", command="calendar")

    with transaction(sqlite_db.factory) as session:
        assert member_for_token(session, first) is None
        assert member_for_token(session, _token(reset.text)) is not None
    assert "earlier links no longer work" in reset.text


def test_someone_not_linked_gets_only_public_feeds(sqlite_db: Database) -> None:
    build(sqlite_db.factory)

    reply = say(
        sqlite_db.factory,
        "",
        as_="U-STRANGER",
        command="calendar",
        platform="slack",
        is_direct=False,
        channel_id="C-CPB",
    )

    assert PERSONAL.search(reply.text) is None
    assert "ask the clerk" in reply.text
    assert reply.items == ["Corporate Parenting Board: /calendar/corporate-parenting-board.ics"]
    assert FeedLinks().board("Corporate Parenting Board") in reply.items[0]
