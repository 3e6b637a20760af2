"""The email outbox's claims on SQLite and PostgreSQL: one attempt at a time, a sent email never again."""

from __future__ import annotations

import datetime as dt

from storage import privacy
from storage.db import transaction
from storage.email_outbox import (
    FAILED,
    QUEUED,
    SENT,
    claim,
    due,
    enqueue,
    keep_reply,
    kept_replies,
    outbox_lines,
    prune_sent,
    requeue,
    retry_at,
    settle,
)
from storage.models import Member
from tests.conftest import Database

NOW = dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC)
LEASE = dt.timedelta(minutes=5)


def queued(db: Database) -> tuple[int, int]:
    """A member and one email to them, queued at ``NOW``."""
    with transaction(db.factory) as session:
        member = Member(
            name="Councillor J Walker", match_key="j walker", email="j.walker@example.gov.uk"
        )
        session.add(member)
        session.flush()
        mail_id = enqueue(
            session,
            message_id="<1@example.gov.uk>",
            member_id=member.id,
            recipient="j.walker@example.gov.uk",
            subject="Corporate Parenting Board meets in 7 days",
            body=b"Subject: hello\r\n\r\nhello\r\n",
            now=NOW,
        )
        return member.id, mail_id


def test_only_one_process_claims_an_attempt_and_a_sent_email_is_never_claimed_again(
    db: Database,
) -> None:
    _, mail_id = queued(db)
    with transaction(db.factory) as session:
        first = claim(session, mail_id, "a", NOW, LEASE)
    with transaction(db.factory) as session:
        assert claim(session, mail_id, "b", NOW, LEASE) is None
        assert not settle(session, mail_id, "b", status=SENT, now=NOW)
    assert first is not None and (first.attempts, first.body) == (
        1,
        b"Subject: hello\r\n\r\nhello\r\n",
    )
    with transaction(db.factory) as session:
        assert settle(session, mail_id, "a", status=SENT, now=NOW)
    with transaction(db.factory) as session:
        assert due(session, NOW + dt.timedelta(days=1)) == []
        assert claim(session, mail_id, "b", NOW + dt.timedelta(days=1), LEASE) is None
        [line] = outbox_lines(session, (SENT,))
    assert (line.status, line.attempts) == (SENT, 1)


def test_a_claim_whose_process_died_is_taken_over_after_its_lease(db: Database) -> None:
    _, mail_id = queued(db)
    with transaction(db.factory) as session:
        assert claim(session, mail_id, "a", NOW, LEASE) is not None
    with transaction(db.factory) as session:
        assert due(session, NOW + LEASE - dt.timedelta(seconds=1)) == []
        taken = claim(session, mail_id, "b", NOW + LEASE, LEASE)
    assert taken is not None and taken.attempts == 2
    with transaction(db.factory) as session:
        assert not settle(session, mail_id, "a", status=SENT, now=NOW)  # "a" lost its lease


def test_a_failure_waits_longer_each_time_then_fails_and_can_be_requeued(db: Database) -> None:
    _, mail_id = queued(db)
    assert [retry_at(NOW, n) for n in range(1, 7)] == [
        NOW + dt.timedelta(minutes=m) for m in (1, 2, 4, 8, 16)
    ] + [None]
    with transaction(db.factory) as session:
        claim(session, mail_id, "a", NOW, LEASE)
        settle(
            session, mail_id, "a", status=QUEUED, now=NOW, error="451", retry_at=retry_at(NOW, 1)
        )
    with transaction(db.factory) as session:
        assert due(session, NOW) == []
        assert due(session, NOW + dt.timedelta(minutes=1)) == [mail_id]
        claim(session, mail_id, "a", NOW + dt.timedelta(minutes=1), LEASE)
        settle(session, mail_id, "a", status=FAILED, now=NOW, error="550 refused")
    with transaction(db.factory) as session:
        assert due(session, NOW + dt.timedelta(days=1)) == []
        [line] = outbox_lines(session, (FAILED,))
        assert (line.attempts, line.last_error) == (2, "550 refused")
        assert requeue(session, mail_id, NOW)
        assert not requeue(session, mail_id, NOW)  # queued, not failed
        assert due(session, NOW) == [mail_id]


def test_forgetting_a_member_erases_their_outbox_and_kept_replies(db: Database) -> None:
    member_id, _ = queued(db)
    with transaction(db.factory) as session:
        keep_reply(
            session,
            member_id=member_id,
            meeting_id=None,
            now=NOW,
            subject="Re: papers",
            text="Could I have a printed pack?",
            understood="not apologies",
        )
    with transaction(db.factory) as session:
        member = session.get_one(Member, member_id)
        held = privacy.member_data(session, member)
        assert held["email_replies"] == [
            {"at": NOW.isoformat(), "text": "Could I have a printed pack?"}
        ]
        erased = privacy.forget_member(session, member)
    assert (erased["email_outbox"], erased["email_replies"]) == (1, 1)
    with transaction(db.factory) as session:
        assert kept_replies(session) == [] and outbox_lines(session, (QUEUED,)) == []


def test_sent_email_is_forgotten_after_its_keeping_time_and_nothing_else_is(
    db: Database,
) -> None:
    _, mail_id = queued(db)
    with transaction(db.factory) as session:
        assert prune_sent(session, NOW + dt.timedelta(days=60)) == 0  # queued: kept
        claim(session, mail_id, "a", NOW, LEASE)
        settle(session, mail_id, "a", status=SENT, now=NOW)
    with transaction(db.factory) as session:
        assert prune_sent(session, NOW) == 0
        assert prune_sent(session, NOW + dt.timedelta(days=30)) == 1
        assert outbox_lines(session, (SENT,)) == []
