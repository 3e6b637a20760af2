"""The papers digest: one direct message per member when an agenda is published, sent once.

End to end against the fake council site: the June agenda (17 June 2026, 1.30pm)
and its report PDFs are published between two syncs, and the digest job sends
what it finds to a recording notifier.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import select

from handlers.messages import Reply
from schedules.announcements import send_pending
from schedules.config import ReminderConfig
from schedules.notify import RecordingNotifier, Target
from schedules.papers_digest import PapersDigests, PapersReport
from storage.models import Attendance, AttendanceStatus, Meeting, Member
from storage.sources.tables import Announcement
from tests.conftest import Database
from tests.handlers.builders import say
from tests.ingest.moderngov.council import LATER
from tests.ingest.moderngov.fake_moderngov import FakeModernGov
from tests.ingest.moderngov.papers_site import BUDGET_RECOMMENDATION, publish_papers
from tests.ingest.moderngov.test_sync import follow, sync
from tests.ingest.pdfmaker import make_pdf
from tests.schedules.world import utc

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run

BOARD = "Children's Services & Education Scrutiny Committee"
MEMBERS = [
    "Councillor D Marsh",
    "Councillor M Carr",
    "Councillor S Patel",
    "Councillor T Lindqvist",
]
# Five days before the meeting at the 09:00 send time (London, so 08:00 UTC).
DAYS_BEFORE = utc(2026, 6, 12, 8)


def published(db: Database, site: FakeModernGov) -> None:
    """Followed, synced once (history), then the June agenda and papers published and synced."""
    follow(db, site)
    assert sync(db).ok
    publish_papers(site)
    assert sync(db, LATER).ok


def run(
    db: Database, now: dt.datetime, **config: int
) -> tuple[PapersReport, list[tuple[str, Reply]]]:
    """One pass of the digest job; what it sent, to whom (by name)."""
    notifier = RecordingNotifier()
    report = PapersDigests(db.factory, notifier, ReminderConfig(**config)).run(now)  # type: ignore[arg-type]
    return report, [(name_of(db, target), reply) for target, reply in notifier.sent]


def name_of(db: Database, target: Target) -> str:
    if target.member_id is None:
        return f"board {target.board_id}"
    with db.factory() as session:
        return session.get_one(Member, target.member_id).name


def test_each_member_gets_one_digest_when_the_agenda_is_published(
    db: Database, site: FakeModernGov
) -> None:
    published(db, site)

    _, sent = run(db, LATER + dt.timedelta(minutes=1))
    _, again = run(db, LATER + dt.timedelta(minutes=2))

    assert sorted(name for name, _ in sent) == sorted(MEMBERS)
    assert again == []
    reply = sent[0][1]
    assert reply.intent == "papers.digest" and reply.private
    assert reply.text == (
        f"Your papers for {BOARD}, Wed 17 June, 1.30pm: 4 items, 1 asking for a decision. "
        "4 pages in all."
    )
    assert reply.items == [
        "3 Children's Social Care Budget 2026/27: "
        f"“{BUDGET_RECOMMENDATION}” (Budget report, pp. 1–2) "
        f"{site.url}/mgConvert2PDF.aspx?ID=9102#page=1",
        "To note: 2 Ofsted Inspection Outcome",
        "Exempt (papers not published): 4 Residential Placements Contract",
    ]


def test_a_member_who_sent_apologies_still_gets_the_papers(
    db: Database, site: FakeModernGov
) -> None:
    published(db, site)
    sorry = say(
        db.factory,
        "sorry, I can't make the meeting on 17 June",
        as_="Councillor T Lindqvist",
        now=LATER,
    )
    with db.factory() as session:
        [apology] = session.scalars(
            select(Attendance)
            .join(Meeting)
            .where(
                Attendance.status == AttendanceStatus.APOLOGIES,
                Meeting.date == dt.date(2026, 6, 17),
            )
        ).all()
        assert session.get_one(Member, apology.member_id).name == "Councillor T Lindqvist"
    assert sorry.intent.startswith("apolog")

    _, sent = run(db, LATER + dt.timedelta(minutes=1))

    assert "Councillor T Lindqvist" in [name for name, _ in sent]


def test_digest_off_is_respected_and_digest_on_brings_it_back(
    db: Database, site: FakeModernGov
) -> None:
    published(db, site)

    off = say(db.factory, "off", command="/digest", as_="Councillor D Marsh", now=LATER)
    _, sent = run(db, LATER + dt.timedelta(minutes=1))
    on = say(db.factory, "on", command="/digest", as_="Councillor D Marsh", now=LATER)
    _, before = run(db, DAYS_BEFORE)

    assert off.text.startswith("Your papers digest is off") and off.private
    assert sorted(name for name, _ in sent) == sorted(set(MEMBERS) - {"Councillor D Marsh"})
    assert on.text.startswith("Your papers digest is on")
    assert "Councillor D Marsh" in [name for name, _ in before]


def test_the_digest_goes_again_the_configured_days_before_the_meeting(
    db: Database, site: FakeModernGov
) -> None:
    published(db, site)
    run(db, LATER + dt.timedelta(minutes=1))

    _, early = run(db, DAYS_BEFORE - dt.timedelta(minutes=1))
    _, due = run(db, DAYS_BEFORE)
    _, none_configured = run(db, utc(2026, 6, 16, 8), papers_digest_days=1)
    _, later = run(db, DAYS_BEFORE + dt.timedelta(hours=1))

    assert early == []
    assert sorted(name for name, _ in due) == sorted(MEMBERS)
    assert sorted(name for name, _ in none_configured) == sorted(MEMBERS)  # the 1-day one
    assert later == []


def test_digests_missed_while_the_bot_was_down_send_only_the_latest(
    db: Database, site: FakeModernGov
) -> None:
    published(db, site)

    report, sent = run(db, DAYS_BEFORE + dt.timedelta(hours=2))

    assert sorted(name for name, _ in sent) == sorted(MEMBERS)
    assert all(":before:2026-06-17:" in key for key in report.sent)


def test_no_days_before_digest_when_it_is_turned_off_and_none_in_quiet_hours(
    db: Database, site: FakeModernGov
) -> None:
    published(db, site)
    run(db, LATER + dt.timedelta(minutes=1))

    _, off = run(db, DAYS_BEFORE, papers_digest_days=0)
    report, night = run(db, utc(2026, 6, 11, 22), papers_digest_days=6)

    assert off == []
    assert night == [] and len(report.held) == 4


def test_a_supplement_added_between_two_syncs_is_announced_once(
    db: Database, site: FakeModernGov
) -> None:

    published(db, site)
    run(db, LATER + dt.timedelta(minutes=1))
    budget = site.meeting(4003).items[2]
    budget.documents.append(("Supplementary budget update", "mgConvert2PDF.aspx?ID=9105"))
    site.files["pdf:9105"] = make_pdf([f"Update line {n}" for n in range(24)], per_page=2)
    second = LATER + dt.timedelta(hours=2)  # 6.00pm in London, before quiet hours

    assert sync(db, second).ok
    assert sync(db, second + dt.timedelta(hours=1)).ok
    channel = RecordingNotifier()
    send_pending(db.factory, channel, second + dt.timedelta(minutes=1))
    send_pending(db.factory, channel, second + dt.timedelta(minutes=2))
    _, members = run(db, second + dt.timedelta(minutes=1))
    _, again = run(db, second + dt.timedelta(minutes=2))

    with db.factory() as session:
        kinds = Counter(session.scalars(select(Announcement.kind)))
    assert kinds["paper-added"] == 1
    [(target, notice)] = [(t, r) for t, r in channel.sent if r.intent.endswith("paper-added")]
    assert target.kind == "board-channel"
    assert notice.text == (
        "A supplementary paper for item 3 was published: Supplementary budget update "
        "(12 pages). Meeting: Wed 17 June, 1.30pm."
    )
    assert notice.items == [f"{site.url}/mgConvert2PDF.aspx?ID=9105"]
    assert sorted(name for name, _ in members) == sorted(MEMBERS)
    assert {reply.text for _, reply in members} == {notice.text}
    assert again == []


def test_a_late_paper_of_an_exempt_item_is_told_to_members_only(
    db: Database, site: FakeModernGov
) -> None:

    published(db, site)
    site.meeting(4003).items[3].documents.append(("Exempt appendix", "mgConvert2PDF.aspx?ID=9106"))
    second = LATER + dt.timedelta(hours=2)  # 6.00pm in London, before quiet hours
    assert sync(db, second).ok

    channel = RecordingNotifier()
    send_pending(db.factory, channel, second + dt.timedelta(minutes=1))
    _, members = run(db, second + dt.timedelta(minutes=1))

    assert [r for _, r in channel.sent if r.intent.endswith("paper-added")] == []
    with db.factory() as session:
        outcome = session.scalars(
            select(Announcement.outcome).where(Announcement.kind == "paper-added")
        ).one()
    assert outcome == "members-only"
    late = [reply for _, reply in members if reply.intent.endswith("paper-added")]
    assert len(late) == 4 and all(reply.private for reply in late)
    assert late[0].text.startswith(
        "A supplementary paper for item 4 was published: Exempt appendix (exempt: not published)."
    )
    assert all("9106" not in r.query.get("id", "") for r in site.asked("mgConvert2PDF.aspx"))


def test_a_paper_added_to_an_agenda_already_out_when_the_site_was_followed_is_late_too(
    db: Database, site: FakeModernGov
) -> None:
    publish_papers(site)
    follow(db, site)
    assert sync(db).ok  # history: the agenda and its papers were out before we followed
    site.meeting(4003).items[1].documents.append(("Ofsted letter", "mgConvert2PDF.aspx?ID=9107"))
    site.files["pdf:9107"] = make_pdf(["Dear Director,", "", "Findings follow."])

    assert sync(db, LATER).ok
    assert sync(db, LATER + dt.timedelta(hours=1)).ok

    with db.factory() as session:
        facts = session.scalars(
            select(Announcement.facts).where(Announcement.kind == "paper-added")
        ).all()
    assert [(f["item_number"], f["title"], f["pages"]) for f in facts] == [
        ("2", "Ofsted letter", 1)
    ]
