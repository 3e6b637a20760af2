"""Papers' pages searched and ranked like items, on both databases, always in step with the pages."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from storage.db import transaction
from storage.models import Board, Meeting
from storage.papers.records import record_pages
from storage.papers.search import search_pages
from storage.papers.tables import Paper, PaperPage
from tests.conftest import Database

NOW = dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)


def _paper(meeting: Meeting, title: str, pages: list[str]) -> Paper:
    paper = Paper(
        meeting=meeting,
        item_key=title,
        item_title=title,
        position=0,
        title=title,
        url=f"https://example.gov.uk/{title}.pdf",
        kind="report",
        listing="x",
        first_seen=NOW,
    )
    paper.pages.extend(PaperPage(number=n, text=t) for n, t in enumerate(pages, 1))
    return paper


def _seed(db: Database) -> tuple[int, int, int]:
    with transaction(db.factory) as session:
        board = Board(name="Corporate Parenting Board")
        other = Board(name="Audit Committee")
        june = Meeting(board=board, date=dt.date(2026, 6, 10))
        audit = Meeting(board=other, date=dt.date(2026, 6, 11))
        budget = _paper(
            june,
            "Budget report",
            [
                "Summary. The budget covers children's social care.",
                "Placement costs rose by 12% as residential placements grew.",
            ],
        )
        fostering = _paper(june, "Fostering report", ["Fostering allowances rise in April."])
        plan = _paper(audit, "Audit plan", ["Placement costs are audited each year."])
        session.add_all([budget, fostering, plan])
        session.flush()
        return board.id, budget.id, fostering.id


def test_pages_are_found_by_stemmed_words_ranked_and_kept_to_the_boards_asked(
    db: Database,
) -> None:
    board, budget, fostering = _seed(db)
    with db.factory() as session:
        hits = search_pages(session, ["placements", "cost"], [board])

        assert [(h.paper_id, h.number) for h in hits] == [(budget, 2)]
        assert hits[0].score > 0
        either = search_pages(session, ["fostering", "placement"], [board], at_least=1)
        assert {h.paper_id for h in either} == {budget, fostering}
        assert search_pages(session, ["audited"], [board]) == []


def test_a_search_can_be_kept_to_one_paper_and_no_word_is_query_syntax(db: Database) -> None:
    board, budget, fostering = _seed(db)
    with db.factory() as session:
        assert search_pages(session, ["placement"], [board], paper_ids=[fostering]) == []
        only = search_pages(session, ["placement"], [board], paper_ids=[budget])
        assert [h.number for h in only] == [2]
        syntax = search_pages(session, ['"placement OR NEAR(* )'], [board], at_least=1)
        assert [h.number for h in syntax] == [2]


def test_the_index_follows_pages_rewritten_and_papers_deleted(db: Database) -> None:
    board, budget, _ = _seed(db)
    with transaction(db.factory) as session:
        record_pages(session, budget, ["Respite care for disabled children."], "0" * 64, NOW)
    with db.factory() as session:
        assert search_pages(session, ["placement"], [board], paper_ids=[budget]) == []
        assert [h.number for h in search_pages(session, ["respite"], [board])] == [1]
    with transaction(db.factory) as session:
        session.delete(session.get_one(Paper, budget))
    with db.factory() as session:
        assert search_pages(session, ["respite"], [board]) == []
        assert session.scalars(select(PaperPage.id)).all()  # the other papers' pages stay
