"""A relay that fails: each email is retried with backoff, sent once when it recovers, failed in the end.

The relay is the real aiosmtpd server of the other tests, told to answer DATA
with a 4xx ("try later") or a 5xx (refused) for a while.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

import pytest
from sqlalchemy import select

from bot.email.notifier import EmailNotifier
from bot.email.outbox import Outbox
from bot.email.smtp import SmtpSender
from schedules.config import ReminderConfig
from schedules.dispatch import Dispatcher
from schedules.notify import FanOutNotifier
from storage.db import transaction
from storage.email_outbox import FAILED, QUEUED, SENT, OutboxMail, outbox_lines, requeue
from tests.bot.email.conftest import SENT_AT, WALKER, Clock, Council

BUSY = "451 4.3.0 Mail server temporarily busy, try again later"
REFUSED = "550 5.7.1 Relaying denied"
REMINDER_KEY = "meeting:m{meeting}:u{member}:20261125T0900Z"


@pytest.fixture
def mailer(council: Council, clock: Clock) -> EmailNotifier:
    clock.now = SENT_AT
    return EmailNotifier(council.db.factory, council.config, clock=clock)


def dispatch(council: Council, mailer: EmailNotifier, now: dt.datetime) -> list[str]:
    report = Dispatcher(council.db.factory, FanOutNotifier([mailer]), ReminderConfig()).run(now)
    return report.sent + report.failed


def outbox(council: Council) -> list[tuple[str, str, int, dt.datetime]]:
    with transaction(council.db.factory) as session:
        rows = session.scalars(select(OutboxMail).order_by(OutboxMail.id))
        return [(r.recipient, r.status, r.attempts, r.next_attempt_at) for r in rows]


def to_walker(council: Council) -> int:
    return len([m for r, m in council.relay.received if r == [WALKER]])


def test_a_send_the_relay_puts_off_is_retried_after_a_minute_and_sent_once(
    council: Council, mailer: EmailNotifier
) -> None:
    council.relay.down = BUSY
    key = REMINDER_KEY.format(meeting=council.meeting_id, member=council.walker_id)
    # Queued counts as sent for the reminder: a second email must never be made of it.
    assert (
        key
        in Dispatcher(council.db.factory, FanOutNotifier([mailer]), ReminderConfig())
        .run(SENT_AT)
        .sent
    )
    assert council.relay.received == [] and council.relay.refused == 3
    assert {(status, attempts) for _, status, attempts, _ in outbox(council)} == {(QUEUED, 1)}
    assert {at for *_, at in outbox(council)} == {SENT_AT + dt.timedelta(minutes=1)}
    council.relay.down = None
    assert mailer.outbox.flush(SENT_AT + dt.timedelta(seconds=30)).sent == []
    assert len(mailer.outbox.flush(SENT_AT + dt.timedelta(minutes=1)).sent) == 3
    assert to_walker(council) == 1
    # Later passes find nothing to send or to remake.
    assert dispatch(council, mailer, SENT_AT + dt.timedelta(minutes=5)) == []
    assert mailer.outbox.flush(SENT_AT + dt.timedelta(days=1)).sent == []
    assert to_walker(council) == 1
    assert {status for _, status, _, _ in outbox(council)} == {SENT}


def test_after_six_attempts_an_email_is_failed_listed_and_not_tried_again(
    council: Council, mailer: EmailNotifier, caplog: pytest.LogCaptureFixture
) -> None:
    council.relay.down = BUSY
    dispatch(council, mailer, SENT_AT)
    waits = []
    now = SENT_AT
    with caplog.at_level(logging.INFO, logger="bot.email.outbox"):
        for _ in range(5):
            [(_, _, _, next_at), *_] = outbox(council)
            waits.append(next_at - now)
            now = next_at
            mailer.outbox.flush(now)
    assert waits == [dt.timedelta(minutes=m) for m in (1, 2, 4, 8, 16)]
    assert {(status, attempts) for _, status, attempts, _ in outbox(council)} == {(FAILED, 6)}
    assert council.relay.refused == 3 * 6
    assert "not sent after 6 attempt(s): 451 4.3.0 Mail server temporarily busy" in caplog.text
    assert mailer.outbox.flush(now + dt.timedelta(days=1)).sent == []
    assert council.relay.refused == 3 * 6
    with transaction(council.db.factory) as session:
        failed = outbox_lines(session, (FAILED,))
    assert [line.recipient for line in failed].count(WALKER) == 1
    assert failed[0].last_error and "temporarily busy" in failed[0].last_error
    # The clerk, once the relay is back, sends it again by hand: it goes once.
    council.relay.down = None
    walker_mail = next(line.id for line in failed if line.recipient == WALKER)
    with transaction(council.db.factory) as session:
        assert requeue(session, walker_mail, now)
    assert mailer.outbox.flush(now).sent == [walker_mail]
    assert to_walker(council) == 1


def test_a_refused_send_fails_at_once_and_the_reminder_is_recorded_failed(
    council: Council, mailer: EmailNotifier
) -> None:
    council.relay.down = REFUSED
    report = Dispatcher(council.db.factory, FanOutNotifier([mailer]), ReminderConfig()).run(SENT_AT)
    assert REMINDER_KEY.format(meeting=council.meeting_id, member=council.walker_id) in (
        report.failed
    )
    assert {(status, attempts) for _, status, attempts, _ in outbox(council)} == {(FAILED, 1)}
    council.relay.down = None
    assert mailer.outbox.flush(SENT_AT + dt.timedelta(days=1)).sent == []
    assert council.relay.received == []


def test_two_replicas_retrying_the_same_outbox_send_each_email_once(
    council: Council, mailer: EmailNotifier
) -> None:
    council.relay.down = BUSY
    dispatch(council, mailer, SENT_AT)
    council.relay.down = None
    replicas = [Outbox(council.db.factory, SmtpSender(council.config)) for _ in range(2)]
    later = SENT_AT + dt.timedelta(minutes=1)
    threads = [threading.Thread(target=r.flush, args=(later,)) for r in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(council.relay.received) == 3
    assert to_walker(council) == 1
