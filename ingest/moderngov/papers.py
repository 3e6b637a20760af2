"""Fetching each agenda item's papers during a sync, through the sync's own bounded client.

Papers are fetched after the meetings are stored, one transaction each, so a
paper that fails (too big, gone, not a PDF) is marked to try again next sync
and changes nothing else. Restricted papers are listed but never requested;
an unchanged listing is never fetched twice. A paper first seen after the
meeting's agenda was announced is recorded once as a late paper, for the
board's channel and its members (``storage.papers.digest``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin

from sqlalchemy.orm import Session, sessionmaker

from ingest.moderngov.client import FetchError, SiteClient
from ingest.moderngov.xml import SiteMeeting
from ingest.parsers.papers import paper_kind
from ingest.readers.paper_pages import PaperError, read_paper
from storage.db import transaction
from storage.papers.digest import queue_late_papers
from storage.papers.records import (
    ListedPaper,
    meeting_of,
    record_failure,
    record_listing,
    record_pages,
)

# Printed minutes linked under an item are read as minutes by the sync itself.
NOT_FETCHED = frozenset({"minutes"})


@dataclass
class PapersResult:
    fetched: int = 0
    failed: list[str] = field(default_factory=list)
    # Papers added after their agenda was published, recorded for announcing.
    late: int = 0


def listed_papers(site: SiteMeeting, root: str) -> list[ListedPaper]:
    found = []
    for position, item in enumerate(site.items):
        for doc in item.documents:
            found.append(
                ListedPaper(
                    item_key=item.id or item.number or item.title[:60],
                    item_number=item.number,
                    item_title=item.title,
                    position=position,
                    title=doc.title or "Report",
                    url=urljoin(f"{root.rstrip('/')}/", doc.url),
                    kind=paper_kind(doc.title),
                    restricted=item.restricted,
                )
            )
    return found


def sync_papers(
    factory: sessionmaker[Session],
    client: SiteClient,
    source_id: int,
    root: str,
    sites: Sequence[SiteMeeting],
    now: dt.datetime,
) -> PapersResult:
    listings = [(site.id, listed_papers(site, root)) for site in sites]
    return sync_listed(factory, client, source_id, listings, now)


def sync_listed(
    factory: sessionmaker[Session],
    client: SiteClient,
    source_id: int,
    listings: Sequence[tuple[str, Sequence[ListedPaper]]],
    now: dt.datetime,
) -> PapersResult:
    """Keep each meeting's listing (the site's meeting id, its papers) and fetch what is new.

    The web service's ``linkeddoc`` and a meeting's public page both end here.
    """
    result = PapersResult()
    for external_id, papers in listings:
        listed = [p for p in papers if p.kind not in NOT_FETCHED]
        with transaction(factory) as session:
            meeting_id = meeting_of(session, source_id, external_id)
            if meeting_id is None:
                continue
            wanted = record_listing(session, meeting_id, listed, now)
        for paper in wanted:
            try:
                response = client.get(paper.url, expect="pdf", linked=True)
                text = read_paper(response.content)
            except (FetchError, PaperError) as exc:
                result.failed.append(f"{paper.url}: {exc}")
                with transaction(factory) as session:
                    record_failure(session, paper.paper_id, str(exc))
                continue
            with transaction(factory) as session:
                record_pages(session, paper.paper_id, text.pages, text.sha256, now)
            result.fetched += 1
        with transaction(factory) as session:
            result.late += queue_late_papers(session, meeting_id, now)
    return result
