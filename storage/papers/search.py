"""Ranked full-text search over papers' pages, by the same ranking as agenda items.

A page is one document: SQLite's FTS5 index of revision 0021 (porter stemmer)
ranked by ``bm25()``, PostgreSQL's english ``tsvector`` of the page ranked by
``ts_rank``, with the terms built exactly as ``storage.search`` builds them (user
text cut into plain words first, never parsed as query syntax; a term may be any
of several word sequences, and "at least k of n" terms may be asked for).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session, selectinload

from storage.models import Meeting
from storage.papers.tables import Paper
from storage.search import (
    PAGE_SEARCH_TABLE,
    Alternatives,
    _clauses,
    _postgres_tsquery,
    _terms,
    fts5_expression,
)

# Must match revision 0021's GIN index, or PostgreSQL reads every page.
_PG_VECTOR = "to_tsvector('english'::regconfig, p.text)"


@dataclass(frozen=True)
class PageHit:
    page_id: int
    paper_id: int
    # The page's number within its paper (from 1).
    number: int
    # Relevance, higher is better (BM25 on SQLite, ts_rank on PostgreSQL).
    score: float


def search_pages(
    session: Session,
    terms: Sequence[str | Alternatives],
    board_ids: Iterable[int],
    *,
    paper_ids: Iterable[int] | None = None,
    at_least: int | None = None,
    limit: int = 50,
) -> list[PageHit]:
    """Pages of these boards' papers (or of ``paper_ids`` only) holding every term, or
    ``at_least`` of them, best first."""
    asked = _terms(terms)
    boards = sorted(set(board_ids))
    if not asked or not boards:
        return []
    need = len(asked) if at_least is None else max(1, min(at_least, len(asked)))
    clauses = _clauses(len(asked), need)
    values: dict[str, Any] = {"boards": boards, "limit": limit}
    only = ""
    if paper_ids is not None:
        values["papers"] = sorted(set(paper_ids)) or [-1]
        only = " AND p.paper_id IN :papers"
    joined = (
        "JOIN papers d ON d.id = p.paper_id JOIN meetings m ON m.id = d.meeting_id "
        f"WHERE m.board_id IN :boards{only}"
    )
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        built, params = _postgres_tsquery(asked, clauses, "all")
        values["query"] = session.execute(text(built), params).scalar_one()
        sql = (
            f"SELECT p.id, p.paper_id, p.number, ts_rank({_PG_VECTOR}, "
            f"CAST(:query AS tsquery)) AS score FROM paper_pages p {joined} "
            f"AND {_PG_VECTOR} @@ CAST(:query AS tsquery) "
            "ORDER BY score DESC, m.date DESC, p.paper_id, p.number LIMIT :limit"
        )
    elif dialect == "sqlite":
        values["q"] = fts5_expression(asked, clauses)
        sql = (
            f"SELECT p.id, p.paper_id, p.number, s.score FROM (SELECT rowid AS id, "
            f"-bm25({PAGE_SEARCH_TABLE}) AS score FROM {PAGE_SEARCH_TABLE} "
            f"WHERE {PAGE_SEARCH_TABLE} MATCH :q) AS s JOIN paper_pages p ON p.id = s.id "
            f"{joined} ORDER BY s.score DESC, m.date DESC, p.paper_id, p.number LIMIT :limit"
        )
    else:  # pragma: no cover - only the two supported databases
        raise NotImplementedError(f"no full-text search for {dialect}")
    statement = text(sql).bindparams(bindparam("boards", expanding=True))
    if paper_ids is not None:
        statement = statement.bindparams(bindparam("papers", expanding=True))
    return [
        PageHit(int(page_id), int(paper_id), int(number), float(score))
        for page_id, paper_id, number, score in session.execute(statement, values)
    ]


def papers_by_id(session: Session, ids: Iterable[int]) -> list[Paper]:
    """These papers with their meeting's board loaded, in no particular order; their pages
    are read when first asked for (only the chosen one's, not every candidate's)."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    return list(
        session.scalars(
            select(Paper)
            .where(Paper.id.in_(wanted))
            .options(selectinload(Paper.meeting).selectinload(Meeting.board))
        )
    )
