"""One changed meeting from a site, written in one transaction through the importer.

The site's meeting id finds our meeting, so a meeting moved to another day is
moved in place; its documents then go through ``import_document`` like any
file (items matched, decisions and actions by the same rules, clerk edits and
action status kept). The council's status is read by its first word
("Cancelled - moved to 14 May" cancels the meeting, the rest is kept as a
note), and reminders follow by themselves. Items the site has taken off the
agenda (or hidden) are removed; executive decisions are linked to the site's
page for them. The announcements the change deserves are recorded in the same
transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Meeting, MeetingStatus, MinutesStatus
from storage.parsed import ParsedDocument
from storage.persist import import_document
from storage.sources.announce import State, changes, meeting_state, queue_announcements
from storage.sources.tables import SourceMeeting


@dataclass(frozen=True)
class SourceContext:
    """What a sync knows about its source, read once at the start."""

    source_id: int
    url: str
    committee_id: str
    committee_title: str
    board_id: int
    board_name: str
    first: bool
    today: dt.date
    hashes: dict[str, str] = field(default_factory=dict)
    # The site's ids of meetings that failed last time: fetched again whatever their date.
    failed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fetched:
    """A meeting as read off the site: its documents (address, content hash, parse)."""

    external_id: str
    digest: str
    status: str | None
    documents: tuple[tuple[str, str, ParsedDocument], ...]
    # The web service's "agenda published" flag; the public pages have none.
    agenda_published: bool | None = None
    # The site's items, its id (or folded title) to title; None where unknown.
    site_items: dict[str, str] | None = None
    # Ids of items the site hides (``isdisplayallowed`` False): removed without a word.
    hidden: tuple[str, ...] = ()
    # Item title -> the site's page for its executive decision.
    decision_links: dict[str, str] = field(default_factory=dict)
    # Decisions published, but no minutes: the minutes are still to come.
    decisions_only: bool = False


@dataclass
class MeetingResult:
    external_id: str
    date: dt.date | None
    outcome: str  # new | updated | unchanged | failed
    error: str | None = None
    meeting_id: int | None = None
    announced: int = 0
    # Each document stored: its kind, the share of its content lines placed, and the
    # passages it could not place (kept on the meeting).
    documents: list[Reading] = field(default_factory=list)


@dataclass
class Reading:
    kind: str
    coverage: float
    unplaced: list[str]


def apply_meeting(
    session: Session, context: SourceContext, fetched: Fetched, now: dt.datetime
) -> MeetingResult:
    mapping = session.scalars(
        select(SourceMeeting).where(
            SourceMeeting.source_id == context.source_id,
            SourceMeeting.external_id == fetched.external_id,
        )
    ).first()
    date = fetched.documents[0][2].date
    if mapping is not None and mapping.content_hash == fetched.digest:
        return MeetingResult(fetched.external_id, date, "unchanged", meeting_id=mapping.meeting_id)
    meeting = mapping.meeting if mapping is not None else None
    old_state = dict(mapping.state) if mapping is not None else None
    if meeting is not None and meeting.date != date:
        meeting.date, meeting.starts_at = date, None
    version = mapping.version + 1 if mapping is not None else 1
    minutes_before = meeting.minutes_status if meeting is not None else MinutesStatus.NONE
    readings = []
    for path, digest, parsed in fetched.documents:
        unique = f"{context.source_id}:{fetched.external_id}:{version}:{digest}"
        readings.append(Reading(parsed.kind, parsed.coverage, list(parsed.unplaced)))
        import_document(
            session,
            parsed,
            board_name_override=context.board_name,
            path=path,
            content_hash=hashlib.sha256(unique.encode()).hexdigest(),
            checked=True,
            known_meeting=meeting,
        )
        meeting = meeting or _meeting_on(session, context.board_id, parsed.date)
    assert meeting is not None
    if fetched.decisions_only:
        meeting.minutes_status = minutes_before
    _apply_status(meeting, fetched.status)
    withdrawn = _remove_withdrawn(meeting, old_state, fetched)
    for item in meeting.items:
        link = fetched.decision_links.get(item.title)
        if link is not None or item.decision_url is not None:
            item.decision_url = link[:400] if link else None
    session.flush()
    state = meeting_state(meeting, agenda_published=fetched.agenda_published)
    if fetched.site_items is not None:
        state["site_items"] = fetched.site_items
    if mapping is None:
        mapping = SourceMeeting(
            source_id=context.source_id, external_id=fetched.external_id, meeting_id=meeting.id
        )
        session.add(mapping)
    mapping.content_hash = fetched.digest
    mapping.version = version
    mapping.state = state
    mapping.fetched_at = now
    session.flush()
    announced = 0
    if not context.first:
        found = changes(
            str(mapping.id), context.board_name, old_state, state, context.today, withdrawn
        )
        announced = queue_announcements(session, context.board_id, meeting.id, found, now)
    outcome = "new" if old_state is None else "updated"
    return MeetingResult(
        fetched.external_id, date, outcome, None, meeting.id, announced, documents=readings
    )


def _meeting_on(session: Session, board_id: int, date: dt.date) -> Meeting:
    """The meeting the importer wrote to: the board's first on that date."""
    meeting = session.scalars(
        select(Meeting)
        .where(Meeting.board_id == board_id, Meeting.date == date)
        .order_by(Meeting.id)
    ).first()
    if meeting is None:
        raise LookupError(f"the import stored no meeting on {date}")
    return meeting


_STATUS = re.compile(r"^\W*(\w+)[\s;:,.\-–—()]*(.*?)[\s.)]*$", re.S)


def read_status(printed: str | None) -> tuple[str, str | None]:
    """The status's first word, lower case, and the rest as a note.

    ``Confirmed; Budget Council`` → (``confirmed``, ``Budget Council``);
    ``Cancelled - moved to 14 May`` → (``cancelled``, ``moved to 14 May``).
    """
    match = _STATUS.match(" ".join((printed or "").split()))
    if match is None:
        return "", None
    return match[1].lower(), match[2] or None


def _apply_status(meeting: Meeting, printed: str | None) -> None:
    """The site's status as printed ("Confirmed", "Cancelled", ...) in our terms."""
    word, note = read_status(printed)
    meeting.status_note = note[:200] if note else None
    if word.startswith("cancel"):
        meeting.status = MeetingStatus.CANCELLED
    elif word.startswith("postpone"):
        meeting.status = MeetingStatus.POSTPONED
    elif meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
        held = meeting.minutes_status != MinutesStatus.NONE
        meeting.status = MeetingStatus.HELD if held else MeetingStatus.SCHEDULED


def _remove_withdrawn(meeting: Meeting, old: State | None, fetched: Fetched) -> list[str]:
    """Takes off our record the items the site no longer lists; the titles of those withdrawn.

    Compared against what the site listed last time, so items from elsewhere (printed
    minutes, a clerk's import) are never touched. A hidden item goes without a word:
    announcing it would show what the council chose not to.
    """
    before: dict[str, str] = (old or {}).get("site_items") or {}
    if fetched.site_items is None or not before:
        return []
    listed = {_fold(title) for title in fetched.site_items.values()}
    gone = {
        key: title
        for key, title in before.items()
        if key not in fetched.site_items and _fold(title) not in listed
    }
    folded = {_fold(title) for title in gone.values()}
    for item in [i for i in meeting.items if _fold(i.title) in folded]:
        meeting.items.remove(item)
    return [title for key, title in gone.items() if key not in fetched.hidden]


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()
