"""The announcement outbox: each row claimed by exactly one sender before it is sent.

A claim is a conditional UPDATE committed before delivery, so a restart or a
second replica never sends the same announcement again (at most once; a
crash between claim and send loses that one announcement rather than repeat it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from storage.db import transaction
from storage.sources.tables import Announcement


@dataclass(frozen=True)
class Claimed:
    id: int
    kind: str
    board_id: int
    facts: dict[str, Any]
    created_at: dt.datetime


def pending(factory: sessionmaker[Session]) -> list[int]:
    with transaction(factory) as session:
        query = select(Announcement.id).where(Announcement.outcome == "pending")
        return list(session.scalars(query.order_by(Announcement.id)))


def claim(factory: sessionmaker[Session], announcement_id: int, now: dt.datetime) -> Claimed | None:
    """The announcement, now ours to send; None when someone else claimed it first."""
    with transaction(factory) as session:
        taken = session.execute(
            update(Announcement)
            .where(Announcement.id == announcement_id, Announcement.outcome == "pending")
            .values(outcome="claimed", claimed_at=now)
        )
        if not getattr(taken, "rowcount", 0):
            return None
        row = session.get(Announcement, announcement_id)
        assert row is not None
        return Claimed(row.id, row.kind, row.board_id, dict(row.facts), row.created_at)


def settle(factory: sessionmaker[Session], announcement_id: int, outcome: str) -> None:
    """sent | failed (no linked channel took it) | dropped (too old to be news)."""
    with transaction(factory) as session:
        session.execute(
            update(Announcement).where(Announcement.id == announcement_id).values(outcome=outcome)
        )


@dataclass(frozen=True)
class Page:
    """One page of announcements, newest first, and how many there are in all."""

    rows: list[Announcement]
    total: int


def listing(
    session: Session, board_ids: Iterable[int], outcome: str | None, *, offset: int, limit: int
) -> Page:
    """Announcements of these boards (of one outcome, or all), newest first."""
    query = select(Announcement).where(Announcement.board_id.in_(sorted(set(board_ids))))
    if outcome is not None:
        query = query.where(Announcement.outcome == outcome)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(Announcement.created_at.desc(), Announcement.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return Page(list(rows), total)


def retry(
    session: Session, announcement_id: int, board_ids: Iterable[int], now: dt.datetime
) -> Announcement:
    """A failed or dropped announcement goes back in the queue, as news from ``now``.

    Its age is reset because a clerk asked for it: the sender would otherwise drop it
    again as too old. LookupError when it is not one of these boards' or not failed.
    """
    row = session.get(Announcement, announcement_id)
    if row is None or row.board_id not in set(board_ids):
        raise LookupError("no such announcement on your boards")
    if row.outcome not in {"failed", "dropped"}:
        raise LookupError(f"announcement {announcement_id} is {row.outcome}, not failed")
    row.outcome, row.claimed_at, row.created_at = "pending", None, now
    session.flush()
    return row
