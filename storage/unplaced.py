"""Passages of a document that the parse could not place, kept on the meeting.

A silent loss is worse than a visible one: whatever no field of the record kept
(item, minutes, decision, attendance, header) is stored here, one row a passage,
per meeting and kind of document, so a search still finds it and a clerk can
check it (``storage.review``). Re-importing a document of the same kind for
the same meeting replaces its passages.

Search here is plain word matching (every word, case-folded): the table is small,
and answers cite agenda items first; a passage is what is left when no item matches.
"""

from __future__ import annotations

import datetime as dt
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
    bindparam,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage.models import Base, Board, Meeting

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
# Built once: building a statement costs about as much as running it.
_DELETE = delete(_TABLE).where(
    _TABLE.c.meeting_id == bindparam("meeting"), _TABLE.c.kind == bindparam("kind")
)


def replace_passages(
    session: Session, meeting_id: int, kind: str, passages: Sequence[str], *, new: bool = False
) -> None:
    """The meeting's passages of this kind become ``passages`` (one executemany).

    ``new``: the meeting has none of this kind to delete (created by this import, or
    read by it with none).
    """
    connection = session.connection()
    if not new:
        connection.execute(_DELETE, {"meeting": meeting_id, "kind": kind})
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
