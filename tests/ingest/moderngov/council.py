"""A council's site as the tests find it: one followed committee's history and plans."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

from ingest.moderngov.client import SiteClient
from tests.ingest.moderngov.fake_moderngov import (
    Attendee,
    Committee,
    FakeModernGov,
    Item,
    Meeting,
)
from tests.ingest.pdfmaker import make_pdf

# The day the tests run "now": between the April meeting and the June one.
NOW = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=6)
COMMITTEE = 133
TITLE = "Children's Services & Education Scrutiny Committee"

PRINTED_MINUTES = [
    "NORTHMOOR BOROUGH COUNCIL",
    "",
    "CHILDREN'S SERVICES & EDUCATION SCRUTINY COMMITTEE",
    "",
    "Minutes of the meeting held in Committee Room 2, Northmoor Town Hall on Wednesday",
    "22 April 2026 at 1.00 pm.",
    "",
    "PRESENT: Councillors M Carr (Chair), S Patel (Vice-Chair) and D Marsh.",
    "",
    "1. APOLOGIES FOR ABSENCE",
    "",
    "Apologies were received from Councillor T Lindqvist.",
    "",
    "2. SCHOOL PLACE PLANNING",
    "",
    "The Head of Admissions presented the school place planning forecast.",
    "",
    "RESOLVED - That the school place planning forecast be approved.",
    "",
    "3. SEND TRANSPORT REVIEW",
    "",
    "The Committee considered the review of home to school transport.",
    "",
    "RESOLVED - That the Head of Transport bring a revised policy to the next meeting.",
]

EARLIER_MINUTES = [
    "CHILDREN'S SERVICES & EDUCATION SCRUTINY COMMITTEE",
    "",
    "Minutes of the meeting held on Wednesday 11 March 2026 at 10.00 am.",
    "",
    "1. APOLOGIES FOR ABSENCE",
    "",
    "None.",
]


def march_meeting() -> Meeting:
    """Held, with its minutes in the XML: decisions, an action, attendance, a restricted item."""
    return Meeting(
        4001,
        dt.date(2026, 3, 11),
        "10.00 am",
        location="Committee Room 2, Town Hall & Annexe",
        agenda_published=True,
        minutes_published=True,
        items=[
            Item(
                "1",
                "Apologies for Absence",
                "<p>To receive apologies for absence.</p>",
                "<p>Apologies were received from Councillor T Lindqvist.</p>",
            ),
            Item(
                "2",
                "Fostering Recruitment Update",
                "<p>Report of the Head of Fostering.</p><p>To consider the campaign&#39;s results.</p>",
                "<p>The Head of Fostering presented the update on the recruitment campaign.</p>"
                "<p>RESOLVED &ndash; That the report be noted and that the Head of Fostering "
                "circulate the recruitment figures to members by 30 April 2026.</p>",
            ),
            Item(
                "3",
                "Residential Placements Contract",
                "<p>To consider the award of the contract.</p>",
                "<p>RESOLVED &ndash; That the contract be awarded as set out in the report.</p>",
                restricted=True,
            ),
        ],
        attendees=[
            Attendee("Councillor M Carr", "Chair", "Present", "101"),
            Attendee("Councillor S Patel", "Vice-Chair", "Present", "102"),
            Attendee("Councillor D Marsh", "Committee Member", "Present", "103"),
            Attendee("Councillor T Lindqvist", "Committee Member", "Apologies", "104"),
        ],
    )


def april_meeting() -> Meeting:
    """Held; its minutes only as a printed PDF (after an earlier meeting's minutes, linked too)."""
    return Meeting(
        4002,
        dt.date(2026, 4, 22),
        "1.00 pm",
        agenda_published=True,
        minutes_published=True,
        items=[
            Item("1", "Apologies for Absence", "<p>To receive apologies.</p>"),
            Item("2", "School Place Planning", "<p>Report of the Head of Admissions.</p>"),
            Item(
                "3",
                "SEND Transport Review",
                "<p>Report of the Head of Transport.</p>",
                documents=[("SEND Transport Review report", "mgConvert2PDF.aspx?ID=9002")],
            ),
        ],
        documents=[
            ("Minutes , 11/03/2026 Scrutiny", "mgConvert2PDF.aspx?ID=9000"),
            ("Printed minutes 22nd-Apr-2026 13.00 Scrutiny", "mgConvert2PDF.aspx?ID=9001"),
        ],
        attendees=[Attendee("Councillor M Carr", "Chair", "Expected", "101")],
    )


def june_meeting() -> Meeting:
    """Coming up; no agenda yet."""
    return Meeting(4003, dt.date(2026, 6, 17), "13:30", location="Council Chamber")


def july_meeting() -> Meeting:
    """Coming up, its agenda published with a single item (one child, not a list)."""
    return Meeting(
        4004,
        dt.date(2026, 7, 15),
        "1.00 pm",
        agenda_published=True,
        items=[Item("1", "Annual Report of the Virtual School", "<p>To receive the report.</p>")],
    )


def long_ago() -> Meeting:
    """Before the first sync's three years: never read."""
    return Meeting(3001, dt.date(2022, 1, 12), "10.00 am", agenda_published=True)


def june_agenda() -> list[Item]:
    return [
        Item("1", "Apologies for Absence", "<p>To receive apologies.</p>"),
        Item("2", "Minutes of the previous meeting", "<p>To approve the minutes.</p>"),
        Item("3", "Ofsted Inspection Outcome", "<p>Report of the Director.</p>"),
        Item("4", "Children's Social Care Budget 2026/27", "<p>Report of the Head of Finance.</p>"),
    ]


CABINET = 210
BUDGET = "Revenue Budget and Council Tax 2026/27"
BUDGET_DECISION = (
    "RESOLVED – That the revenue budget for 2026/27 of £312.4 million and a council tax "
    "increase of 4.99 per cent be recommended to Council for approval."
)


def cabinet_meeting() -> Meeting:
    """Held last month; its decisions written but not yet published (the call-in period)."""
    return Meeting(
        5101,
        dt.date(2026, 5, 12),
        "10.00 am",
        agenda_published=True,
        items=[
            Item("1", "Apologies for Absence", "<p>To receive apologies.</p>", item_id=7101),
            Item(
                "5",
                BUDGET,
                "<p>Report of the Director of Finance.</p>",
                item_id=7105,
                decision_html=(
                    "<p>RESOLVED &ndash; That the revenue budget for 2026/27 of &pound;312.4 "
                    "million and a council tax increase of 4.99 per cent be recommended to "
                    "Council for approval.</p><p><strong>Reasons for the decision:</strong> "
                    "The Council must set a balanced budget by 11 March.</p>"
                    "<p><strong>Alternative options considered:</strong> None.</p>"
                ),
            ),
            Item(
                "6",
                "Local Transport Plan",
                "<p>Report of the Head of Highways.</p>",
                item_id=7106,
                decision_html="<p>To adopt the Local Transport Plan 2026&ndash;2031.</p>",
            ),
        ],
    )


def build_site(site: FakeModernGov) -> None:
    site.committees = [
        Committee(
            COMMITTEE,
            TITLE,
            "Scrutiny",
            meetings=[long_ago(), march_meeting(), april_meeting(), june_meeting(), july_meeting()],
        ),
        Committee(CABINET, "Cabinet", "Executive", meetings=[cabinet_meeting()]),
        Committee(140, "Joint Waste Panel", "", expired=True),
        Committee(150, "Licensing Sub-Committee (old)", "Regulatory", deleted=True),
    ]
    site.files["pdf:9000"] = make_pdf(EARLIER_MINUTES)
    site.files["pdf:9001"] = make_pdf(PRINTED_MINUTES)


def running_site() -> Iterator[FakeModernGov]:
    """The council's site, started on a free local port until the generator closes."""
    fake = FakeModernGov()
    build_site(fake)
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()


def fast_client(root: str, *, timeout: float = 5.0) -> SiteClient:
    """The real client without the politeness pauses, so tests run quickly."""
    return SiteClient(root, timeout=timeout, retries=2, interval=0.0, backoff=0.0)


def main() -> None:
    """``python -m tests.ingest.moderngov.council``: the fake site, to try the commands by hand."""
    for site in running_site():
        print(f"fake ModernGov site at {site.url} (committee {COMMITTEE}); Ctrl-C stops")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
