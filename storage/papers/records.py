"""Named reads and writes of papers: what a sync lists, fetches and fails, what chat reads."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.papers.tables import Paper, PaperPage
from storage.sources.tables import SourceMeeting


@dataclass(frozen=True)
class ListedPaper:
    """A document as the site lists it under an item."""

    item_key: str
    item_number: str | None
    item_title: str
    position: int
    title: str
    url: str
    kind: str
    restricted: bool

    @property
    def listing(self) -> str:
        text = "\n".join([self.title, self.url, str(self.restricted)])
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class ToFetch:
    paper_id: int
    url: str


def meeting_of(session: Session, source_id: int, external_id: str) -> int | None:
    """Our meeting id for the site's meeting, once a sync has stored it."""
    return session.scalar(
        select(SourceMeeting.meeting_id).where(
            SourceMeeting.source_id == source_id, SourceMeeting.external_id == external_id
        )
    )


def record_listing(
    session: Session, meeting_id: int, listed: Sequence[ListedPaper], now: dt.datetime
) -> list[ToFetch]:
    """Keep the meeting's papers as listed; the ones to fetch (new, changed or failed) back.

    A paper no longer listed is dropped; a restricted one is kept, never fetched.
    """
    known = {
        (p.item_key, p.url): p
        for p in session.scalars(select(Paper).where(Paper.meeting_id == meeting_id))
    }
    wanted: list[ToFetch] = []
    seen: set[tuple[str, str]] = set()
    for entry in listed:
        key = (entry.item_key, entry.url)
        if key in seen:
            continue
        seen.add(key)
        paper = known.get(key)
        if paper is None:
            paper = Paper(meeting_id=meeting_id, url=entry.url, first_seen=now)
            session.add(paper)
        changed = paper.listing != entry.listing
        paper.item_key, paper.item_number = entry.item_key, entry.item_number
        paper.item_title, paper.position = entry.item_title, entry.position
        paper.title, paper.kind, paper.restricted = entry.title, entry.kind, entry.restricted
        paper.listing = entry.listing
        if entry.restricted:
            paper.pages.clear()
            paper.page_count = paper.sha256 = paper.fetched_at = paper.error = None
            continue
        if changed or paper.fetched_at is None or paper.error is not None:
            session.flush()
            wanted.append(ToFetch(paper.id, paper.url))
    for key, paper in known.items():
        if key not in seen:
            session.delete(paper)
    return wanted


def record_pages(
    session: Session, paper_id: int, pages: Sequence[str], sha256: str, now: dt.datetime
) -> None:
    paper = session.get_one(Paper, paper_id)
    paper.pages.clear()
    session.flush()
    paper.pages.extend(PaperPage(number=n, text=text) for n, text in enumerate(pages, 1))
    paper.page_count, paper.sha256, paper.fetched_at, paper.error = len(pages), sha256, now, None


def record_failure(session: Session, paper_id: int, error: str) -> None:
    """Kept as it was (any earlier text stands), marked to fetch again next sync."""
    session.get_one(Paper, paper_id).error = error[:500]


def meeting_papers(session: Session, meeting_id: int) -> list[Paper]:
    """A meeting's papers in agenda order, their pages loaded."""
    return list(
        session.scalars(
            select(Paper)
            .where(Paper.meeting_id == meeting_id)
            .order_by(Paper.position, Paper.id)
            .options(selectinload(Paper.pages))
        )
    )
