"""Ranked full-text search over agenda items and their resolutions, one interface for both
databases.

Each item is one weighted document (title, presenters, agenda, minutes, resolutions).
SQLite keeps it in an FTS5 table (porter stemmer) ranked by ``bm25()`` with column
weights; PostgreSQL keeps a weighted ``tsvector`` (english configuration) ranked by
``ts_rank``: term frequency by field weight, as BM25 is (cover density, ``ts_rank_cd``,
costs several times more per match, and a common word matches thousands of items).
Triggers keep either in step with every insert, update and delete (revision 0004),
without any caller having to remember a refresh; on PostgreSQL an item written is
refreshed once at commit (revision 0023), and a search first refreshes those its own
transaction has written, so it finds what that transaction wrote.

User text never reaches query syntax: it is cut into plain alphanumeric words
first, and each word is quoted (FTS5) or bound as a parameter (PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from math import comb
from typing import Any, Literal

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.orm import Session

from storage.models import AgendaItem, Decision

Where = Literal["heading", "body", "all"]
"""``heading``: an item's title, presenters and resolutions; ``body``: its agenda and minutes;
``all``: both, each field weighed by how much it says what the item is about."""

# Objects created by revision 0004 that the models cannot describe.
SEARCH_TABLE = "item_search"
# Revision 0023's items written this transaction, refreshed at commit (PostgreSQL).
PENDING_TABLE = "item_search_pending"
_SEARCH_INDEXES = frozenset(
    [
        "ix_item_search_heading",
        "ix_item_search_document",
        "ix_item_search_newest",
        "ix_paper_pages_search",
    ]
)
# Revision 0021's index of papers' pages (storage.papers.search).
PAGE_SEARCH_TABLE = "paper_page_search"
_FTS5_SHADOWS = ("_data", "_idx", "_docsize", "_config", "_content")

WORD = re.compile(r"[^\W_]+", re.UNICODE)

# BM25 weights of the FTS5 columns, in their order: a word in the title says most about
# what an item is, then its resolutions; agenda and minutes text mention many things.
_FTS5_WEIGHTS = "8.0, 2.0, 1.5, 1.0, 4.0"
_FTS5_COLUMNS: dict[Where, str | None] = {
    "heading": "title presenters decisions",
    "body": "agenda_text minutes_text",
    "all": None,
}
# The same order for PostgreSQL: weights of D (minutes), C (agenda), B (resolutions), A (title).
_PG_WEIGHTS = "{0.125, 0.2, 0.5, 1.0}"
# The heading has its own vector (no labels needed); the body is the C and D of the whole.
_PG_LABELS: dict[Where, str] = {"heading": "", "body": ":CD", "all": ""}


def words(value: str) -> list[str]:
    """Lower-case alphanumeric words: the only part of user text a query ever sees."""
    return [w.lower() for w in WORD.findall(value)]


@dataclass(frozen=True)
class Hit:
    item_id: int
    meeting_date: dt.date
    # Relevance, higher is better (BM25 on SQLite, weighted term frequency on PostgreSQL).
    score: float = 0.0


Alternatives = Sequence[Sequence[str]]
"""One thing asked about, as any of several word sequences: ("lac",), ("looked", "after",
"children"). A plain string term is one word sequence per word."""
# More combinations than this and "at least k of n" is asked as "any", left to the caller.
_MOST_COMBINATIONS = 20


def search_items(
    session: Session,
    terms: Sequence[str | Alternatives],
    board_ids: Iterable[int],
    *,
    where: Where = "heading",
    any_term: bool = False,
    at_least: int | None = None,
    ranked: bool = False,
    limit: int = 50,
) -> list[Hit]:
    """Items of these boards whose fields hold every term (or any, or ``at_least`` of them),
    best first when ``ranked``, else newest first. Words are stemmed ("forums" finds
    "forum"); a term given as alternatives is held when any one of them is."""
    asked = _terms(terms)
    ids = sorted(set(board_ids))
    if not asked or not ids:
        return []
    need = 1 if any_term else len(asked) if at_least is None else max(1, at_least)
    clauses = _clauses(len(asked), need)
    dialect = session.get_bind().dialect.name
    values = {"boards": ids, "limit": limit}
    if dialect == "postgresql":
        return _postgres_search(session, asked, clauses, where, ranked, values)
    if dialect != "sqlite":  # pragma: no cover - only the two supported databases
        raise NotImplementedError(f"no full-text search for {dialect}")
    matching, params = _sqlite_query(asked, clauses, where, ranked)
    values.update(params)
    joined = (
        "JOIN agenda_items i ON i.id = s.item_id JOIN meetings m ON m.id = i.meeting_id "
        "WHERE m.board_id IN :boards"
    )
    if not ranked:
        sql = (
            f"SELECT s.item_id, m.date, s.score FROM ({matching}) AS s {joined} "
            "ORDER BY m.date DESC, i.position LIMIT :limit"
        )
        return _hits(session, sql, values)
    # The best of all boards first, without joining every match; only when too few of
    # them are the asker's boards is every match joined.
    sql = (
        f"WITH pool AS MATERIALIZED ({matching} ORDER BY score DESC LIMIT :pool) "
        f"SELECT s.item_id, m.date, s.score, (SELECT count(*) FROM pool) FROM pool AS s {joined} "
        "ORDER BY s.score DESC, m.date DESC, i.position LIMIT :limit"
    )
    pool = max(200, 4 * limit)
    rows = _rows(session, sql, {**values, "pool": pool})
    if len(rows) < limit and (not rows or rows[0][3] >= pool):
        rows = _rows(session, sql, {**values, "pool": _EVERY_MATCH})
    return [Hit(item_id, _as_date(date), float(score)) for item_id, date, score, _ in rows]


_EVERY_MATCH = 2**31 - 1


def _rows(session: Session, sql: str, values: dict[str, Any]) -> list[Any]:
    statement = text(sql).bindparams(bindparam("boards", expanding=True))
    return list(session.execute(statement, values))


def _hits(session: Session, sql: str, values: dict[str, Any]) -> list[Hit]:
    rows = _rows(session, sql, values)
    return [Hit(item_id, _as_date(date), float(score)) for item_id, date, score in rows]


def _terms(terms: Sequence[str | Alternatives]) -> list[list[list[str]]]:
    """Each term as alternatives of clean word lists; nothing of the member's text survives
    but lower-case alphanumeric words."""
    found: list[list[list[str]]] = []
    for term in terms:
        if isinstance(term, str):
            found.extend([[w]] for w in words(term))
            continue
        alternatives = [clean for alt in term if (clean := [w for p in alt for w in words(p)])]
        # "virtual school head" adds nothing to "virtual school": whatever holds it holds both.
        unique = [list(a) for a in dict.fromkeys(tuple(a) for a in alternatives)]
        kept = [a for a in unique if not any(set(b) < set(a) for b in unique)]
        if kept:
            found.append(kept)
    return found


def _clauses(n: int, need: int) -> list[tuple[int, ...]]:
    """Which terms must be held together: one clause (all), one per term (any), or one per
    combination of ``need`` terms."""
    if need >= n:
        return [tuple(range(n))]
    if need == 1 or comb(n, need) > _MOST_COMBINATIONS:
        return [(i,) for i in range(n)]
    return list(combinations(range(n), need))


def _as_date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _sqlite_query(
    terms: list[list[list[str]]], clauses: list[tuple[int, ...]], where: Where, ranked: bool
) -> tuple[str, dict[str, str]]:
    expression = fts5_expression(terms, clauses)
    columns = _FTS5_COLUMNS[where]
    query = f"{{{columns}}} : ({expression})" if columns else f"({expression})"
    score = f"-bm25(item_search, {_FTS5_WEIGHTS})" if ranked else "0"
    sql = f"SELECT rowid AS item_id, {score} AS score FROM item_search WHERE item_search MATCH :q"
    return sql, {"q": query}


def fts5_expression(terms: list[list[list[str]]], clauses: list[tuple[int, ...]]) -> str:
    """An FTS5 MATCH expression: every word quoted, so none is read as query syntax."""

    def quoted(word: str) -> str:
        return f'"{word.replace(chr(34), chr(34) * 2)}"'

    def term(alternatives: list[list[str]]) -> str:
        return "(" + " OR ".join(f"({' AND '.join(map(quoted, a))})" for a in alternatives) + ")"

    return " OR ".join(
        "(" + " AND ".join(term(terms[i]) for i in clause) + ")" for clause in clauses
    )


# Rows of the newest items read before asking for every match: enough for a common
# topic's newest matches, a few milliseconds when the topic is rare.
_NEWEST_WINDOW = 2000


def _postgres_search(
    session: Session,
    asked: list[list[list[str]]],
    clauses: list[tuple[int, ...]],
    where: Where,
    ranked: bool,
    values: dict[str, Any],
) -> list[Hit]:
    """The query is built first and then given as a value, so the planner sees its words
    and their frequencies. The search table carries board, date and position: no join."""
    built, params = _postgres_tsquery(asked, clauses, where)
    query, _refreshed = session.execute(text(built), params).one()
    values = {**values, "query": query}
    vector = "heading" if where == "heading" else "document"
    matches = f"{vector} @@ CAST(:query AS tsquery) AND board_id IN :boards"
    if ranked:
        score = f"ts_rank('{_PG_WEIGHTS}', {vector}, CAST(:query AS tsquery), 1)"
        sql = (
            f"SELECT item_id, meeting_date, {score} AS score FROM item_search WHERE {matches} "
            "ORDER BY score DESC, meeting_date DESC, position LIMIT :limit"
        )
        return _hits(session, sql, values)
    # Newest first: words that come together ("signs of safety") match far more items than
    # the planner expects from each alone, and reading every match to sort it by date costs
    # tens of milliseconds. Whatever the newest items hold enough of is the answer exactly.
    newest = "(SELECT * FROM item_search ORDER BY meeting_date DESC, position LIMIT :window)"
    sql = (
        "SELECT item_id, meeting_date, 0 AS score FROM {rows} AS s WHERE {matches} "
        "ORDER BY meeting_date DESC, position LIMIT :limit"
    )
    hits = _hits(
        session, sql.format(rows=newest, matches=matches), {**values, "window": _NEWEST_WINDOW}
    )
    if len(hits) == values["limit"]:
        return hits
    return _hits(session, sql.format(rows="item_search", matches=matches), values)


def _postgres_tsquery(
    terms: list[list[list[str]]], clauses: list[tuple[int, ...]], where: Where
) -> tuple[str, dict[str, str]]:
    """SQL giving the text of the ``tsquery``: each word stemmed by the english
    configuration and its lexemes quoted (weight-restricted to the asked fields); the SQL
    holds only bind names, and nothing the member typed is parsed as query syntax."""
    distinct = list(dict.fromkeys(w for t in terms for alt in t for w in alt))
    index = {w: i for i, w in enumerate(distinct)}
    lexemes = ", ".join(
        "to_tsquery('simple'::regconfig, coalesce((SELECT string_agg(quote_literal(l) || "
        f":labels, ' & ') FROM unnest(tsvector_to_array(to_tsvector('english'::regconfig, "
        f":w{i}))) AS l), '')) AS w{i}"
        for i in range(len(distinct))
    )

    def term(alternatives: list[list[str]]) -> str:
        return (
            "("
            + " || ".join("(" + " && ".join(f"w{index[w]}" for w in a) + ")" for a in alternatives)
            + ")"
        )

    query = " || ".join(
        "(" + " && ".join(term(terms[i]) for i in clause) + ")" for clause in clauses
    )
    # Items this transaction wrote are refreshed first: its mark (revision 0023) says it
    # wrote any, found by the key alone however many dead rows the table holds.
    flush = (
        "(SELECT item_search_flush() WHERE EXISTS "
        f"(SELECT FROM {PENDING_TABLE} WHERE item_id = -pg_backend_pid()))"
    )
    sql = f"WITH w AS (SELECT {lexemes}) SELECT CAST({query} AS text), {flush} FROM w"
    params = {f"w{i}": w for i, w in enumerate(distinct)}
    return sql, {**params, "labels": _PG_LABELS[where]}


@dataclass
class _VocabularyCache:
    signature: tuple[str, int, int] | None = None
    words: frozenset[str] = frozenset()


_vocabulary = _VocabularyCache()


def heading_vocabulary(session: Session) -> frozenset[str]:
    """Every word of every item title and resolution: what a typo is corrected towards.

    Cached in process and rebuilt when items or resolutions are added (checked with two
    primary-key lookups per call; a count would read every row). Importing a document
    again replaces its items under new ids, so that is seen too; a word left behind by a
    deletion only ever offers a correction that finds nothing.
    """
    top_item, top_decision = session.execute(
        select(select(func.max(AgendaItem.id)).scalar_subquery(), func.max(Decision.id))
    ).one()
    bind = session.get_bind()
    signature = (str(bind.engine.url), int(top_item or 0), int(top_decision or 0))
    if _vocabulary.signature != signature:
        found: set[str] = set()
        for (title,) in session.execute(select(AgendaItem.title).distinct()):
            found.update(w for w in words(title) if not w.isdigit())
        for (said,) in session.execute(select(Decision.text).distinct()):
            found.update(w for w in words(said) if not w.isdigit())
        _vocabulary.words = frozenset(found)
        _vocabulary.signature = signature
    return _vocabulary.words


def is_model_object(name: str | None, type_: str, _parent: Any) -> bool:
    """Alembic ``include_name`` filter: the search tables of revisions 0004, 0021 and 0023
    (and their FTS5 shadow tables and GIN indexes) are not models, so schema comparisons leave
    them alone."""
    if type_ == "table" and name is not None:
        return name != PENDING_TABLE and not any(
            name == f"{table}{suffix}"
            for table in (SEARCH_TABLE, PAGE_SEARCH_TABLE)
            for suffix in ("", *_FTS5_SHADOWS)
        )
    if type_ == "index":
        return name not in _SEARCH_INDEXES
    return True
