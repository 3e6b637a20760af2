"""What a parsed council document says, as plain frozen dataclasses.

Kept apart from the database models (cdp-backend style ingestion models) so
parsing can be tested, benchmarked and fuzzed without a database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

DocumentKind = Literal["minutes", "agenda"]
DocumentFormat = Literal["text", "html", "pdf"]
DecisionKind = Literal["agreed", "resolved", "noted", "deferred", "ordered"]
AttendanceStatus = Literal["present", "apologies", "absent", "in_attendance", "substitute"]
BoardRole = Literal["chair", "vice-chair"]


@dataclass(frozen=True)
class ParsedDecision:
    """A resolution exactly as printed (labels such as "AGREED" kept)."""

    text: str
    kind: DecisionKind


@dataclass(frozen=True)
class ParsedItem:
    """One agenda item in document order; ``number`` only when the document prints one."""

    number: str | None
    title: str
    presenters: tuple[str, ...] = ()
    agenda_text: str | None = None
    minutes_text: str | None = None
    decisions: tuple[ParsedDecision, ...] = ()
    truncated: bool = False
    exempt: bool = False
    exempt_reason: str | None = None
    deferred_to: dt.date | None = None

    @property
    def ref(self) -> str:
        """How actions point at the item: its number, else its title."""
        return self.number or self.title


@dataclass(frozen=True)
class ParsedAttendee:
    """A person named in an attendance list, with the name as printed."""

    name: str
    match_key: str
    status: AttendanceStatus
    role: BoardRole | None = None
    role_as_printed: str | None = None
    substitute_for: str | None = None
    reason: str | None = None
    note: str | None = None

    @property
    def as_printed(self) -> str:
        """The name with its printed role, e.g. "Councillor M Carr (Chair)"."""
        return f"{self.name} ({self.role_as_printed})" if self.role_as_printed else self.name


@dataclass(frozen=True)
class ParsedAction:
    """A follow-up the minutes commit someone to, tied to the item it came from."""

    item_position: int
    item_ref: str
    text: str
    owner: str | None = None
    due: dt.date | None = None
    not_before: dt.date | None = None
    due_at_meeting: dt.date | None = None
    source: str = ""
    # The owner reads as a person's name ("Cllr J Smith"), not a post ("the Clerk"): only then
    # is it matched against the board's members.
    owner_is_person: bool = False


@dataclass(frozen=True)
class ParsedNextMeeting:
    date: dt.date
    time: dt.time | None = None


@dataclass(frozen=True)
class ParsedDocument:
    """Everything one document says about one meeting."""

    kind: DocumentKind
    format: DocumentFormat
    date: dt.date
    time: dt.time | None
    board_name: str | None = None
    title_as_printed: str | None = None
    venue: str | None = None
    contact: str | None = None
    items: tuple[ParsedItem, ...] = ()
    attendance: tuple[ParsedAttendee, ...] = ()
    # The board's members as an agenda lists them (called to the meeting, not attendance).
    membership: tuple[ParsedAttendee, ...] = ()
    actions: tuple[ParsedAction, ...] = ()
    next_meeting: ParsedNextMeeting | None = None
    # "none" when the minutes say nobody declared anything; the text when someone did.
    declarations_of_interest: str | None = None
    # True when the minutes are marked draft/unconfirmed, False when marked confirmed.
    draft: bool | None = None
    # Conservation of text: the share of content lines placed somewhere, and the passages
    # that were not (kept so nothing is dropped in silence; see ingest/parsers/coverage.py).
    coverage: float = 1.0
    # Earlier meetings whose minutes this document says were approved (in text order).
    confirms_minutes_of: tuple[dt.date, ...] = ()
    unplaced: tuple[str, ...] = ()

    def by_status(self, status: AttendanceStatus) -> list[ParsedAttendee]:
        return [person for person in self.attendance if person.status == status]
