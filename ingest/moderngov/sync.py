"""``sync``: read each followed committee off its site and bring the record up to date.

The web service first (``GetMeetings`` for a window, then ``GetMeeting`` for
each meeting in it); where the site has it switched off, the public pages. A
meeting whose fingerprint (a hash of what the site sent, see ``fingerprint``)
is unchanged is not written at all; a changed one
is written in its own transaction (see ``storage.sources.apply``), so one that
fails changes nothing while the others land. A failed meeting's id is kept on
its source and fetched again on every later sync, whatever its date, until it
lands: the window alone would lose one that failed on the first sync for good.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from ingest.moderngov import fingerprint, pages, xml
from ingest.moderngov.client import FetchError, ServiceOff, SiteClient
from ingest.moderngov.convert import (
    decision_links,
    has_decisions,
    has_minutes,
    printed_minutes,
    to_document,
)
from ingest.moderngov.page_papers import page_papers
from ingest.moderngov.papers import sync_listed, sync_papers
from storage.db import transaction
from storage.papers.records import ListedPaper
from storage.parsed_errors import DocumentError
from storage.sources.apply import Fetched, MeetingResult, SourceContext, apply_meeting
from storage.sources.sync_state import record_sync, source_ids, sync_context

ClientFactory = Callable[[str], SiteClient]

HISTORY = dt.timedelta(days=3 * 365)
WINDOW_BACK = dt.timedelta(days=60)
WINDOW_AHEAD = dt.timedelta(days=400)


@dataclass
class SourceResult:
    """What one source's sync did; ``ok`` is False when anything failed."""

    source_id: int
    committee: str
    board: str
    via: str = "web service"
    first: bool = False
    notice: str | None = None
    error: str | None = None
    meetings: list[MeetingResult] = field(default_factory=list)
    # Papers fetched this sync, and the ones that failed (tried again next sync).
    papers_fetched: int = 0
    papers_failed: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[MeetingResult]:
        return [m for m in self.meetings if m.error is not None]

    @property
    def ok(self) -> bool:
        return self.error is None and not self.failed

    def count(self, outcome: str) -> int:
        return sum(1 for m in self.meetings if m.outcome == outcome)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["ok"] = self.ok
        for meeting in data["meetings"]:
            meeting["date"] = meeting["date"].isoformat() if meeting["date"] else None
        return data


def sync_all(
    factory: sessionmaker[Session],
    now: dt.datetime,
    *,
    source_id: int | None = None,
    since: dt.date | None = None,
    make_client: ClientFactory = SiteClient,
) -> list[SourceResult]:
    """Syncs every source (or one); a source that fails never stops the others."""
    with transaction(factory) as session:
        ids = source_ids(session, source_id)
    return [sync_source(factory, i, now, since=since, make_client=make_client) for i in ids]


def sync_source(
    factory: sessionmaker[Session],
    source_id: int,
    now: dt.datetime,
    *,
    since: dt.date | None = None,
    make_client: ClientFactory = SiteClient,
) -> SourceResult:
    context = _context(factory, source_id, now)
    result = SourceResult(
        source_id, context.committee_title, context.board_name, first=context.first
    )
    today = now.date()
    start = since or today - (HISTORY if context.first else WINDOW_BACK)
    end = today + WINDOW_AHEAD
    with make_client(context.url) as client:
        try:
            seen: list[xml.SiteMeeting] = []
            fetched = _from_web_service(client, context, start, end, seen)
            result.meetings = list(_store(factory, context, fetched, now))
            # Papers are for the meetings members prepare for: today's and later ones.
            coming = [site for site in seen if site.date >= today]
            papers = sync_papers(factory, client, source_id, context.url, coming, now)
            result.papers_fetched, result.papers_failed = papers.fetched, papers.failed
        except ServiceOff:
            result.via = "public pages"
            result.notice = (
                f"the web service at {context.url} is switched off; reading the public pages"
            )
            try:
                listings: list[Listing] = []
                fetched = _from_pages(client, context, start, end, listings)
                result.meetings = list(_store(factory, context, fetched, now))
                coming_pages = [(i, p) for i, date, p in listings if date and date >= today]
                papers = sync_listed(factory, client, source_id, coming_pages, now)
                result.papers_fetched, result.papers_failed = papers.fetched, papers.failed
            except FetchError as exc:
                result.error = str(exc)
        except (FetchError, xml.SiteError) as exc:
            result.error = str(exc)
    _finish(factory, source_id, result, now)
    return result


Attempt = tuple[str, dt.date | None, Callable[[], Fetched | None]]
# A meeting's public page read: the site's meeting id, its date, the papers it links.
Listing = tuple[str, dt.date | None, list[ListedPaper]]


def _context(factory: sessionmaker[Session], source_id: int, now: dt.datetime) -> SourceContext:
    with transaction(factory) as session:
        return sync_context(session, source_id, now.date())


