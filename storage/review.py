"""What a clerk should check after imports, and which findings they have checked.

A finding is an unplaced passage or a doubtful reading, named by a key made from
what it says (its meeting, kind and text), not from row ids, which SQLite reuses:
a re-import that leaves the same passage unplaced keeps it checked, and one that
changes it brings it back to the list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
import re
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import ColumnElement, ForeignKey, String, select, true
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage.models import Action, AgendaItem, Base, Board, Document, Meeting
from storage.types import UTCDateTime
from storage.unplaced import UnplacedPassage

# Readings below this share of content lines placed are listed for a clerk to check.
LOW_COVERAGE = 0.9
# An unnumbered agenda item holding this many paragraphs or more probably swallowed
# titles of items that follow it.
MANY_PARAGRAPHS = 8


def _key(kind: str, *parts: object) -> str:
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:24]
    return f"{kind}:{digest}"


class ReviewCheck(Base):
    """A finding a clerk has looked at: who, and when."""

    __tablename__ = "review_checks"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    checked_by: Mapped[str] = mapped_column(String(200))
    checked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


@dataclass(frozen=True)
class Finding:
    """One thing a clerk should check: an unplaced passage or a doubtful reading."""

    key: str
    board_id: int
    board: str
    meeting_id: int
    meeting_date: dt.date
    kind: str  # unplaced | low coverage | swallowed items | action without item
    detail: str
    checked_by: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {
            "key": self.key,
            "board": self.board,
            "meeting_date": self.meeting_date.isoformat(),
            "kind": self.kind,
            "detail": self.detail,
            "checked_by": self.checked_by,
        }


def review_findings(
    session: Session, board_ids: Collection[int] | None = None, *, include_checked: bool = False
) -> list[Finding]:
    """Everything the imports could not place or read with confidence, by meeting.

    Low confidence is what the stored record shows, nothing guessed: a document with
    under 90% of its content lines placed; an agenda whose items carry no numbers
    where one item holds many paragraphs (likely later titles read as its text); an
    imported action tied to no agenda item. Checked findings are left out unless
    ``include_checked``.
    """
    found: list[Finding] = []
    scope = _scope(board_ids)
    meeting_columns = (Board.id, Board.name, Meeting.id, Meeting.date)

    passages = (
        select(*meeting_columns, UnplacedPassage.kind, UnplacedPassage.text)
        .join(Meeting, Meeting.id == UnplacedPassage.meeting_id)
        .join(Board, Board.id == Meeting.board_id)
        .where(scope)
        .order_by(Meeting.date, UnplacedPassage.kind, UnplacedPassage.position)
    )
    for board, name, meeting, date, kind, text in session.execute(passages):
        key = _key("unplaced", meeting, kind, text)
        found.append(Finding(key, board, name, meeting, date, "unplaced", f"{kind}: {text}"))
    low = (
        select(*meeting_columns, Document.kind, Document.path, Document.coverage)
        .join(Meeting, Meeting.id == Document.meeting_id)
        .join(Board, Board.id == Meeting.board_id)
        .where(scope, Document.coverage < LOW_COVERAGE)
    )
    for board, name, meeting, date, kind, path, coverage in session.execute(low):
        placed = math.floor((coverage or 0.0) * 1000) / 10  # rounded down, as the import prints it
        detail = f"{kind} {path}: {placed:g}% of content lines placed"
        key = _key("coverage", meeting, detail)
        found.append(Finding(key, board, name, meeting, date, "low coverage", detail))
    found += _swallowed(session, scope)
    actions = (
        select(*meeting_columns, Action.id, Action.text)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .join(Board, Board.id == Meeting.board_id)
        .where(scope, Action.item_id.is_(None), Action.origin_key.is_not(None))
    )
    for board, name, meeting, date, row, text in session.execute(actions):
        key = _key("action", row, text)
        found.append(Finding(key, board, name, meeting, date, "action without item", text))
    checks = {c.key: c.checked_by for c in session.scalars(select(ReviewCheck))}
    found = [
        dataclasses.replace(f, checked_by=checks.get(f.key))
        for f in found
        if include_checked or f.key not in checks
    ]
    found.sort(key=lambda f: (f.board, f.meeting_date))
    return found


def _scope(board_ids: Collection[int] | None) -> ColumnElement[bool]:
    return true() if board_ids is None else Meeting.board_id.in_(sorted(board_ids))


def _swallowed(session: Session, scope: ColumnElement[bool]) -> list[Finding]:
    """Unnumbered agenda items holding many paragraphs: probably later titles read as text."""
    items = (
        select(Board.id, Board.name, Meeting.id, Meeting.date, AgendaItem.number)
        .add_columns(AgendaItem.title, AgendaItem.agenda_text, AgendaItem.minutes_text)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .join(Board, Board.id == Meeting.board_id)
        .where(scope)
        .order_by(AgendaItem.meeting_id, AgendaItem.position)
    )
    by_meeting: dict[int, list[tuple[Finding, str | None, int]]] = {}
    for board, name, meeting, date, number, title, agenda, minutes in session.execute(items):
        body = f"{agenda or ''}\n\n{minutes or ''}"
        paragraphs = len([p for p in re.split(r"\n\s*\n", body) if p.strip()])
        detail = f"unnumbered item {title!r} holds {paragraphs} paragraphs"
        key = _key("swallowed", meeting, detail)
        finding = Finding(key, board, name, meeting, date, "swallowed items", detail)
        by_meeting.setdefault(meeting, []).append((finding, number, paragraphs))
    return [
        finding
        for rows in by_meeting.values()
        if len(rows) >= 2 and not any(number for _, number, _ in rows)
        for finding, _, paragraphs in rows
        if paragraphs >= MANY_PARAGRAPHS
    ]


def mark_checked(
    session: Session, key: str, board_ids: frozenset[int], by: str, now: dt.datetime
) -> Finding:
    """Mark one finding of these boards checked; LookupError when there is no such finding."""
    for finding in review_findings(session, board_ids):
        if finding.key == key:
            session.add(
                ReviewCheck(key=key, board_id=finding.board_id, checked_by=by, checked_at=now)
            )
            session.flush()
            return finding
    raise LookupError(f"no finding {key!r} left to check on your boards")
