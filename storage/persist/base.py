"""The state one import shares between its steps: board, document, meetings and members.

Child rows whose parents may not have ids yet are collected (``add_later``) and
inserted in bulk at the end, with Core: the ORM would insert rows with
database-generated keys one statement each, and its bookkeeping for objects
nobody reads again costs more than the inserts. Meetings are read once, for
every date the document mentions, and then answered from memory.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, and_, bindparam, exists, insert, inspect, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from storage.member_match import MemberDirectory, Person
from storage.models import (
    AgendaItem,
    Attendance,
    Base,
    BoardRole,
    Meeting,
    MeetingStatus,
    Member,
    Role,
)
from storage.names import match_key
from storage.parsed import ParsedDocument
from storage.unplaced import UnplacedPassage

IMPORTED_BY = "import"


@dataclass(frozen=True)
class NewItem:
    """An agenda item this import inserted with Core: what the later steps read of it."""

    id: int
    title: str
    presenters: list[str]
    agenda_text: str | None


# An item of the document as stored: updated in place (ORM) or newly inserted.
StoredItem = AgendaItem | NewItem


def ref(person: Person | None) -> int | Member | None:
    return person.ref if person is not None else None


def table_of(model: type[Base]) -> Table:
    """The Core table behind a model, for inserts that skip the ORM's bookkeeping."""
    return cast(Table, model.__table__)


def row_id(value: Any) -> Any:
    """An ORM object stands for its primary key once flushed; anything else is itself."""
    return cast(Any, value).id if isinstance(value, Base) else value


def cut(text: str | None, limit: int) -> str | None:
    return text[:limit] if text else None


def fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


# Statements built once: building one costs about as much as running it.
# Each meeting comes with whether it has items, attendance and passages of the
# document's kind: most found meetings were only scheduled, and reading (or
# deleting) what they do not have would cost a statement each.
_MEETINGS_ON = (
    select(
        Meeting,
        exists().where(AgendaItem.meeting_id == Meeting.id),
        exists().where(Attendance.meeting_id == Meeting.id),
        exists().where(
            UnplacedPassage.meeting_id == Meeting.id, UnplacedPassage.kind == bindparam("kind")
        ),
    )
    .where(
        Meeting.board_id == bindparam("board"),
        Meeting.date.in_(bindparam("dates", expanding=True)),
    )
    .order_by(Meeting.id)
)
# Every member (id and match key: all that matching needs) with their roles on the board,
# in one query of a fixed shape.
_PEOPLE = (
    select(
        Member.id.label("member_id"),
        Member.match_key,
        BoardRole.id,
        BoardRole.role,
        BoardRole.as_of,
        BoardRole.set_by,
    )
    .outerjoin(
        BoardRole, and_(BoardRole.member_id == Member.id, BoardRole.board_id == bindparam("board"))
    )
    .order_by(Member.id)
)
_ITEMS = table_of(AgendaItem)
_INDEXED = (
    update(_ITEMS)
    .where(_ITEMS.c.id.in_(bindparam("ids", expanding=True)))
    .values(search_pending=False)
)
# The items of the meetings that have some, as ``Meeting.items`` orders them.
_ITEMS_OF = (
    select(AgendaItem)
    .where(AgendaItem.meeting_id.in_(bindparam("meetings", expanding=True)))
    .options(selectinload(AgendaItem.decisions))
    .order_by(AgendaItem.position)
)


@dataclass(frozen=True)
class Holding:
    """A role a member holds on the board as stored: whose, since when, and who said so."""

    id: int
    match_key: str
    role: Role
    as_of: dt.date | None
    set_by: str | None


@dataclass(frozen=True)
class BoardRef:
    """What an import needs of its board. A bulk import keeps it between documents
    (``storage.db.held_connection``): a stored ``Board`` would expire on a rollback."""

    id: int
    name: str
    tz: ZoneInfo


