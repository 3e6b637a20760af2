"""Full-text search over agenda items and decisions, one interface for both databases.

SQLite uses FTS5 external-content tables (porter/unicode61) kept in sync by
triggers; PostgreSQL uses GIN expression indexes queried with
``websearch_to_tsquery``. Either way the index follows every insert, update and
delete without any caller having to remember a refresh (revision 0002).

User text never reaches query syntax: it is cut into plain alphanumeric words
first, and each word is quoted (FTS5) or bound as a parameter (PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Integer, column, func, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import TextualSelect

from storage.models import AgendaItem, Meeting

Where = Literal["heading", "body"]
"""``heading``: an item's title, presenters and resolutions; ``body``: its agenda and minutes."""

# Objects created by revision 0002 that the models cannot describe.
SQLITE_TABLES = frozenset({"agenda_items_fts", "decisions_fts"})
POSTGRES_INDEXES = frozenset(
    {"ix_agenda_items_heading_fts", "ix_agenda_items_body_fts", "ix_decisions_fts"}
)
_FTS5_SHADOWS = ("_data", "_idx", "_docsize", "_config", "_content")

WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Must match the index expressions of revision 0002 character for character.
_PG_HEADING = (
    "to_tsvector('english'::regconfig, coalesce(agenda_items.title, '') || ' ' || "
    "coalesce(agenda_items.presenters::text, ''))"
)
_PG_BODY = (
    "to_tsvector('english'::regconfig, coalesce(agenda_items.agenda_text, '') || ' ' || "
    "coalesce(agenda_items.minutes_text, ''))"
)
_PG_DECISION = "to_tsvector('english'::regconfig, decisions.text)"


_ITEM_ID = column("item_id", Integer)


def words(value: str) -> list[str]:
    """Lower-case alphanumeric words: the only part of user text a query ever sees."""
    return [w.lower() for w in WORD.findall(value)]


@dataclass(frozen=True)
class Hit:
    item_id: int
    meeting_date: dt.date


def search_items(
    session: Session,
    terms: Sequence[str],
    board_ids: Iterable[int],
    *,
    where: Where = "heading",
    any_term: bool = False,
    limit: int = 50,
) -> list[Hit]:
    """Items of these boards whose heading (or body) holds every term (or any), newest first."""
    clean = [w for term in terms for w in words(term)]
    ids = sorted(set(board_ids))
    if not clean or not ids:
        return []
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        item_ids = _sqlite_item_ids(clean, where, any_term)
    elif dialect == "postgresql":
        item_ids = _postgres_item_ids(clean, where, any_term)
    else:  # pragma: no cover - only the two supported databases
        raise NotImplementedError(f"no full-text search for {dialect}")
    rows = session.execute(
        select(AgendaItem.id, Meeting.date)
        .join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(Meeting.board_id.in_(ids), AgendaItem.id.in_(item_ids))
        .order_by(Meeting.date.desc(), AgendaItem.position)
        .limit(limit)
    )
    return [Hit(item_id, date) for item_id, date in rows]


def _fts5_query(terms: Sequence[str], any_term: bool, columns: str | None) -> str:
    quoted = (f'"{t.replace(chr(34), chr(34) * 2)}"' for t in terms)
    expression = (" OR " if any_term else " AND ").join(quoted)
    return f"{{{columns}}} : ({expression})" if columns else f"({expression})"


def _sqlite_item_ids(terms: Sequence[str], where: Where, any_term: bool) -> TextualSelect:
    if where == "body":
        return (
            text("SELECT rowid FROM agenda_items_fts WHERE agenda_items_fts MATCH :q")
            .bindparams(q=_fts5_query(terms, any_term, "agenda_text minutes_text"))
            .columns(_ITEM_ID)
        )
    return (
        text(
            "SELECT rowid FROM agenda_items_fts WHERE agenda_items_fts MATCH :q "
            "UNION SELECT decisions.item_id FROM decisions_fts "
            "JOIN decisions ON decisions.id = decisions_fts.rowid WHERE decisions_fts MATCH :d"
        )
        .bindparams(
            q=_fts5_query(terms, any_term, "title presenters"),
            d=_fts5_query(terms, any_term, None),
        )
        .columns(_ITEM_ID)
    )


def _postgres_item_ids(terms: Sequence[str], where: Where, any_term: bool) -> TextualSelect:
    # websearch_to_tsquery never raises on odd input; the words are bound, not spliced.
    query = (" or " if any_term else " ").join(t for t in terms if t not in {"or", "and"})
    tsquery = "websearch_to_tsquery('english'::regconfig, :q)"
    if where == "body":
        sql = f"SELECT agenda_items.id FROM agenda_items WHERE {_PG_BODY} @@ {tsquery}"
    else:
        sql = (
            f"SELECT agenda_items.id FROM agenda_items WHERE {_PG_HEADING} @@ {tsquery} "
            f"UNION SELECT decisions.item_id FROM decisions WHERE {_PG_DECISION} @@ {tsquery}"
        )
    return text(sql).bindparams(q=query).columns(_ITEM_ID)


@dataclass
class _VocabularyCache:
    signature: tuple[str, int, int] | None = None
    words: frozenset[str] = frozenset()


_vocabulary = _VocabularyCache()


def heading_vocabulary(session: Session) -> frozenset[str]:
    """Every word of every item title: what "did you mean" corrects towards.

    Cached in process and rebuilt when items are added or removed (checked with
    one cheap count per call).
    """
    count, top = session.execute(select(func.count(AgendaItem.id), func.max(AgendaItem.id))).one()
    bind = session.get_bind()
    signature = (str(bind.engine.url), int(count), int(top or 0))
    if _vocabulary.signature != signature:
        found: set[str] = set()
        for (title,) in session.execute(select(AgendaItem.title).distinct()):
            found.update(w for w in words(title) if not w.isdigit())
        _vocabulary.words = frozenset(found)
        _vocabulary.signature = signature
    return _vocabulary.words


def is_model_object(name: str | None, type_: str, _parent: Any) -> bool:
    """Alembic ``include_name`` filter: the FTS5 tables and expression indexes of
    revision 0002 are not models, so schema comparisons must leave them alone."""
    if type_ == "table" and name is not None:
        return not any(
            name == f"{t}{suffix}" for t in SQLITE_TABLES for suffix in ("", *_FTS5_SHADOWS)
        )
    if type_ == "index":
        return name not in POSTGRES_INDEXES
    return True
