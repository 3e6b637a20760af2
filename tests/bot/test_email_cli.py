"""Email at a terminal: a member's address set, changed and cleared; the outbox and kept replies."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from storage.db import transaction
from storage.email import new_token, token_holder
from storage.email_outbox import FAILED, claim, enqueue, keep_reply, settle
from storage.models import Member
from tests.bot.cli_runner import Boardclerk
from tests.conftest import Database

NOW = dt.datetime.now(dt.UTC)


def _walker(boardclerk: Boardclerk, sqlite_db: Database) -> int:
    boardclerk.ok("member", "add", "Councillor J Walker", "--email", "jw@x.gov.uk")
    with transaction(sqlite_db.factory) as session:
        return session.scalars(select(Member.id)).one()


def test_a_changed_or_cleared_address_revokes_the_reply_addresses_sent_to_the_old_one(
    boardclerk_sqlite: Boardclerk, sqlite_db: Database
) -> None:
    walker = _walker(boardclerk_sqlite, sqlite_db)
    with transaction(sqlite_db.factory) as session:
        token = new_token(session, walker, None, "reminders")
    out = boardclerk_sqlite.ok("member", "email", "Councillor J Walker", "J.Walker@X.gov.uk")
    assert out.stdout == "Councillor J Walker's email is now j.walker@x.gov.uk\n"
    with transaction(sqlite_db.factory) as session:
        assert token_holder(session, token) is None
        token = new_token(session, walker, None, "reminders")
    out = boardclerk_sqlite.ok("member", "email", "Councillor J Walker", "--clear")
    assert out.stdout == "Councillor J Walker has no email now (1 reply address(es) revoked)\n"
    with transaction(sqlite_db.factory) as session:
        assert token_holder(session, token) is None
        assert session.get_one(Member, walker).email is None
    refused = boardclerk_sqlite("member", "email", "Councillor J Walker")
    assert (refused.exit_code, refused.stderr) == (2, "error: give an address, or --clear\n")


def test_the_outbox_lists_a_failed_email_and_retry_gives_it_fresh_attempts(
    boardclerk_sqlite: Boardclerk, sqlite_db: Database
) -> None:
    walker = _walker(boardclerk_sqlite, sqlite_db)
    assert (
        boardclerk_sqlite.ok("email", "outbox").stdout == "the outbox is empty: every email went\n"
    )
    with transaction(sqlite_db.factory) as session:
        mail = enqueue(
            session,
            message_id="<1@x.gov.uk>",
            member_id=walker,
            recipient="jw@x.gov.uk",
            subject="Corporate Parenting Board meets in 7 days",
            body=b"Subject: hi\r\n\r\nhi\r\n",
            now=NOW,
        )
        claim(session, mail, "test", NOW, dt.timedelta(minutes=5))
        settle(session, mail, "test", status=FAILED, now=NOW, error="550 5.7.1 Relaying denied")
    listed = boardclerk_sqlite.ok("email", "outbox").stdout
    assert f"{mail}  failed" in listed and "jw@x.gov.uk" in listed
    assert "(1 attempt(s)) — 550 5.7.1 Relaying denied" in listed
    assert boardclerk_sqlite.ok("email", "retry", str(mail)).stdout == (
        f"email {mail} will be tried again\n"
    )
    assert f"{mail}  queued" in boardclerk_sqlite.ok("email", "outbox").stdout
    again = boardclerk_sqlite("email", "retry", str(mail))
    assert again.exit_code == 2
    assert again.stderr == f"error: no failed email {mail} (see `boardclerk email outbox`)\n"


def test_replies_lists_what_the_clerk_was_sent_a_copy_of(
    boardclerk_sqlite: Boardclerk, sqlite_db: Database
) -> None:
    walker = _walker(boardclerk_sqlite, sqlite_db)
    assert boardclerk_sqlite.ok("email", "replies").stdout == (
        "no replies kept in the last 30 days\n"
    )
    with transaction(sqlite_db.factory) as session:
        keep_reply(
            session,
            member_id=walker,
            meeting_id=None,
            now=NOW,
            subject="RE: Corporate Parenting Board meets in 7 days",
            text="Could I have a printed\npack, please?",
            understood="not apologies",
        )
    listed = boardclerk_sqlite.ok("email", "replies").stdout.splitlines()
    assert listed[0].endswith("Councillor J Walker: RE: Corporate Parenting Board meets in 7 days")
    assert listed[1] == "    “Could I have a printed pack, please?”"