class WriterBase:
    """Shared state and lookups of one import; the steps live in the mixins built on it."""

    def __init__(self, session: Session, board: BoardRef, parsed: ParsedDocument) -> None:
        self.session = session
        self.board = board
        self.parsed = parsed
        self.scheduled: set[dt.date] = set()
        self._meetings: dict[dt.date, Meeting] = {}
        # Dates already looked up with no stored meeting (new ones go into _meetings).
        self._no_meeting: set[dt.date] = set()
        # Stored meetings read with no passages of the document's kind (none to replace).
        self.no_passages: set[int] = set()
        self._directory: MemberDirectory | None = None
        self.held: list[Holding] = []  # the board's roles, read with the directory
        # New child rows, inserted in bulk once their parents have ids (much cheaper than
        # one ORM object each). Values that are ORM objects become their ids at that point.
        self._new_rows: dict[type[Base], list[dict[str, Any]]] = {}
        # SQLite indexes an item for search on every resolution written to it: the items
        # this import inserts wait (``search_pending``) until their resolutions are in.
        self.index_later = session.get_bind().dialect.name == "sqlite"
        self._unindexed: list[int] = []

    def add_later(self, model: type[Base], **values: Any) -> None:
        self._new_rows.setdefault(model, []).append(values)

    def inserted_items(self, ids: list[int]) -> None:
        """Items inserted ``search_pending``: indexed once, by ``write_new_rows``."""
        self._unindexed += ids

    def write_new_rows(self, meeting: Meeting) -> None:
        self.session.flush()
        connection = self.session.connection()
        for model, rows in self._new_rows.items():
            # One INSERT for all rows: each names every column any of them sets.
            columns = dict.fromkeys(key for row in rows for key in row)
            resolved = [{key: row_id(row.get(key)) for key in columns} for row in rows]
            connection.execute(insert(table_of(model)), resolved)
        if self._unindexed:  # their resolutions are in: each is indexed once (revision 0024)
            connection.execute(_INDEXED, {"ids": self._unindexed})
            self._unindexed.clear()
        # Keep the session's view consistent with what was inserted behind its back.
        self.session.expire(meeting, ["items", "attendance"])
        self._new_rows.clear()

    # --- meetings ----------------------------------------------------------------------

    def adopt(self, meeting: Meeting) -> None:
        """Answer ``meeting`` for its date, whatever else the board holds on that day."""
        self._meetings[meeting.date] = meeting

    def load_meetings(self) -> None:
        """Every stored meeting of the board on a date the document mentions, in one query."""
        parsed = self.parsed
        dates = {parsed.date}
        if parsed.next_meeting is not None:
            dates.add(parsed.next_meeting.date)
        dates.update(item.deferred_to for item in parsed.items if item.deferred_to is not None)
        if parsed.kind == "minutes":
            dates.update(a.due_at_meeting for a in parsed.actions if a.due_at_meeting is not None)
            dates.update(parsed.confirms_minutes_of)
        dates -= self._meetings.keys()
        if dates:
            self._read_meetings(dates)

    def find_meeting(self, date: dt.date) -> Meeting | None:
        if date not in self._meetings and date not in self._no_meeting:
            self._read_meetings({date})
        return self._meetings.get(date)

    def _read_meetings(self, dates: set[dt.date]) -> None:
        found = self.session.execute(
            _MEETINGS_ON, {"board": self.board.id, "dates": sorted(dates), "kind": self.parsed.kind}
        )
        with_items: dict[int, Meeting] = {}
        for meeting, has_items, has_attendance, has_passages in found:
            self._meetings.setdefault(meeting.date, meeting)
            unloaded = inspect(meeting).unloaded
            if "items" in unloaded:
                if has_items:
                    with_items[meeting.id] = meeting
                else:
                    set_committed_value(meeting, "items", [])
            if "attendance" in unloaded and not has_attendance:
                set_committed_value(meeting, "attendance", [])
            if not has_passages:
                self.no_passages.add(meeting.id)
        self._no_meeting |= dates - self._meetings.keys()
        if with_items:
            items: dict[int, list[AgendaItem]] = {key: [] for key in with_items}
            for item in self.session.scalars(_ITEMS_OF, {"meetings": list(with_items)}):
                items[item.meeting_id].append(item)
            for key, meeting in with_items.items():
                set_committed_value(meeting, "items", items[key])

    def scheduled_meeting(self, date: dt.date, time: dt.time | None = None) -> Meeting:
        """The board's meeting on ``date``, created as scheduled when it is not known yet."""
        meeting = self.find_meeting(date)
        if meeting is None:
            # By id, not relationship: setting ``board`` would also queue an append to
            # board.meetings and bring the board into every flush.
            meeting = Meeting(
                board_id=self.board.id,
                date=date,
                status=MeetingStatus.SCHEDULED,
                items=[],
                attendance=[],
            )
            self.session.add(meeting)
            self._meetings[date] = meeting
            self.scheduled.add(date)
        if time is not None and meeting.starts_at is None:
            meeting.starts_at = self.instant(date, time)
        return meeting

    def instant(self, date: dt.date, time: dt.time) -> dt.datetime:
        return dt.datetime.combine(date, time, tzinfo=self.board.tz).astimezone(dt.UTC)

    # --- people ------------------------------------------------------------------------

    def directory(self) -> MemberDirectory:
        """Everyone the document names (attendees and action owners), loaded in one query
        with the board's roles (``held``): the steps that match people read both."""
        if self._directory is None:
            keys = [p.match_key for p in self.parsed.attendance]
            keys += [match_key(a.owner) for a in self.parsed.actions if a.owner]
            rows = self.session.connection().execute(_PEOPLE, {"board": self.board.id}).all()
            members = dict.fromkeys((row.member_id, row.match_key) for row in rows)
            self._directory = MemberDirectory.of(self.session, keys, members)
            self.held = [
                Holding(row.id, row.match_key, Role(row.role), row.as_of, row.set_by)
                for row in rows
                if row.id is not None
            ]
        return self._directory
