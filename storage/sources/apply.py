"""One changed meeting from a site, written in one transaction through the importer.

The site's meeting id finds our meeting, so a meeting moved to another day is
moved in place; its documents then go through ``import_document`` like any
file (items matched, decisions and actions by the same rules, clerk edits and
action status kept). The council's status printed as "Cancelled" cancels the
meeting, and reminders follow by themselves. The announcements the change
deserves are recorded in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Meeting, MeetingStatus, MinutesStatus
from storage.parsed import ParsedDocument
from storage.persist import import_document
from storage.sources.announce import changes, meeting_state, record
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


@dataclass(frozen=True)
class Fetched:
    """A meeting as read off the site: its documents (address, content hash, parse)."""

    external_id: str
    digest: str
    status: str | None
    documents: tuple[tuple[str, str, ParsedDocument], ...]
    # The web service's "agenda published" flag; the public pages have none.
    agenda_published: bool | None = None


@dataclass
class MeetingResult:
    external_id: str
    date: dt.date | None
    outcome: str  # new | updated | unchanged | failed
    error: str | None = None
    meeting_id: int | None = None
    announced: int = 0


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
    for path, digest, parsed in fetched.documents:
        unique = f"{context.source_id}:{fetched.external_id}:{version}:{digest}"
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
    _apply_status(meeting, fetched.status)
    session.flush()
    state = meeting_state(meeting, agenda_published=fetched.agenda_published)
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
        found = changes(str(mapping.id), context.board_name, old_state, state, context.today)
        announced = record(session, context.board_id, meeting.id, found, now)
    outcome = "new" if old_state is None else "updated"
    return MeetingResult(fetched.external_id, date, outcome, None, meeting.id, announced)


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


def _apply_status(meeting: Meeting, printed: str | None) -> None:
    """The site's status as printed ("Confirmed", "Cancelled", ...) in our terms."""
    words = (printed or "").lower()
    if "cancel" in words:
        meeting.status = MeetingStatus.CANCELLED
    elif "postpone" in words:
        meeting.status = MeetingStatus.POSTPONED
    elif meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
        held = meeting.minutes_status != MinutesStatus.NONE
        meeting.status = MeetingStatus.HELD if held else MeetingStatus.SCHEDULED
