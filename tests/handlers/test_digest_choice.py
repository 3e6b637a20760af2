"""``/digest off|on``: each member's own switch for the papers digest."""

from __future__ import annotations

import pytest

from storage.db import transaction
from storage.papers.digest import digest_enabled
from tests.conftest import Database
from tests.handlers.builders import say
from tests.schedules import world

pytestmark = pytest.mark.dates

WALKER = "Councillor J Walker"


@pytest.fixture
def walker(sqlite_db: Database) -> int:
    with transaction(sqlite_db.factory) as session:
        _, members = world.board(session)
        return members[WALKER].id


def enabled(db: Database, member_id: int) -> bool:
    with db.factory() as session:
        return digest_enabled(session, member_id)


def test_digest_is_on_until_the_member_turns_it_off_and_on_again(
    sqlite_db: Database, walker: int
) -> None:
    shown = say(sqlite_db.factory, "", command="/digest", as_=WALKER)
    assert shown.text.startswith("Your papers digest is on. Use /digest off")

    off = say(sqlite_db.factory, "OFF", command="/digest", as_=WALKER)
    assert off.intent == "digest-choice" and off.private
    assert not enabled(sqlite_db, walker)

    said = say(sqlite_db.factory, "digest on", as_=WALKER)  # plain words in a DM
    assert said.intent == "digest-choice" and enabled(sqlite_db, walker)


def test_anything_else_changes_nothing_and_says_how(sqlite_db: Database, walker: int) -> None:
    reply = say(sqlite_db.factory, "sometimes", command="/digest", as_=WALKER)

    assert reply.text == (
        "Your papers digest is on. Use /digest off to stop the papers digest (and messages "
        "about late papers), or /digest on to have it again."
    )
    assert enabled(sqlite_db, walker)


def test_a_stranger_is_told_to_ask_the_clerk(sqlite_db: Database, walker: int) -> None:
    reply = say(sqlite_db.factory, "off", command="/digest", as_="U-nobody", platform="slack")

    assert "ask the clerk to link you" in reply.text
    assert enabled(sqlite_db, walker)
