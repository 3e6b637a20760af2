"""Apologies by replying: tied to the member by the token alone, and nothing else answered."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from sqlalchemy import select

from bot.email.inbound import Inbound
from bot.email.listener import start_listener
from handlers.pipeline import Pipeline
from storage.db import transaction
from storage.email import revoke_tokens
from storage.email_outbox import kept_replies
from storage.models import Attendance, AttendanceSource
from tests.bot.email.conftest import (
    CLERK,
    REPLY_DOMAIN,
    SENT_AT,
    WALKER,
    Clock,
    Council,
    apologies,
    reminder_reply_to,
)
from tests.bot.email.relay import free_port
from tests.schedules.world import utc

HOSPITAL = "Sorry, I can't make it – hospital appointment"


@pytest.fixture
def listener(council: Council, clock: Clock) -> Iterator[int]:
    """``boardclerk run``'s SMTP listener on a free port; yields the port."""
    inbound = Inbound(
        council.db.factory,
        council.config,
        Pipeline(council.db.factory),
        council.mailer,
        council.fan_out,
        clock=clock,
    )
    port = free_port()
    controller = start_listener(inbound, f"127.0.0.1:{port}", 64 * 1024)
    yield port
    controller.stop()


def send_reply(port: int, to: str, text: str, **headers: str) -> None:
    message = EmailMessage()
    message["From"] = headers.pop("From", WALKER)
    message["To"] = to
    message["Subject"] = headers.pop("Subject", "Re: Corporate Parenting Board meets in 7 days")
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(text)
    with smtplib.SMTP("127.0.0.1", port) as client:
        client.send_message(message)


QUOTED = (
    f"{HOSPITAL}\n\nJ Walker\nCouncillor, Ward 3\n\n"
    "On Wed, 25 Nov 2026 at 09:00, Board Clerk <boardclerk@council.example.gov.uk> wrote:\n"
    "> Reminder: Corporate Parenting Board, 2 December 2026.\n"
    "> Can't come? Reply to this email with your apologies\n"
)


def test_a_reply_to_the_reminder_records_the_apology_and_confirms_it_once(
    council: Council, listener: int
) -> None:
    send_reply(listener, reminder_reply_to(council), QUOTED)
    assert apologies(council) == [("Councillor J Walker", "hospital appointment")]
    with transaction(council.db.factory) as session:  # the console shows it came by email
        row = session.scalars(select(Attendance)).one()
        assert row.source is AttendanceSource.EMAIL
    [confirmation] = [m for r, m in council.relay.received if r == [WALKER]]
    body = confirmation.get_body(preferencelist=("plain",))
    assert body is not None and "Corporate Parenting Board" in body.get_content()
    assert confirmation["Reply-To"].startswith("apologies+")
    # The clerk is told, as in chat: by email, since that is how the clerk is reached.
    assert any("sam.clerk" in r[0] for r, _ in council.relay.received)


def test_mail_with_no_token_is_ignored_whatever_its_from_says(
    council: Council, listener: int, caplog: pytest.LogCaptureFixture
) -> None:
    reminder_reply_to(council)
    with caplog.at_level(logging.INFO, logger="bot.email.inbound"):
        send_reply(listener, f"apologies@{REPLY_DOMAIN}", HOSPITAL)
    assert apologies(council) == []
    assert council.relay.received == []
    assert "no reply token" in caplog.text


def test_a_revoked_or_unknown_token_is_ignored(council: Council, listener: int) -> None:
    reply_to = reminder_reply_to(council)
    with transaction(council.db.factory) as session:
        revoke_tokens(session, council.walker_id, SENT_AT)
    send_reply(listener, reply_to, HOSPITAL)
    send_reply(listener, f"apologies+{'0' * 32}@{REPLY_DOMAIN}", HOSPITAL)
    assert apologies(council) == []
    assert council.relay.received == []


