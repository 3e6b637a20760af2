"""A meeting read from the web service, as the importer's ``ParsedDocument``.

The items go through the same reading as a file's (``read_items``): decisions,
presenters, exemptions and follow-ups come from the minutes text by the same
rules, so a site and a saved page of it give the same record.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from ingest.moderngov.xml import LinkedDoc, SiteAttendee, SiteMeeting
from ingest.parsers.items import RawItem
from ingest.parsers.parse import read_items
from ingest.parsers.readings import with_readings
from storage.names import match_key
from storage.parsed import (
    AttendanceStatus,
    BoardRole,
    DocumentKind,
    ParsedAttendee,
    ParsedDocument,
)

RESTRICTED = "Restricted on the council's website (not for publication)."

_ATTENDANCE: dict[str, AttendanceStatus] = {
    "present": "present",
    "attended": "present",
    "virtual": "present",
    "present virtually": "present",
    "apologies": "apologies",
    "apologies, sent substitute": "apologies",
    "apologies sent substitute": "apologies",
    "absent": "absent",
    "in attendance": "in_attendance",
    "present as substitute": "substitute",
    "substitute": "substitute",
}
_VICE_CHAIR = re.compile(r"^vice[\s-]*chair", re.IGNORECASE)
_CHAIR = re.compile(r"^chair(?:man|woman|person)?\b", re.IGNORECASE)
_PRINTED_MINUTES = re.compile(r"\bprinted\s+minutes\b|^minutes\b", re.IGNORECASE)
_NOT_THESE = re.compile(r"\bprevious\b|\blast\s+meeting\b|\bagenda\b", re.IGNORECASE)


def has_minutes(meeting: SiteMeeting) -> bool:
    return any(item.minutes for item in meeting.items)


def has_decisions(meeting: SiteMeeting) -> bool:
    """Executive decisions published (Cabinet's record, often instead of minutes)."""
    return any(item.decision for item in meeting.items)


def decision_links(meeting: SiteMeeting, root: str) -> dict[str, str]:
    """Each decided item's title and the site's page for its decision, to cite."""
    return {
        item.title: f"{root.rstrip('/')}/ieDecisionDetails.aspx?AIId={item.id}"
        for item in meeting.items
        if item.decision and item.id
    }


def to_document(meeting: SiteMeeting) -> ParsedDocument:
    """The meeting as minutes when any item carries minutes text or a decision, else its agenda.

    A published decision is read like minutes: its resolution becomes the item's
    decision, and where the item has no minutes the whole notice (reasons, options
    rejected) is kept as its minutes text, so nothing it says is lost.
    """
    decided = has_minutes(meeting) or has_decisions(meeting)
    kind: DocumentKind = "minutes" if decided else "agenda"
    raws = [
        RawItem(
            item.number,
            item.title,
            agenda=list(item.agenda),
            minutes=list(item.minutes or item.decision),
            decisions=list(item.decision),
            exempt_reason=RESTRICTED if item.restricted else None,
        )
        for item in meeting.items
    ]
    items, actions = read_items(raws, kind, meeting.date, None)
    return with_readings(
        ParsedDocument(
            kind=kind,
            format="html",
            date=meeting.date,
            time=meeting.time,
            venue=meeting.location,
            items=tuple(items),
            attendance=tuple(filter(None, map(attendee, meeting.attendees))),
            actions=tuple(actions),
        )
    )


def attendee(person: SiteAttendee) -> ParsedAttendee | None:
    """An attendee as the minutes would list them; "Expected" (not yet held) is nobody."""
    status = _ATTENDANCE.get(" ".join((person.attendance or "").lower().split()))
    if status is None:
        return None
    role: BoardRole | None = None
    if person.role and _VICE_CHAIR.match(person.role):
        role = "vice-chair"
    elif person.role and _CHAIR.match(person.role):
        role = "chair"
    return ParsedAttendee(
        name=person.name,
        match_key=match_key(person.name),
        status=status,
        role=role,
        role_as_printed=person.role if role else None,
    )


def printed_minutes(meeting: SiteMeeting, root: str) -> list[str]:
    """Where the meeting's printed minutes may be, when its XML carries no minutes text.

    An item may link an earlier meeting's minutes too, so the caller keeps the
    first whose date is this meeting's.
    """
    if has_minutes(meeting) or not meeting.minutes_published:
        return []
    found: list[LinkedDoc] = [
        doc
        for doc in meeting.documents
        if _PRINTED_MINUTES.search(doc.title) and not _NOT_THESE.search(doc.title)
    ]
    return [urljoin(f"{root.rstrip('/')}/", doc.url) for doc in found]
