"""The papers digest by email, for a member who takes digests by email."""

from __future__ import annotations

import datetime as dt

import pytest

from schedules.config import ReminderConfig
from schedules.papers_digest import PapersDigests
from storage.db import transaction
from storage.email import set_channel
from storage.models import ChatIdentity
from storage.papers.records import ListedPaper, record_listing, record_pages
from tests.bot.email.conftest import WALKER, Council
from tests.schedules.world import utc

pytestmark = pytest.mark.dates

# The meeting is Wed 2 December 2026, 3.00pm; five days before at 09:00 London.
FIVE_DAYS_BEFORE = utc(2026, 11, 27, 9)
REPORT = [
    "1. Recommendations\n\n1.1 That the Board approves the Sufficiency Strategy 2027-2030.\n\n"
    "2. Background\n\n2.1 The strategy was consulted on.",
]


def papers(council: Council) -> None:
    listed = ListedPaper(
        item_key="2",
        item_number="2",
        item_title="Sufficiency Strategy",
        position=1,
        title="Sufficiency Strategy report",
        url="https://council.example.gov.uk/documents/s1/Sufficiency.pdf",
        kind="report",
        restricted=False,
    )
    with transaction(council.db.factory) as session:
        [wanted] = record_listing(session, council.meeting_id, [listed], utc(2026, 11, 20, 9))
        record_pages(session, wanted.paper_id, REPORT, "0" * 64, utc(2026, 11, 20, 9))


def sent_to_walker(council: Council) -> list[str]:
    return [m["Subject"] for to, m in council.relay.received if to == [WALKER]]


def test_an_email_only_member_gets_the_digest_by_email_once(council: Council) -> None:
    papers(council)
    digests = PapersDigests(council.db.factory, council.fan_out, ReminderConfig())

    digests.run(FIVE_DAYS_BEFORE)
    digests.run(FIVE_DAYS_BEFORE + dt.timedelta(minutes=1))

    assert sent_to_walker(council) == ["Papers: Corporate Parenting Board, Wed 2 December 2026"]
    [(_, message)] = council.relay.received
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "2 items, 1 asking for a decision. 1 page in all." in text
    assert "“1.1 That the Board approves the Sufficiency Strategy 2027-2030.”" in text
    assert "Sufficiency.pdf#page=1" in text


def test_a_member_on_chat_gets_email_only_when_they_chose_email_for_digests(
    council: Council,
) -> None:
    papers(council)
    with transaction(council.db.factory) as session:
        session.add(ChatIdentity(member_id=council.walker_id, platform="slack", user_id="U1"))
    PapersDigests(council.db.factory, council.fan_out, ReminderConfig()).run(FIVE_DAYS_BEFORE)
    assert sent_to_walker(council) == []
    with transaction(council.db.factory) as session:
        set_channel(session, council.walker_id, "digests", "email")

    PapersDigests(council.db.factory, council.fan_out, ReminderConfig(papers_digest_days=1)).run(
        utc(2026, 12, 1, 9)
    )

    assert sent_to_walker(council) == ["Papers: Corporate Parenting Board, Wed 2 December 2026"]