def _from_web_service(
    client: SiteClient,
    context: SourceContext,
    start: dt.date,
    end: dt.date,
    seen: list[xml.SiteMeeting],
) -> list[Attempt]:
    listing = client.service(
        "GetMeetings",
        lCommitteeId=context.committee_id,
        sFromDate=f"{start:%d/%m/%Y}",
        sToDate=f"{end:%d/%m/%Y}",
    )
    # Sites that ignore the dates send everything: keep to the window all the same.
    summaries = [m for m in xml.meetings(listing) if start <= m.date <= end]
    listed = {summary.id for summary in summaries}

    def fetch(summary: xml.MeetingSummary | None, meeting_id: str) -> Fetched | None:
        text = client.service("GetMeeting", lMeetingId=meeting_id)
        site = xml.meeting(text, summary)
        seen.append(site)  # its papers are checked even when the meeting is unchanged
        digest = fingerprint.meeting_fingerprint(
            text,
            date=site.date,
            time=site.time,
            status=summary.status if summary is not None else site.status,
        )
        if context.hashes.get(site.id) == digest:
            return None
        url = client.url("mgWebService.asmx/GetMeeting", lMeetingId=site.id)
        documents = [(url, digest, to_document(site))]
        printed_found = False
        for address in printed_minutes(site, context.url):
            printed = pages.fetch_document(client, address, expect="pdf", linked=True)
            if printed.parsed.kind == "minutes" and printed.parsed.date == site.date:
                parsed = dataclasses.replace(
                    printed.parsed, time=site.time or printed.parsed.time, board_name=None
                )
                # The printed minutes first, so the site's own item titles and texts win.
                documents.insert(0, (address, printed.digest, parsed))
                printed_found = True
                break
        return Fetched(
            site.id,
            digest,
            site.status,
            tuple(documents),
            site.agenda_published,
            site_items={item.id or _fold(item.title): item.title for item in site.items},
            hidden=site.hidden,
            decision_links=decision_links(site, context.url),
            decisions_only=has_decisions(site) and not has_minutes(site) and not printed_found,
        )

    attempts: list[Attempt] = [(s.id, s.date, partial(fetch, s, s.id)) for s in summaries]
    return attempts + [(i, None, partial(fetch, None, i)) for i in _retries(context, listed)]


def _from_pages(
    client: SiteClient,
    context: SourceContext,
    start: dt.date,
    end: dt.date,
    listings: list[Listing],
) -> list[Attempt]:
    listed: dict[str, pages.ListedMeeting] = {}
    for year in range(start.year, end.year + 1):  # each year's meetings list
        page = client.text(pages.meetings_page(client, context.committee_id, year), expect="html")
        for found in pages.listed_meetings(page, f"{context.url}/"):
            if found.date is None or start <= found.date <= end:
                listed.setdefault(found.id, found)
    for meeting_id in _retries(context, set(listed)):
        address = client.url("ieListDocuments.aspx", CId=context.committee_id, MId=meeting_id)
        listed[meeting_id] = pages.ListedMeeting(meeting_id, address, None, None, None)

    def fetch(meeting: pages.ListedMeeting) -> Fetched | None:
        url = meeting.url
        document = pages.fetch_document(client, url, expect="html", linked=True)
        parsed = document.parsed
        if meeting.date is not None:
            parsed = dataclasses.replace(parsed, date=meeting.date)
        parsed = dataclasses.replace(parsed, time=meeting.time or parsed.time, board_name=None)
        # Its papers are checked even when the meeting is unchanged.
        exempt = [item.title for item in parsed.items if item.exempt]
        page = document.content.decode("utf-8", errors="replace")
        listings.append((meeting.id, parsed.date, page_papers(page, url, exempt)))
        digest = fingerprint.page_fingerprint(
            document.content, date=meeting.date, time=meeting.time, status=meeting.status
        )
        if context.hashes.get(meeting.id) == digest:
            return None
        items = {_fold(item.title): item.title for item in parsed.items}
        return Fetched(
            meeting.id,
            digest,
            meeting.status,
            ((url, document.digest, parsed),),
            # A page read as no items at all says nothing about what was withdrawn.
            site_items=items or None,
        )

    return [(m.id, m.date, partial(fetch, m)) for m in listed.values()]


def _retries(context: SourceContext, listed: set[str]) -> list[str]:
    """The meetings that failed last time and are not in this sync's window anyway."""
    return [meeting_id for meeting_id in context.failed if meeting_id not in listed]


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _store(
    factory: sessionmaker[Session],
    context: SourceContext,
    attempts: list[Attempt],
    now: dt.datetime,
) -> Iterator[MeetingResult]:
    for external_id, date, fetch in attempts:
        try:
            fetched = fetch()
            if fetched is None:
                result = MeetingResult(external_id, date, "unchanged")
            else:
                with transaction(factory) as session:
                    result = apply_meeting(session, context, fetched, now)
        except (FetchError, xml.SiteError, DocumentError) as exc:
            result = MeetingResult(external_id, date, "failed", error=str(exc))
        except Exception as exc:  # one meeting must never stop the others
            first = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            reason = f"{type(exc).__name__}: {first[0] if first else exc}"
            result = MeetingResult(external_id, date, "failed", error=reason)
        yield result


def _finish(
    factory: sessionmaker[Session], source_id: int, result: SourceResult, now: dt.datetime
) -> None:
    problems = [result.error] if result.error else []
    problems += [f"meeting {m.external_id}: {m.error}" for m in result.failed]
    with transaction(factory) as session:
        record_sync(
            session,
            source_id,
            now,
            problems,
            reached=result.error is None,
            tried={m.external_id for m in result.meetings},
            failed=[m.external_id for m in result.failed],
        )
