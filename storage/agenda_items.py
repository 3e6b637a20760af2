"""Agenda items by id, by printed number, and by what became of them later."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from storage.models import AgendaItem, Meeting

# What an answer quotes beside an item: its resolutions, its meeting and that meeting's board.
_QUOTED = (
    selectinload(AgendaItem.decisions),
    selectinload(AgendaItem.meeting).selectinload(Meeting.board),
)


def items_by_id(session: Session, item_ids: Sequence[int]) -> list[AgendaItem]:
    """The items with these ids, in the order given (unknown ids skipped), ready to quote."""
    if not item_ids:
        return []
    loaded = session.scalars(
        select(AgendaItem).where(AgendaItem.id.in_(list(item_ids))).options(*_QUOTED)
    ).all()
    by_id = {item.id: item for item in loaded}
    return [by_id[i] for i in item_ids if i in by_id]


def items_numbered_like(
    session: Session,
    board_ids: Iterable[int],
    prefix: str,
    meeting_ids: Iterable[int] | None = None,
    *,
    limit: int = 200,
) -> list[AgendaItem]:
    """Items of these boards whose printed number starts with ``prefix`` (any case), ready to
    quote; only those of ``meeting_ids`` when given."""
    query = (
        select(AgendaItem)
        .join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(
            Meeting.board_id.in_(list(board_ids)),
            AgendaItem.number.is_not(None),
            func.lower(AgendaItem.number).like(f"{prefix}%"),
        )
        .options(*_QUOTED)
    )
    if meeting_ids is not None:
        query = query.where(AgendaItem.meeting_id.in_(list(meeting_ids)))
    return list(session.scalars(query.limit(limit)))


def carried_copy(session: Session, item_id: int) -> AgendaItem | None:
    """The later item an importer linked as this one carried forward (deferred), if any."""
    return session.scalars(
        select(AgendaItem).where(AgendaItem.carried_from_item_id == item_id)
    ).first()
