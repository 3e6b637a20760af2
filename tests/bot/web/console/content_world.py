"""The example board record (``tests.handlers.builders.build``) with what the console's content
pages show: papers for the coming meeting (one restricted), an apology that came by email, a
reply kept for the clerk and a failed email, for members of each board."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from storage.attendance import record_apology_row
from storage.db import transaction
from storage.email_outbox import FAILED, OutboxMail, enqueue, keep_reply
from storage.models import AttendanceSource, Meeting, Member
from storage.papers.records import ListedPaper, record_listing, record_pages
from tests.conftest import Database
from tests.handlers.builders import Record, build

SEEN = dt.datetime(2026, 11, 18, 9, tzinfo=dt.UTC)
REPORT_URL = "https://council.example.gov.uk/documents/s901/Fostering.pdf"
REPORT = [
    "Fostering Recruitment Update\n\nReport of the Head of Service",
    "1. Recommendations\n\n1.1 That the Board approves the fostering recruitment campaign "
    "for 2027.\n\n2. Background\n\n2.1 Twelve households were approved this year.",
    "3. Financial implications\n\nNone.",
]
PLACES_URL = "https://council.example.gov.uk/documents/s902/Placements.pdf"


@dataclass(frozen=True)
class World:
    record: Record
    walker_id: int
    patel_id: int
    carr_id: int
    failed_id: int  # a failed email to Walker (Corporate Parenting Board)
    other_failed_id: int  # a failed email to Patel (Health Scrutiny Panel)


def _listed(
    number: str | None,
    title: str,
    position: int,
    paper: str,
    url: str,
    *,
    kind: str = "report",
    restricted: bool = False,
) -> ListedPaper:
    return ListedPaper(
        item_key=number or title,
        item_number=number,
        item_title=title,
        position=position,
        title=paper,
        url=url,
        kind=kind,
        restricted=restricted,
    )


def _failed(db: Database, member_id: int, recipient: str, subject: str) -> int:
    with transaction(db.factory) as session:
        mail_id = enqueue(
            session,
            message_id=f"<{subject}@boardclerk.test>",
            member_id=member_id,
            recipient=recipient,
            subject=subject,
            body=b"Subject: x\r\n\r\nbody",
            now=SEEN,
        )
        row = session.get_one(OutboxMail, mail_id)
        row.status, row.attempts, row.last_error = FAILED, 6, "550 5.1.1 mailbox unavailable"
        return mail_id


def build_content(db: Database) -> World:
    record = build(db.factory)
    with transaction(db.factory) as session:

        def named(name: str) -> Member:
            return session.scalars(select(Member).where(Member.name == name)).one()

        walker, patel, carr = (
            named("Councillor J Walker"),
            named("Councillor K Patel"),
            named("Councillor M Carr"),
        )
        listed = [
            _listed(
                "26/40",
                "Fostering Recruitment Update",
                1,
                "Fostering Recruitment report",
                REPORT_URL,
            ),
            _listed(
                "26/40",
                "Fostering Recruitment Update",
                2,
                "Appendix A: campaign plan",
                "https://council.example.gov.uk/documents/s903/Plan.pdf",
                kind="appendix",
            ),
            _listed(
                "26/41",
                "Residential placements",
                3,
                "Placements contract (exempt)",
                PLACES_URL,
                restricted=True,
            ),
        ]
        wanted = record_listing(session, record.upcoming_id, listed, SEEN)
        record_pages(session, wanted[0].paper_id, REPORT, "0" * 64, SEEN)
        meeting = session.get_one(Meeting, record.upcoming_id)
        # Carr replied to the reminder email: "Sorry, can't make it".
        record_apology_row(
            session,
            meeting,
            carr,
            reason="family commitment",
            substitute=None,
            recorded_by=carr.name,
            now=SEEN,
            source=AttendanceSource.EMAIL,
        )
        keep_reply(
            session,
            member_id=walker.id,
            meeting_id=record.upcoming_id,
            now=SEEN,
            subject="Re: Corporate Parenting Board on 2 December",
            text="Can we have the papers printed?",
            understood="I couldn't tell what you meant, so I've sent your reply to the clerk.",
        )
        keep_reply(
            session,
            member_id=patel.id,
            meeting_id=None,
            now=SEEN,
            subject="Re: Health Scrutiny Panel",
            text="Who chairs the panel?",
            understood="I've sent your reply to the clerk.",
        )
        ids = walker.id, patel.id, carr.id
    failed = _failed(db, ids[0], "j.walker@example.org", "Reminder: Corporate Parenting Board")
    other = _failed(db, ids[1], "k.patel@example.org", "Reminder: Health Scrutiny Panel")
    return World(record, *ids, failed, other)
