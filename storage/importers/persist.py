"""Writing a parsed document into the meeting database, idempotently.

One call is one document inside the caller's transaction. The meeting is found
by (board, date) and updated in place, so a newer version of the same minutes
(draft to confirmed, one more resolution) changes what changed and nothing
else: items, decisions, attendance and actions are matched, never duplicated.
Actions keep their status, and an action a clerk has edited is left alone.
The same file twice (same content hash) changes nothing at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any, cast

from rapidfuzz import fuzz
from sqlalchemy import delete, insert, inspect, select
from sqlalchemy.orm import Session, selectinload

from storage.importers.dates import find_dates
from storage.importers.errors import DocumentError
from storage.importers.members import MemberDirectory, Person
from storage.importers.model import ParsedAction, ParsedAttendee, ParsedDocument, ParsedItem
from storage.importers.people import looks_like_name, match_key
from storage.models import (
    Action,
    AgendaItem,
    Attendance,
    AttendanceSource,
    AttendanceStatus,
    Base,
    Board,
    BoardRole,
    Decision,
    DecisionKind,
    Document,
    Meeting,
    MeetingStatus,
    Member,
    MinutesStatus,
    Role,
)
from storage.queries import find_board

IMPORTED_BY = "import"

_STATUS = {
    "present": AttendanceStatus.PRESENT,
    "apologies": AttendanceStatus.APOLOGIES,
    "absent": AttendanceStatus.ABSENT,
    "in_attendance": AttendanceStatus.IN_ATTENDANCE,
    "substitute": AttendanceStatus.SUBSTITUTE,
}
_MINUTES_CONFIRMED = re.compile(
    r"\bminutes\b.{0,200}?\b(?:approved|confirmed|agreed|accepted|signed|adopted)\b",
    re.IGNORECASE | re.S,
)


@dataclass
class ImportSummary:
    """What one file did to the database (or why it did nothing)."""

    path: str
    board: str | None = None
    meeting_date: dt.date | None = None
    kind: str | None = None
    items: int = 0
    decisions: int = 0
    actions: int = 0
    attendance: int = 0
    meeting_created: bool = False
    unchanged: bool = False
    error: str | None = None
    meetings_scheduled: list[dt.date] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["meeting_date"] = self.meeting_date.isoformat() if self.meeting_date else None
        data["meetings_scheduled"] = [d.isoformat() for d in self.meetings_scheduled]
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def import_document(
    session: Session,
    parsed: ParsedDocument,
    *,
    board_name_override: str | None = None,
    path: str = "",
    content_hash: str | None = None,
    checked: bool = False,
) -> ImportSummary:
    """Store ``parsed`` (minutes or agenda) in ``session``; the caller commits or rolls back.

    ``checked``: the caller has already looked the content hash up (``already_imported``).
    Raises ``DocumentError`` when the document names no board and none is given.
    """
    digest = content_hash or _parsed_hash(parsed)
    seen = None if checked else already_imported(session, digest, path)
    if seen is not None:
        return seen
    name = board_name_override or parsed.board_name
    if not name:
        raise DocumentError("the document does not say which board it is for; name the board")
    board = _board(session, name)
    writer = _Writer(session, board, parsed)
    # One flush at the end: every lookup below either sees only committed rows or is
    # answered from what this import already holds (meetings by date, the member directory).
    with session.no_autoflush:
        meeting, created = writer.meeting()
        items = writer.items(meeting)
        attendance = writer.attendance(meeting) if parsed.kind == "minutes" else 0
        actions = writer.actions(meeting, items) if parsed.kind == "minutes" else 0
        writer.carry_deferred(items)
        writer.schedule_next_meeting()
        if parsed.kind == "minutes":
            writer.confirm_earlier_minutes(meeting)
        session.add(
            Document(
                path=path,
                content_hash=digest,
                kind=parsed.kind,
                format=parsed.format,
                meeting=meeting,
            )
        )
    writer.write_new_rows(meeting, items)
    return ImportSummary(
        path=path,
        board=board.name,
        meeting_date=meeting.date,
        kind=parsed.kind,
        items=len(parsed.items),
        decisions=sum(len(item.decisions) for item in parsed.items),
        actions=actions,
        attendance=attendance,
        meeting_created=created,
        meetings_scheduled=sorted(writer.scheduled),
    )


def already_imported(session: Session, digest: str, path: str = "") -> ImportSummary | None:
    """The summary of an earlier import of exactly this content, or None."""
    seen = session.scalars(select(Document).where(Document.content_hash == digest)).first()
    if seen is None:
        return None
    meeting = seen.meeting
    return ImportSummary(
        path=path,
        board=meeting.board.name if meeting else None,
        meeting_date=meeting.date if meeting else None,
        kind=seen.kind,
        unchanged=True,
    )


def _parsed_hash(parsed: ParsedDocument) -> str:
    return hashlib.sha256(repr(parsed).encode("utf-8")).hexdigest()


def _board(session: Session, name: str) -> Board:
    name = " ".join(name.split())
    board = find_board(session, name)
    if board is None:
        board = Board(name=name, aliases=[])
        session.add(board)
        session.flush()
    return board


def _ref(person: Person | None) -> int | Member | None:
    return person.ref if person is not None else None


def _row_id(value: Any) -> Any:
    """An ORM object stands for its primary key once flushed; anything else is itself."""
    return cast(Any, value).id if isinstance(value, Base) else value


def _cut(text: str | None, limit: int) -> str | None:
    return text[:limit] if text else None


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


class _Writer:
    """The steps of one import, sharing the board, the document and the member directory."""

    def __init__(self, session: Session, board: Board, parsed: ParsedDocument) -> None:
        self.session = session
        self.board = board
        self.parsed = parsed
        self.scheduled: set[dt.date] = set()
        self._meetings: dict[dt.date, Meeting] = {}
        self._latest: bool | None = None
        self._directory: MemberDirectory | None = None
        self._roles_held: dict[str, set[Role]] | None = None
        # New child rows, inserted in bulk once their parents have ids (much cheaper than
        # one ORM object each). Values that are ORM objects become their ids at that point.
        self._new_rows: dict[type[Base], list[dict[str, Any]]] = {}

    def add_later(self, model: type[Base], **values: Any) -> None:
        self._new_rows.setdefault(model, []).append(values)

    def write_new_rows(self, meeting: Meeting, items: list[AgendaItem]) -> None:
        self.session.flush()
        for model, rows in self._new_rows.items():
            resolved = [{key: _row_id(value) for key, value in row.items()} for row in rows]
            self.session.execute(insert(model), resolved)
        if self._new_rows:
            # Keep the session's view consistent with what was just inserted behind its back.
            self.session.expire(meeting, ["attendance"])
            for item in items:
                self.session.expire(item, ["decisions"])
        self._new_rows.clear()

    # --- meetings ----------------------------------------------------------------------

    def find_meeting(self, date: dt.date) -> Meeting | None:
        if date in self._meetings:
            return self._meetings[date]
        meeting = self.session.scalars(
            select(Meeting)
            .where(Meeting.board_id == self.board.id, Meeting.date == date)
            .options(selectinload(Meeting.items).selectinload(AgendaItem.decisions))
            .order_by(Meeting.id)
        ).first()
        if meeting is not None:
            self._meetings[date] = meeting
        return meeting

    def scheduled_meeting(self, date: dt.date, time: dt.time | None = None) -> Meeting:
        """The board's meeting on ``date``, created as scheduled when it is not known yet."""
        meeting = self.find_meeting(date)
        if meeting is None:
            meeting = Meeting(board=self.board, date=date, status=MeetingStatus.SCHEDULED, items=[])
            self.session.add(meeting)
            self._meetings[date] = meeting
            self.scheduled.add(date)
        if time is not None and meeting.starts_at is None:
            meeting.starts_at = self._instant(date, time)
        return meeting

    def _instant(self, date: dt.date, time: dt.time) -> dt.datetime:
        return dt.datetime.combine(date, time, tzinfo=self.board.tz).astimezone(dt.UTC)

    def meeting(self) -> tuple[Meeting, bool]:
        parsed = self.parsed
        existing = self.find_meeting(parsed.date)
        meeting = self.scheduled_meeting(parsed.date)
        self.scheduled.discard(parsed.date)
        if parsed.time is not None:
            meeting.starts_at = self._instant(parsed.date, parsed.time)
        for attribute in ("venue", "title_as_printed", "contact"):
            value = getattr(parsed, attribute)
            if value:
                setattr(meeting, attribute, value[:300] if attribute != "contact" else value[:200])
        if parsed.kind == "minutes":
            meeting.status = MeetingStatus.HELD
            if parsed.draft is True and meeting.minutes_status != MinutesStatus.CONFIRMED:
                meeting.minutes_status = MinutesStatus.DRAFT
            elif parsed.draft is False:
                meeting.minutes_status = MinutesStatus.CONFIRMED
            elif meeting.minutes_status == MinutesStatus.NONE:
                meeting.minutes_status = MinutesStatus.DRAFT
        return meeting, existing is None

    def schedule_next_meeting(self) -> None:
        upcoming = self.parsed.next_meeting
        if upcoming is not None and upcoming.date > self.parsed.date:
            self.scheduled_meeting(upcoming.date, upcoming.time)

    def confirm_earlier_minutes(self, meeting: Meeting) -> None:
        """ "The minutes of the meeting held on 7 August were approved": that meeting's are final."""
        for item in self.parsed.items:
            for decision in item.decisions:
                if not _MINUTES_CONFIRMED.search(decision.text) or re.search(
                    r"\bdefer", decision.text, re.IGNORECASE
                ):
                    continue
                for found in find_dates(decision.text):
                    if found.date < meeting.date:
                        earlier = self.find_meeting(found.date)
                        if earlier is not None and earlier.minutes_status != MinutesStatus.NONE:
                            earlier.minutes_status = MinutesStatus.CONFIRMED

    # --- items and decisions -----------------------------------------------------------

    def items(self, meeting: Meeting) -> list[AgendaItem]:
        """Match parsed items to stored ones (number, then title), update, keep the rest after."""
        existing = list(meeting.items)
        unmatched = list(existing)
        stored: list[AgendaItem] = []
        for parsed_item in self.parsed.items:
            row = _match_item(parsed_item, unmatched)
            if row is None:
                row = AgendaItem(title=parsed_item.title, presenters=[], decisions=[])
                meeting.items.append(row)
            else:
                unmatched.remove(row)
            self._update_item(row, parsed_item)
            stored.append(row)
        for position, row in enumerate(stored + [r for r in existing if r in unmatched]):
            row.position = position
        return stored

    def _update_item(self, row: AgendaItem, parsed: ParsedItem) -> None:
        row.title = parsed.title
        if parsed.number:
            row.number = parsed.number[:40]
        if parsed.presenters:
            row.presenters = list(parsed.presenters)
        if parsed.agenda_text:
            row.agenda_text = parsed.agenda_text
        # A full version replaces a truncated one; a truncated one never hides a full one.
        if parsed.minutes_text and (not parsed.truncated or row.truncated or not row.minutes_text):
            row.minutes_text = parsed.minutes_text
            row.truncated = parsed.truncated
        if parsed.exempt:
            row.exempt = True
            row.exempt_reason = parsed.exempt_reason
        if self.parsed.kind == "minutes" and (parsed.decisions or parsed.minutes_text):
            if not inspect(row).has_identity and not row.decisions:
                for position, decision in enumerate(parsed.decisions):
                    self.add_later(
                        Decision,
                        item_id=row,
                        position=position,
                        text=decision.text,
                        kind=DecisionKind(decision.kind),
                    )
            else:
                _replace_decisions(row, parsed)

    def carry_deferred(self, items: list[AgendaItem]) -> None:
        """A deferred item is carried onto the meeting it was deferred to (created if need be)."""
        for parsed_item, row in zip(self.parsed.items, items, strict=True):
            if parsed_item.deferred_to is None or parsed_item.deferred_to <= self.parsed.date:
                continue
            target = self.scheduled_meeting(parsed_item.deferred_to)
            row.deferred_to = target
            already = [
                other
                for other in target.items
                if (other.carried_from is row)
                or (row.id is not None and other.carried_from_item_id == row.id)
                or _fold(other.title) == _fold(row.title)
            ]
            if already:
                for other in already:
                    if other.carried_from_item_id is None and other.carried_from is None:
                        other.carried_from = row
                continue
            target.items.append(
                AgendaItem(
                    title=row.title,
                    position=len(target.items),
                    presenters=list(row.presenters or []),
                    agenda_text=row.agenda_text,
                    carried_from=row,
                    decisions=[],
                )
            )

    # --- people ------------------------------------------------------------------------

    def attendance(self, meeting: Meeting) -> int:
        people = list(self.parsed.attendance)
        if not people:
            return 0
        directory = self.directory()
        rows = {row.person_key: row for row in meeting.attendance}
        written: set[str] = set()
        self._people(meeting, people, directory, rows, written)
        for key, row in list(rows.items()):
            if key not in written and row.source == AttendanceSource.MINUTES:
                meeting.attendance.remove(row)  # dropped from a newer version of the minutes
        return len(written)

    def directory(self) -> MemberDirectory:
        """Everyone the document names (attendees and action owners), loaded in one query."""
        if self._directory is None:
            keys = [p.match_key for p in self.parsed.attendance]
            keys += [match_key(a.owner) for a in self.parsed.actions if a.owner]
            self._directory = MemberDirectory.load(self.session, keys)
        return self._directory

    def _people(
        self,
        meeting: Meeting,
        people: list[ParsedAttendee],
        directory: MemberDirectory,
        rows: dict[str, Attendance],
        written: set[str],
    ) -> None:
        for person in people:
            member = directory.resolve(person.name, person.match_key)
            key = member.key if member is not None else person.match_key
            if key in written:
                continue
            written.add(key)
            row = rows.get(key)
            if row is None:
                self.add_later(
                    Attendance,
                    meeting_id=meeting,
                    member_id=member.ref if member is not None else None,
                    person_key=key[:200],
                    source=AttendanceSource.MINUTES,
                    name=person.as_printed[:200],
                    status=_STATUS[person.status],
                    substitute_for=_cut(person.substitute_for, 200),
                    reason=person.reason,
                    note=_cut(person.note, 300),
                    recorded_by=IMPORTED_BY,
                )
                if member is not None:
                    self._roles(member, person, meeting)
                continue
            if row.source != AttendanceSource.MINUTES:
                # The minutes are the record after the meeting; they settle a chat apology.
                row.source = AttendanceSource.MINUTES
            if member is None:
                row.member_id = None
            elif member.member_id is not None:
                row.member_id = member.member_id
            else:
                row.member = member.member
            row.name = person.as_printed[:200]
            row.status = _STATUS[person.status]
            row.substitute_for = _cut(person.substitute_for, 200)
            row.reason = person.reason
            row.note = _cut(person.note, 300)
            row.recorded_by = IMPORTED_BY
            if member is not None:
                self._roles(member, person, meeting)

    def _roles(self, member: Person, person: ParsedAttendee, meeting: Meeting) -> None:
        wanted: list[Role] = []
        note = (person.note or "").lower()
        if person.role == "chair":
            wanted.append(Role.CHAIR)
        elif person.role == "vice-chair":
            wanted.append(Role.VICE_CHAIR)
        if "co-opted" in note:
            wanted.append(Role.CO_OPTED)
        elif person.status == "substitute":
            wanted.append(Role.SUBSTITUTE)
        elif person.status in {"present", "apologies", "absent"}:
            wanted.append(Role.MEMBER)
        elif person.status == "in_attendance" and "official" in note:
            wanted.append(Role.OFFICER)
        held = self.board_roles()
        have = held.setdefault(member.key, set())
        for role in wanted:
            if role in {Role.CHAIR, Role.VICE_CHAIR}:
                if not self._is_latest(meeting):
                    continue  # an older meeting's chair is history, not today's chair
                self._take_role_from_others(role, member)
            if role not in have:
                self.add_later(BoardRole, board_id=self.board, member_id=member.ref, role=role)
                have.add(role)

    def board_roles(self) -> dict[str, set[Role]]:
        """Roles on this board by member match key, read once per import."""
        if self._roles_held is None:
            self._roles_held = {}
            rows = self.session.execute(
                select(Member.match_key, BoardRole.role)
                .join(BoardRole, BoardRole.member_id == Member.id)
                .where(BoardRole.board_id == self.board.id)
            )
            for key, role in rows:
                self._roles_held.setdefault(key, set()).add(Role(role))
        return self._roles_held

    def _is_latest(self, meeting: Meeting) -> bool:
        if self._latest is None:
            later = self.session.scalars(
                select(Meeting.id).where(
                    Meeting.board_id == self.board.id,
                    Meeting.date > meeting.date,
                    Meeting.status == MeetingStatus.HELD,
                )
            ).first()
            self._latest = later is None
        return self._latest

    def _take_role_from_others(self, role: Role, keeper: Person) -> None:
        """A board has one chair: the latest minutes say who it is now."""
        others = [
            key for key, roles in self.board_roles().items() if role in roles and key != keeper.key
        ]
        if not others:
            return
        stale = select(Member.id).where(Member.match_key.in_(others))
        self.session.execute(
            delete(BoardRole)
            .where(
                BoardRole.board_id == self.board.id,
                BoardRole.role == role,
                BoardRole.member_id.in_(stale),
            )
            .execution_options(synchronize_session=False)
        )
        for key in others:
            self.board_roles()[key].discard(role)

    # --- actions -----------------------------------------------------------------------

    def actions(self, meeting: Meeting, items: list[AgendaItem]) -> int:
        parsed_actions = list(self.parsed.actions)
        if not parsed_actions:
            return 0
        keys = [self._origin_key(a) for a in parsed_actions]
        known = {
            row.origin_key: row
            for row in self.session.scalars(select(Action).where(Action.origin_key.in_(keys)))
        }
        earlier: list[Action] = []
        if meeting.id is not None:
            earlier = list(
                self.session.scalars(
                    select(Action).where(
                        Action.meeting_id == meeting.id, Action.origin_key.is_not(None)
                    )
                )
            )
        claimed: set[int] = set()
        owners = self.directory()
        for parsed_action, key in zip(parsed_actions, keys, strict=True):
            item = (
                items[parsed_action.item_position]
                if parsed_action.item_position < len(items)
                else None
            )
            free = [r for r in earlier if id(r) not in claimed]
            row = known.get(key) if id(known.get(key)) not in claimed else None
            row = row or _similar_action(parsed_action, item, free)
            if row is None:
                due_meeting = (
                    self.scheduled_meeting(parsed_action.due_at_meeting)
                    if parsed_action.due_at_meeting is not None
                    else None
                )
                self.add_later(
                    Action,
                    board_id=self.board,
                    meeting_id=meeting,
                    item_id=item,
                    origin_key=key,
                    created_by=IMPORTED_BY,
                    text=parsed_action.text,
                    owner_text=_cut(parsed_action.owner, 200),
                    owner_member_id=_ref(self._owner(owners, parsed_action.owner)),
                    due=parsed_action.due,
                    not_before=parsed_action.not_before,
                    due_meeting_id=due_meeting,
                )
                continue
            claimed.add(id(row))
            if row.edited:
                continue  # a clerk's edit outlives any re-import
            row.origin_key = key
            row.item = item
            row.text = parsed_action.text
            row.owner_text = _cut(parsed_action.owner, 200)
            owner = self._owner(owners, parsed_action.owner)
            if owner is not None and owner.member is not None:
                row.owner = owner.member
            else:
                row.owner_member_id = owner.member_id if owner is not None else None
            row.due = parsed_action.due
            row.not_before = parsed_action.not_before
            if parsed_action.due_at_meeting is not None:
                row.due_meeting = self.scheduled_meeting(parsed_action.due_at_meeting)
        return len(parsed_actions)

    def _owner(self, owners: MemberDirectory, owner: str | None) -> Person | None:
        if not owner or not looks_like_name(owner) or len(owner.split()) < 2:
            return None
        return owners.resolve(owner, match_key(owner), create=False)

    def _origin_key(self, action: ParsedAction) -> str:
        """Stable identity of an imported action: board, meeting, item and what it asks for."""
        words = " ".join(re.findall(r"[a-z0-9]+", action.text.lower())[:12])
        raw = f"{self.board.id}|{self.parsed.date.isoformat()}|{_fold(action.item_ref)}|{words}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _match_item(parsed: ParsedItem, rows: list[AgendaItem]) -> AgendaItem | None:
    if parsed.number:
        for row in rows:
            if row.number and row.number.rstrip(".") == parsed.number.rstrip("."):
                return row
    title = _fold(parsed.title)
    for row in rows:
        if _fold(row.title) == title:
            return row
    scored = [
        (fuzz.token_sort_ratio(title, _fold(row.title)), row)
        for row in rows
        if not (
            parsed.number and row.number and row.number.rstrip(".") != parsed.number.rstrip(".")
        )
    ]
    scored = [pair for pair in scored if pair[0] >= 88]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def _replace_decisions(row: AgendaItem, parsed: ParsedItem) -> None:
    """The item's resolutions become the printed ones; unchanged rows are kept as they are."""
    by_text = {d.text: d for d in row.decisions}
    kept: list[Decision] = []
    for position, decision in enumerate(parsed.decisions):
        stored = by_text.pop(decision.text, None)
        if stored is None:
            stored = Decision(text=decision.text, kind=DecisionKind(decision.kind))
        stored.kind = DecisionKind(decision.kind)
        stored.position = position
        kept.append(stored)
    row.decisions = kept


def _similar_action(
    parsed: ParsedAction, item: AgendaItem | None, candidates: list[Action]
) -> Action | None:
    """The stored action a reworded follow-up stands for (same item, nearly the same text)."""
    best: tuple[float, Action] | None = None
    for row in candidates:
        if item is not None and row.item is not None and row.item is not item:
            continue
        score = fuzz.token_set_ratio(_fold(parsed.text), _fold(row.text))
        if score >= 85 and (best is None or score > best[0]):
            best = (score, row)
    return best[1] if best else None
