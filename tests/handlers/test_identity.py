"""Who is asking: by chat identity, by email (linking it), never by display name."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from handlers.identity import _link, resolve
from handlers.messages import IncomingMessage
from storage.db import transaction
from storage.models import ChatIdentity, Member
from tests.conftest import Database

NOW = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)


def _message(**kwargs: object) -> IncomingMessage:
    return IncomingMessage(platform="slack", user_id="U1", text="hi", now=NOW, **kwargs)  # type: ignore[arg-type]


def _walker(db: Database) -> None:
    with transaction(db.factory) as session:
        session.add(Member(name="Councillor J Walker", match_key="j walker", email="jw@x.gov.uk"))


def test_an_email_match_links_the_account_for_next_time(db: Database) -> None:
    _walker(db)
    with transaction(db.factory) as session:
        assert resolve(session, _message(email="JW@x.gov.uk")).member is not None
    with transaction(db.factory) as session:
        asker = resolve(session, _message())
        assert asker.member is not None and asker.member.name == "Councillor J Walker"


def test_a_display_name_alone_matches_nobody(db: Database) -> None:
    _walker(db)
    with transaction(db.factory) as session:
        assert resolve(session, _message(display_name="Councillor J Walker")).member is None


def test_linking_an_account_another_message_just_linked_is_harmless(db: Database) -> None:
    _walker(db)
    with transaction(db.factory) as session:
        member = session.scalars(select(Member)).one()
        session.add(ChatIdentity(member=member, platform="slack", user_id="U1"))
    with transaction(db.factory) as session:
        member = session.scalars(select(Member)).one()
        _link(session, member, _message())  # the race's loser: the row is already there
        assert session.scalar(select(func.count()).select_from(ChatIdentity)) == 1
