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


def _linked_without_email(db: Database) -> None:
    with transaction(db.factory) as session:
        member = Member(name="Councillor J Walker", match_key="j walker")
        session.add(ChatIdentity(member=member, platform="slack", user_id="U1"))


def test_a_linked_member_with_no_address_gets_the_one_their_platform_reports(
    db: Database,
) -> None:
    _linked_without_email(db)
    with transaction(db.factory) as session:
        resolve(session, _message(email="J.Walker@x.gov.uk"))
    with transaction(db.factory) as session:
        assert session.scalars(select(Member.email)).one() == "j.walker@x.gov.uk"


def test_the_platform_never_replaces_an_address_or_takes_another_members(db: Database) -> None:
    _linked_without_email(db)
    with transaction(db.factory) as session:
        session.add(Member(name="Councillor A Other", match_key="a other", email="shared@x.gov.uk"))
    with transaction(db.factory) as session:
        resolve(session, _message(email="shared@x.gov.uk"))
    with transaction(db.factory) as session:
        walker = session.scalars(select(Member).where(Member.match_key == "j walker")).one()
        assert walker.email is None
        walker.email = "jw@x.gov.uk"
    with transaction(db.factory) as session:
        resolve(session, _message(email="someone.else@x.gov.uk"))
    with transaction(db.factory) as session:
        walker = session.scalars(select(Member).where(Member.match_key == "j walker")).one()
        assert walker.email == "jw@x.gov.uk"
