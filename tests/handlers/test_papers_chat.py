"""A member asks what the next meeting will decide and gets the reports' recommendations quoted.

End to end: the fake council site publishes the June agenda with report PDFs, a
sync reads them, and the member's question goes through the real pipeline.
"""

from __future__ import annotations

from sqlalchemy import select

from storage.db import transaction
from storage.models import Board, BoardRole, ChatIdentity, Member, Role
from tests.conftest import Database
from tests.handlers.builders import say
from tests.ingest.moderngov.council import NOW
from tests.ingest.moderngov.fake_moderngov import FakeModernGov
from tests.ingest.moderngov.papers_site import BUDGET_RECOMMENDATION, publish_papers
from tests.ingest.moderngov.test_sync import follow, sync
from tests.ingest.pdfmaker import make_pdf


def synced_member(db: Database, site: FakeModernGov) -> None:
    publish_papers(site)
    follow(db, site)
    assert sync(db).ok
    with transaction(db.factory) as session:
        board = session.scalars(select(Board)).one()
        member = Member(name="Councillor M Carr", match_key="m carr")
        member.identities.append(ChatIdentity(platform="slack", user_id="UCARR"))
        session.add_all([member, BoardRole(board=board, member=member, role=Role.MEMBER)])


def test_what_are_we_being_asked_to_decide_quotes_each_recommendation_with_page_and_link(
    db: Database, site: FakeModernGov
) -> None:
    synced_member(db, site)

    reply = say(
        db.factory,
        "What are we being asked to decide at the next meeting?",
        as_="UCARR",
        platform="slack",
        now=NOW,
    )

    assert reply.intent == "papers.decide"
    assert reply.text.startswith("At the Children's Services & Education Scrutiny Committee, ")
    assert "1 item asks for a decision" in reply.text
    decision, noting, silent = reply.items
    # Quoted whole, across the page break, with the footer left out.
    assert decision == (
        "3 Children's Social Care Budget 2026/27:\n"
        f"“{BUDGET_RECOMMENDATION}” (Budget report, pp. 1–2) "
        f"{site.url}/mgConvert2PDF.aspx?ID=9102#page=1"
    )
    assert noting == "To note: 2 Ofsted Inspection Outcome (Ofsted Inspection Outcome report, p. 1)"
    assert "4 Residential Placements Contract (restricted" in silent
    assert "9104" not in {r.query.get("id") for r in site.asked("mgConvert2PDF.aspx")}


def test_papers_lists_an_items_documents_with_kinds_pages_and_links(
    db: Database, site: FakeModernGov
) -> None:
    synced_member(db, site)

    reply = say(db.factory, "budget", command="/papers", as_="UCARR", platform="slack", now=NOW)

    assert reply.intent == "papers"
    assert reply.items == [
        "3 Children's Social Care Budget 2026/27: "
        f"Budget report (report, 2 pages) {site.url}/mgConvert2PDF.aspx?ID=9102; "
        f"Appendix A - Placement costs (appendix, 1 page) {site.url}/mgConvert2PDF.aspx?ID=9103"
    ]
    everything = say(db.factory, "", command="/papers", as_="UCARR", platform="slack", now=NOW)
    assert "Contract award report (restricted, not published)" in everything.items[-1]


def test_a_date_with_no_meeting_is_a_clear_one_line_answer(
    db: Database, site: FakeModernGov
) -> None:
    synced_member(db, site)

    reply = say(
        db.factory, "what are we asked to decide on 3 June?", as_="UCARR", platform="slack", now=NOW
    )

    assert reply.text == "There is no meeting on Wed 3 June 2026 in the record."


def test_a_report_that_makes_no_recommendation_says_so_in_its_own_words(
    db: Database, site: FakeModernGov
) -> None:
    publish_papers(site)
    site.files["pdf:9101"] = make_pdf(
        ["1. Recommendations", "", "1.1 None. This report is for information only."]
    )
    follow(db, site)
    assert sync(db).ok
    with transaction(db.factory) as session:
        board = session.scalars(select(Board)).one()
        member = Member(name="Councillor M Carr", match_key="m carr")
        member.identities.append(ChatIdentity(platform="slack", user_id="UCARR"))
        session.add_all([member, BoardRole(board=board, member=member, role=Role.MEMBER)])

    reply = say(
        db.factory,
        "What are we being asked to decide at the next meeting?",
        as_="UCARR",
        platform="slack",
        now=NOW,
    )

    assert "1 item asks for a decision" in reply.text
    assert reply.items[1] == (
        "Making no recommendation, in their own words: 2 Ofsted Inspection Outcome "
        "(“1.1 None. This report is for information only.”, "
        "Ofsted Inspection Outcome report, p. 1)"
    )
