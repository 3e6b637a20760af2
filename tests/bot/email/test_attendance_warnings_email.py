"""Six-month-rule warnings by email, through a real relay: to a member who chose email for
reminders, and to a clerk reached only by email; each once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.email.config import mail_config
from bot.email.notifier import EmailNotifier
from bot.settings import Settings
from schedules.attendance_warnings import AttendanceWarnings
from schedules.notify import FanOutNotifier
from storage.db import transaction
from storage.directory import add_member, board_named, link_identity, member_named
from storage.email import set_channel
from storage.models import Role
from tests.bot.email.relay import Relay
from tests.conftest import Database
from tests.storage.attendance_series import BOARD, Minuted, import_series

WALKER = "j.walker@council.example.gov.uk"
CLERK = "p.clerk@council.example.gov.uk"
FOUR_MONTHS = dt.datetime(2026, 7, 10, 9, 0, tzinfo=dt.UTC)
SERIES = [
    Minuted(dt.date(2026, 3, 10), ["M Carr", "J A Walker"]),
    Minuted(dt.date(2026, 4, 14), ["M Carr"], apologies=["J A Walker"]),
    Minuted(dt.date(2026, 6, 9), ["M Carr"], absent=["J A Walker"]),
]


@pytest.fixture
def warnings(sqlite_db: Database, relay: Relay, tmp_path: Path) -> AttendanceWarnings:
    import_series(sqlite_db.factory, tmp_path, SERIES)
    with transaction(sqlite_db.factory) as session:
        board = board_named(session, BOARD)
        add_member(session, "Ms P Clerk", board=board, role=Role.CLERK, email=CLERK)
        walker = member_named(session, "J A Walker")
        walker.email = WALKER
        link_identity(session, walker, "slack", "U0WALKER")
    config = mail_config(
        Settings(
            smtp_url=f"smtp://127.0.0.1:{relay.port}",
            mail_from="boardclerk@council.example.gov.uk",
            reply_address="apologies@boardclerk.example.gov.uk",
        )
    )
    assert config is not None
    return AttendanceWarnings(
        sqlite_db.factory, FanOutNotifier([EmailNotifier(sqlite_db.factory, config)])
    )


def _by_recipient(relay: Relay) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for recipients, message in relay.received:
        body = message.get_body(preferencelist=("plain",))
        assert body is not None
        for recipient in recipients:
            found.setdefault(recipient, []).append(f"{message['Subject']}\n{body.get_content()}")
    return found


@pytest.mark.dates
def test_a_member_who_chose_email_and_the_clerk_each_get_one_email(
    sqlite_db: Database, relay: Relay, warnings: AttendanceWarnings
) -> None:
    with transaction(sqlite_db.factory) as session:
        set_channel(session, member_named(session, "J A Walker").id, "reminders", "email")

    first = warnings.run(FOUR_MONTHS)
    again = warnings.run(FOUR_MONTHS + dt.timedelta(hours=1))

    assert len(first.sent) == 2 and again.sent == [] and first.failed == []
    mail = _by_recipient(relay)
    assert sorted(mail) == [WALKER, CLERK]
    [to_member] = mail[WALKER]
    assert to_member.startswith("Attendance: 4 months since the last recorded attendance\n")
    assert "Your last attendance recorded here was 10 March 2026." in to_member
    assert "covers only the boards it follows" in to_member
    [to_clerk] = mail[CLERK]
    assert "Councillor J A Walker's last attendance recorded here was 10 March 2026" in to_clerk
    assert "10 September 2026" in to_clerk


@pytest.mark.dates
def test_a_member_on_chat_gets_no_email_but_the_clerk_without_chat_does(
    relay: Relay, warnings: AttendanceWarnings
) -> None:
    report = warnings.run(FOUR_MONTHS)

    assert sorted(_by_recipient(relay)) == [CLERK]
    assert len(report.sent) == 1 and len(report.failed) == 1  # Walker's chat is not running
