"""Reminders by email: through a real relay, with a reply token, a calendar entry, once only."""

from __future__ import annotations

import threading
from email.message import EmailMessage

from icalendar import Calendar

from schedules.config import ReminderConfig
from schedules.dispatch import Dispatcher
from schedules.notify import FanOutNotifier
from storage.db import transaction
from storage.email import channel_for, set_channel
from storage.models import ChatIdentity
from tests.bot.email.conftest import REPLY_DOMAIN, WALKER, Council
from tests.schedules.world import utc

SEVEN_DAYS_BEFORE = utc(2026, 11, 25, 9)


def to_walker(council: Council, subject_part: str = "") -> list[EmailMessage]:
    return [
        message
        for recipients, message in council.relay.received
        if recipients == [WALKER] and subject_part in message["Subject"]
    ]


def test_a_member_with_only_an_email_address_gets_the_7_day_reminder_by_email(
    council: Council,
) -> None:
    report = Dispatcher(council.db.factory, council.fan_out, ReminderConfig()).run(
        SEVEN_DAYS_BEFORE
    )
    assert f"meeting:m{council.meeting_id}:u{council.walker_id}:20261125T0900Z" in report.sent
    [message] = to_walker(council, "meets")
    assert message["Subject"] == "Corporate Parenting Board meets in 7 days"
    local, _, domain = message["Reply-To"].partition("@")
    assert domain == REPLY_DOMAIN and local.startswith("apologies+") and len(local) > 20
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and "Reminder: Corporate Parenting Board" in text.get_content()
    assert "Reply to this email with your apologies" in text.get_content()
    assert html is not None and "<h2>Corporate Parenting Board meets in 7 days</h2>" in str(
        html.get_content()
    )
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    [event] = Calendar.from_ical(attachment.get_content()).walk("VEVENT")
    assert str(event["summary"]) == "Corporate Parenting Board"
    assert str(event["uid"]) == f"meeting-{council.meeting_id}@boardclerk"
    token = local.removeprefix("apologies+")
    assert message["List-Unsubscribe"] == (
        f"<https://boardclerk.example.gov.uk/email/unsubscribe/{token}>"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_member_with_a_chat_link_gets_chat_unless_they_choose_email(council: Council) -> None:
    with transaction(council.db.factory) as session:
        session.add(ChatIdentity(member_id=council.walker_id, platform="slack", user_id="U1"))
    with transaction(council.db.factory) as session:
        assert channel_for(session, council.walker_id, "reminders") == "chat"
    Dispatcher(council.db.factory, council.fan_out, ReminderConfig()).run(SEVEN_DAYS_BEFORE)
    assert to_walker(council) == []
    with transaction(council.db.factory) as session:
        set_channel(session, council.walker_id, "reminders", "both")
    Dispatcher(council.db.factory, council.fan_out, ReminderConfig()).run(utc(2026, 12, 1, 9))
    assert [m["Subject"] for m in to_walker(council, "meets")] == [
        "Corporate Parenting Board meets tomorrow"
    ]


def test_two_replicas_send_each_email_once(council: Council) -> None:
    replicas = [
        Dispatcher(council.db.factory, FanOutNotifier([council.mailer]), ReminderConfig())
        for _ in range(2)
    ]
    threads = [threading.Thread(target=r.run, args=(SEVEN_DAYS_BEFORE,)) for r in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    subjects = sorted(str(m["Subject"]) for m in council.relay.messages)
    assert len(subjects) == 3 and len(set(subjects)) == 2  # two each to two people, once
    assert len(to_walker(council)) == 1
