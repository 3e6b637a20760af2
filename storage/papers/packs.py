"""An agenda pack's items kept as papers: each item's slice of the pack, page by page.

The pack is one document at one address; each item's paper is its pages of it, with
``first_page`` saying where in the pack it starts, so a cite or a link gives the pack's
own page. Importing the pack again replaces its papers in place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.papers.tables import Paper, PaperPage


@dataclass(frozen=True)
class PackPaper:
    """One item's pages of a pack."""

    item_key: str
    item_number: str | None
    item_title: str
    position: int
    first_page: int
    pages: Sequence[str]
    # An exempt item's papers: kept, shown only to the board's members in a direct message.
    restricted: bool = False


def record_pack(
    session: Session,
    meeting_id: int,
    url: str,
    title: str,
    papers: Sequence[PackPaper],
    sha256: str,
    now: dt.datetime,
) -> int:
    """Keep each item's pages of the pack at ``url``; the pages kept back."""
    known = {
        p.item_key: p
        for p in session.scalars(
            select(Paper).where(Paper.meeting_id == meeting_id, Paper.url == url)
        )
    }
    kept = 0
    for entry in papers:
        paper = known.pop(entry.item_key, None)
        if paper is None:
            paper = Paper(meeting_id=meeting_id, url=url, item_key=entry.item_key, first_seen=now)
            session.add(paper)
        else:
            paper.pages.clear()
            session.flush()
        paper.item_number, paper.item_title = entry.item_number, entry.item_title
        paper.position, paper.title, paper.kind = entry.position, title, "report"
        paper.restricted, paper.first_page = entry.restricted, entry.first_page
        paper.listing = hashlib.sha256(f"{sha256}\n{entry.first_page}".encode()).hexdigest()
        paper.pages.extend(PaperPage(number=n, text=t) for n, t in enumerate(entry.pages, 1))
        paper.page_count, paper.sha256 = len(entry.pages), sha256
        paper.fetched_at, paper.error = now, None
        kept += len(entry.pages)
    for stale in known.values():
        session.delete(stale)
    return kept
