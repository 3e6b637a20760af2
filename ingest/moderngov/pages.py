"""ModernGov's public pages, for sites whose web service is switched off.

``ieListMeetings.aspx?CId=&Year=`` lists a committee's meetings in one year; each links
``ieListDocuments.aspx?CId=&MId=``, the "Agenda and minutes" page the HTML
importer already reads. ``fetch_document`` is also how ``boardclerk import URL``
reads one page (or a PDF) off a site.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urljoin, urlsplit

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ingest.moderngov.client import FetchError, SiteClient
from ingest.parsers.dates import find_time, first_date
from ingest.parsers.lines import normalise_line
from ingest.parsers.parse import parse_document
from ingest.readers.html_text import parse_html
from storage.db import transaction
from storage.parsed import ParsedDocument
from storage.parsed_errors import DocumentError
from storage.persist import ImportSummary, import_document

_CANCELLED = re.compile(r"\bcancel", re.IGNORECASE)
_POSTPONED = re.compile(r"\bpostpone", re.IGNORECASE)


@dataclass(frozen=True)
class ListedMeeting:
    """One meeting on a committee's meetings page, with the address of its own page."""

    id: str
    url: str
    date: dt.date | None
    time: dt.time | None
    status: str | None


def meetings_page(client: SiteClient, committee_id: str, year: int) -> str:
    """One calendar year's meetings: without ``Year`` a site lists only the current year's."""
    return client.url("ieListMeetings.aspx", CId=committee_id, Year=year)


def listed_meetings(page: str, base: str) -> list[ListedMeeting]:
    """Every meeting the page links, once each, with the date its link text prints."""
    tree = parse_html(page)
    found: dict[str, ListedMeeting] = {}
    for link in tree.css("a[href]"):
        href = link.attributes.get("href") or ""
        query = {key.lower(): value for key, value in parse_qs(urlsplit(href).query).items()}
        if "ieListDocuments".lower() not in href.lower() or not query.get("mid"):
            continue
        meeting_id = query["mid"][0]
        around = link.parent if link.parent is not None else link
        text = normalise_line(around.text(deep=True))
        date = first_date(text)
        status = "Cancelled" if _CANCELLED.search(text) else None
        status = "Postponed" if status is None and _POSTPONED.search(text) else status
        found.setdefault(
            meeting_id,
            ListedMeeting(
                id=meeting_id,
                url=urljoin(base, href),
                date=date.date if date else None,
                time=find_time(text[date.end :] if date else text),
                status=status,
            ),
        )
    return list(found.values())


@dataclass(frozen=True)
class FetchedDocument:
    url: str
    digest: str
    parsed: ParsedDocument
    # What the site sent, for a sync's fingerprint of the meeting (``fingerprint.py``).
    content: bytes = field(default=b"", repr=False)


def fetch_document(
    client: SiteClient, url: str, *, expect: str = "any", linked: bool = False
) -> FetchedDocument:
    """A page or PDF off the site, parsed by the file importer (``DocumentError`` if unreadable).

    ``linked``: the site's own pages gave the address, so it must be on an allowed host.
    """
    response = client.get(url, expect=expect, linked=linked)
    data = response.content
    pdf = data.startswith(b"%PDF") or "pdf" in response.headers.get("content-type", "")
    name = "document.pdf" if pdf else "page.html"
    parsed = parse_document(data, name=name, max_bytes=len(data) + 1)
    return FetchedDocument(url, hashlib.sha256(data).hexdigest(), parsed, data)


def import_url(
    factory: sessionmaker[Session], client: SiteClient, url: str, *, board: str | None = None
) -> ImportSummary:
    """``boardclerk import URL``: one page or PDF off a site, in one transaction like a file."""
    try:
        document = fetch_document(client, url)
        with transaction(factory) as session:
            return import_document(
                session,
                document.parsed,
                board_name_override=board,
                path=url,
                content_hash=document.digest,
            )
    except (FetchError, DocumentError) as exc:
        return ImportSummary(path=url, error=str(exc))
    except SQLAlchemyError as exc:
        first = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        return ImportSummary(path=url, error=f"database error: {first[0] if first else exc}")
