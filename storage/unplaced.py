"""Passages of a document that the parse could not place, kept on the meeting.

A silent loss is worse than a visible one: whatever no field of the record kept
(item, minutes, decision, attendance, header) is stored here, one row a passage,
per meeting and kind of document, so a search still finds it and a clerk can
check it (``boardclerk review``). Re-importing a document of the same kind for
the same meeting replaces its passages.

Search here is plain word matching (every word, case-folded): the table is small,
and answers cite agenda items first; a passage is what is left when no item matches.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import (
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    select,
    true,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage.models import Action, AgendaItem, Base, Board, Document, Meeting

# Readings below this share of content lines placed are listed for a clerk to check.
LOW_COVERAGE = 0.9
# An unnumbered agenda item holding this many paragraphs or more probably swallowed
# titles of items that follow it.
MANY_PARAGRAPHS = 8
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


class UnplacedPassage(Base):
    """One passage of a document that no field of the record kept."""

    __tablename__ = "unplaced_passages"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # minutes | agenda: what re-import replaces
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


_TABLE = cast(Table, UnplacedPassage.__table__)


def replace_passages(
    session: Session, meeting_id: int, kind: str, passages: Sequence[str], *, new: bool = False
) -> None:
    """The meeting's passages of this kind become ``passages`` (one executemany).

    ``new``: the meeting was created by this import, so it has none to delete yet.
    """
    connection = session.connection()
    if not new:
        connection.execute(
            delete(_TABLE).where(_TABLE.c.meeting_id == meeting_id, _TABLE.c.kind == kind)
        )
    if passages:
        connection.execute(
            insert(_TABLE),
            [
                {"meeting_id": meeting_id, "kind": kind, "position": n, "text": text}
                for n, text in enumerate(passages)
            ],
        )


@dataclass(frozen=True)
class PassageHit:
    """A stored passage that holds every word asked for."""

    meeting_id: int
    board: str
    meeting_date: dt.date
    text: str


def search_passages(
    session: Session, terms: Iterable[str], board_ids: Iterable[int], *, limit: int = 5
) -> list[PassageHit]:
    """Passages of these boards holding every word of ``terms``, newest meeting first."""
    wanted = [w.lower() for term in terms for w in _WORD.findall(term)]
    ids = sorted(set(board_ids))
    if not wanted or not ids:
        return []
    query = (
        select(_TABLE.c.meeting_id, Board.name, Meeting.date, _TABLE.c.text)
        .join(Meeting, Meeting.id == _TABLE.c.meeting_id)
        .join(Board, Board.id == Meeting.board_id)
        .where(Meeting.board_id.in_(ids))
        .order_by(Meeting.date.desc(), _TABLE.c.position)
    )
    for word in wanted:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(func.lower(_TABLE.c.text).like(f"%{escaped}%", escape="\\"))
    return [PassageHit(*row) for row in session.execute(query.limit(limit))]


@dataclass(frozen=True)
class Finding:
    """One thing a clerk should check: an unplaced passage or a doubtful reading."""

    board: str
    meeting_date: dt.date
    kind: str  # unplaced | low coverage | swallowed items | action without item
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {
            "board": self.board,
            "meeting_date": self.meeting_date.isoformat(),
            "kind": self.kind,
            "detail": self.detail,
        }


def review_findings(session: Session, board_id: int | None = None) -> list[Finding]:
    """Everything the imports could not place or read with confidence, by meeting.

    Low confidence is what the stored record shows, nothing guessed: a document with
    under 90% of its content lines placed; an agenda whose items carry no numbers
    where one item holds many paragraphs (likely later titles read as its text); an
    imported action tied to no agenda item.
    """
    found: list[Finding] = []

    scope = true() if board_id is None else Meeting.board_id == board_id

    passages = (
        select(Board.name, Meeting.date, _TABLE.c.kind, _TABLE.c.text)
        .join(Meeting, Meeting.id == _TABLE.c.meeting_id)
        .join(Board, Board.id == Meeting.board_id)
        .where(scope)
        .order_by(Meeting.date, _TABLE.c.kind, _TABLE.c.position)
    )
    for board, date, kind, text in session.execute(passages):
        found.append(Finding(board, date, "unplaced", f"{kind}: {text}"))
    low = (
        select(Board.name, Meeting.date, Document.kind, Document.path, Document.coverage)
        .join(Meeting, Meeting.id == Document.meeting_id)
        .join(Board, Board.id == Meeting.board_id)
        .where(scope, Document.coverage < LOW_COVERAGE)
    )
    for board, date, kind, path, coverage in session.execute(low):
        placed = math.floor((coverage or 0.0) * 1000) / 10  # rounded down, as the import prints it
        detail = f"{kind} {path}: {placed:g}% of content lines placed"
        found.append(Finding(board, date, "low coverage", detail))
    items = (
        select(Board.name, Meeting.date, AgendaItem.meeting_id, AgendaItem.number, AgendaItem.title)
        .add_columns(AgendaItem.agenda_text, AgendaItem.minutes_text)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .join(Board, Board.id == Meeting.board_id)
        .where(scope)
        .order_by(AgendaItem.meeting_id, AgendaItem.position)
    )
    by_meeting: dict[int, list[tuple[str, dt.date, str | None, str, str]]] = {}
    for board, date, meeting, number, title, agenda, minutes in session.execute(items):
        body = f"{agenda or ''}\n\n{minutes or ''}"
        by_meeting.setdefault(meeting, []).append((board, date, number, title, body))
    for rows in by_meeting.values():
        if len(rows) < 2 or any(number for _, _, number, _, _ in rows):
            continue
        for board, date, _, title, body in rows:
            paragraphs = len([p for p in re.split(r"\n\s*\n", body) if p.strip()])
            if paragraphs >= MANY_PARAGRAPHS:
                detail = f"unnumbered item {title!r} holds {paragraphs} paragraphs"
                found.append(Finding(board, date, "swallowed items", detail))
    actions = (
        select(Board.name, Meeting.date, Action.text)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .join(Board, Board.id == Meeting.board_id)
        .where(scope, Action.item_id.is_(None), Action.origin_key.is_not(None))
    )
    for board, date, text in session.execute(actions):
        found.append(Finding(board, date, "action without item", text))
    found.sort(key=lambda f: (f.board, f.meeting_date))
    return found