def test_a_token_reused_after_its_meeting_is_ignored(
    council: Council, listener: int, clock: Clock
) -> None:
    reply_to = reminder_reply_to(council)
    clock.now = utc(2026, 12, 9, 10)
    send_reply(listener, reply_to, HOSPITAL)
    assert apologies(council) == []
    assert council.relay.received == []


@pytest.mark.parametrize(
    "headers",
    [
        {"Subject": "Out of Office: Re: Corporate Parenting Board meets in 7 days"},
        {"Auto_Submitted": "auto-replied"},
        {"Precedence": "bulk"},
    ],
)
def test_auto_replies_are_ignored(council: Council, listener: int, headers: dict[str, str]) -> None:
    send_reply(listener, reminder_reply_to(council), HOSPITAL, **headers)
    assert apologies(council) == []
    assert council.relay.received == []


def test_the_listener_refuses_other_domains_and_oversized_mail(
    council: Council, listener: int
) -> None:
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        send_reply(listener, "someone@elsewhere.example.com", HOSPITAL)
    with pytest.raises(smtplib.SMTPException):
        send_reply(listener, reminder_reply_to(council), "x" * 100_000)
    assert apologies(council) == []


def test_replying_to_the_confirmation_can_withdraw_the_apology(
    council: Council, listener: int
) -> None:
    send_reply(listener, reminder_reply_to(council), HOSPITAL)
    [confirmation] = [m for r, m in council.relay.received if r == [WALKER]]
    council.relay.received.clear()
    send_reply(listener, str(confirmation["Reply-To"]), "Actually I can come after all")
    assert apologies(council) == []
    assert len([m for r, m in council.relay.received if r == [WALKER]]) == 1


def test_anything_else_is_answered_with_what_was_understood_and_the_clerk_gets_a_copy(
    council: Council, listener: int
) -> None:
    note = "Please pass on my thanks to the officers for the fostering report."
    send_reply(listener, reminder_reply_to(council), note)
    assert apologies(council) == []
    [answer] = [m for r, m in council.relay.received if r == [WALKER]]
    body = answer.get_body(preferencelist=("plain",))
    assert body is not None
    text = " ".join(body.get_content().split())
    assert (
        f"Board Clerk read your email about Corporate Parenting Board, 2 December 2026 as: “{note}”"
        in text
    )
    assert "It isn't apologies, or a withdrawal of them, so nothing has been recorded." in text
    assert text.endswith("The clerk has a copy and will reply if it needs an answer.")
    [copy] = [m for r, m in council.relay.received if r == [CLERK]]
    assert copy["Subject"] == "Email from Councillor J Walker"
    copy_body = copy.get_body(preferencelist=("plain",))
    assert copy_body is not None and note in copy_body.get_content()
    with transaction(council.db.factory) as session:
        [kept] = kept_replies(session)
    assert (kept.member, kept.text) == ("Councillor J Walker", note)


def test_the_same_reply_delivered_twice_is_answered_once(council: Council, listener: int) -> None:
    reply_to = reminder_reply_to(council)
    for _ in range(2):  # a relay retrying after a lost answer keeps the Message-ID
        send_reply(listener, reply_to, HOSPITAL, Message_ID="<reply-1@council.example.gov.uk>")
    assert apologies(council) == [("Councillor J Walker", "hospital appointment")]
    assert len([m for r, m in council.relay.received if r == [WALKER]]) == 1


def test_a_question_by_email_gets_its_answer_and_the_clerk_a_copy(
    council: Council, listener: int
) -> None:
    send_reply(listener, reminder_reply_to(council), "When is the next meeting?")
    [answer] = [m for r, m in council.relay.received if r == [WALKER]]
    body = answer.get_body(preferencelist=("plain",))
    assert body is not None
    text = " ".join(body.get_content().split())
    assert "Board Clerk's answer:" in text and "Corporate Parenting Board" in text
    assert text.endswith("The clerk has a copy and will reply if it needs an answer.")
    assert len([m for r, m in council.relay.received if r == [CLERK]]) == 1
