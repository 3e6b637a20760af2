"""A member asks what a report recommends, or says about something, and gets it quoted with pages.

End to end: the fake council site publishes the June agenda with report PDFs, a sync
reads them, and the question goes through the real pipeline.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from handlers.paper_topics import parse_topic_question
from ingest.packs import import_pack
from storage.db import transaction
from storage.models import Board, BoardRole, ChatIdentity, Meeting, Member, Role
from storage.papers.tables import Paper, PaperPage
from tests.conftest import Database
from tests.handlers.builders import say
from tests.handlers.test_papers_chat import synced_member
from tests.ingest.moderngov.council import NOW
from tests.ingest.moderngov.fake_moderngov import FakeModernGov
from tests.ingest.moderngov.papers_site import BUDGET_RECOMMENDATION
from tests.ingest.pack_pdf import FOSTERING_RECOMMENDATION, pack_pdf

PACK_NOW = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)


def test_the_two_questions_are_read_and_a_past_decision_is_not_one() -> None:
    recommend = parse_topic_question("What does the report on fostering allowances recommend?")
    assert recommend is not None and (recommend.topic, recommend.about) == (
        "fostering allowances",
        None,
    )
    said = parse_topic_question("what does the budget report say about placement costs?")
    assert said is not None and (said.topic, said.about) == ("budget", "placement costs")
    assert parse_topic_question("what did we decide on the budget report?") is None


def test_what_a_report_recommends_is_quoted_whole_with_its_page_and_link(
    db: Database, site: FakeModernGov
) -> None:
    synced_member(db, site)

    reply = say(
        db.factory,
        "What does the report on the social care budget recommend?",
        as_="UCARR",
        platform="slack",
        now=NOW,
    )

    assert reply.intent == "papers.topic"
    assert reply.text.startswith("What Budget report (item 3, ")
    # Across the page break, cited to the page it starts on.
    assert reply.items == [
        f"“{BUDGET_RECOMMENDATION}” (Budget report, p. 1) "
        f"{site.url}/mgConvert2PDF.aspx?ID=9102#page=1"
    ]
    assert not reply.private
    [author] = reply.fields
    assert (author.label, author.value) == (
        "Report author",
        "Report author: Sam Patel, Head of Finance\nTel: 01632 960100 (Budget report, p. 2)",
    )


def test_what_a_report_says_about_something_quotes_its_sentences_with_pages(
    db: Database, site: FakeModernGov
) -> None:
    synced_member(db, site)

    reply = say(
        db.factory,
        "what does the budget report say about a balanced budget?",
        as_="UCARR",
        platform="slack",
        now=NOW,
    )

    assert reply.items == [
        "“3.1 The Council must set a balanced budget.” (Budget report, p. 2) "
        f"{site.url}/mgConvert2PDF.aspx?ID=9102#page=2"
    ]
    missing = say(
        db.factory,
        "what does the budget report say about libraries?",
        as_="UCARR",
        platform="slack",
        now=NOW,
    )
    assert missing.items == [] and missing.text.endswith("does not mention “libraries”.")


def test_a_report_asking_only_to_note_is_quoted_and_no_report_is_a_plain_answer(
    db: Database, site: FakeModernGov
) -> None:
    synced_member(db, site)

    noted = say(
        db.factory,
        "what does the Ofsted inspection report recommend?",
        as_="UCARR",
        platform="slack",
        now=NOW,
    )
    nothing = say(
        db.factory,
        "what does the report on libraries recommend?",
        as_="UCARR",
        platform="slack",
        now=NOW,
    )

    assert noted.items[0].startswith(
        "“2.1 That the Committee notes the outcome of the inspection.”"
    )
    assert "(Ofsted Inspection Outcome report, p. 1)" in noted.items[0]
    assert nothing.intent == "papers.topic.none"
    assert nothing.text == "I found no report on “libraries” in the papers I have read."


def _exempt_paper_with_pages(db: Database) -> None:
    """A clerk's copy of the exempt report (a pack imported with its Part 2 papers)."""
    with transaction(db.factory) as session:
        paper = session.scalars(select(Paper).where(Paper.restricted)).one()
        paper.pages.append(
            PaperPage(number=1, text="Recommendation\n\nThat the residential contract be awarded.")
        )
        other = Board(name="Audit Committee")
        outsider = Member(name="Councillor P Hart", match_key="p hart")
        outsider.identities.append(ChatIdentity(platform="slack", user_id="UHART"))
        session.add_all(
            [other, outsider, BoardRole(board=other, member=outsider, role=Role.MEMBER)]
        )
        session.add(Meeting(board=other, date=NOW.date()))


def test_an_exempt_report_is_quoted_only_to_the_boards_members_in_a_direct_message(
    db: Database, site: FakeModernGov
) -> None:
    synced_member(db, site)
    _exempt_paper_with_pages(db)
    question = "what does the residential placements contract report recommend?"

    member = say(db.factory, question, as_="UCARR", platform="slack", now=NOW)
    in_channel = say(
        db.factory,
        question,
        as_="UCARR",
        platform="slack",
        now=NOW,
        is_direct=False,
        channel_id="CGENERAL",
        mentioned=True,
    )
    outsider = say(db.factory, question, as_="UHART", platform="slack", now=NOW)
    stranger = say(db.factory, question, as_="USTRANGER", platform="slack", now=NOW)

    assert member.private and "That the residential contract be awarded." in member.items[0]
    for reply in (in_channel, outsider, stranger):
        assert "awarded" not in reply.text + " ".join(reply.items)
    assert "9104" not in {r.query.get("id") for r in site.asked("mgConvert2PDF.aspx")}


def test_a_question_about_a_past_decision_still_cites_the_resolution(
    db: Database, site: FakeModernGov
) -> None:
    synced_member(db, site)

    reply = say(
        db.factory, "what did we decide on the budget?", as_="UCARR", platform="slack", now=NOW
    )

    assert reply.intent != "papers.topic"


def test_a_local_packs_pages_are_cited_and_linked_as_the_packs_own_pages(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "pack.pdf"
    path.write_bytes(pack_pdf(report_pages=2))
    url = "https://example.gov.uk/pack.pdf"
    assert import_pack(db.factory, path, PACK_NOW, url=url).ok
    with transaction(db.factory) as session:
        board = session.scalars(select(Board)).one()
        member = Member(name="Councillor H Adeyemi", match_key="h adeyemi")
        member.identities.append(ChatIdentity(platform="slack", user_id="UADEYEMI"))
        session.add_all([member, BoardRole(board=board, member=member, role=Role.CHAIR)])

    decide = say(
        db.factory,
        "what are we being asked to decide at the next meeting?",
        as_="UADEYEMI",
        platform="slack",
        now=PACK_NOW,
    )
    reasons = say(
        db.factory,
        "what does the fostering allowances report say about the cost of caring?",
        as_="UADEYEMI",
        platform="slack",
        now=PACK_NOW,
    )

    assert decide.items[0] == (
        f"4 Fostering Allowances 2027/28:\n“{FOSTERING_RECOMMENDATION}” "
        f"(Agenda pack, p. 3) {url}#page=3"
    )
    assert reasons.items == [
        "“3.1 Allowances have not kept pace with the cost of caring for a child.” "
        f"(Agenda pack, p. 3) {url}#page=3"
    ]
