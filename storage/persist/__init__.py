"""Writing a parsed document into the meeting database, idempotently.

One call is one document inside the caller's transaction. The meeting is found
by (board, date) and updated in place, so a newer version of the same minutes
(draft to confirmed, one more resolution) changes what changed and nothing
else: items, decisions, attendance and actions are matched, never duplicated.
Actions keep their status, and an action a clerk has edited is left alone.
The same file twice (same content hash) changes nothing at all.

The steps live beside this module: ``persist_base`` (shared state, meeting and
member lookups, bulk inserts), ``persist_meeting`` (meeting, items, decisions),
``persist_people`` (attendance, board roles) and ``persist_actions``.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from storage.db import HELD_MEMO
from storage.import_summary import ImportSummary
from storage.models import Board, Document, Meeting
from storage.parsed import ParsedDocument
from storage.parsed_errors import DocumentError
from storage.persist.actions import ActionSteps
from storage.persist.base import IMPORTED_BY, BoardRef, table_of
from storage.persist.meeting import MeetingSteps
from storage.persist.people import PeopleSteps
from storage.queries import find_board
from storage.unplaced import replace_passages

__all__ = ["IMPORTED_BY", "ImportSummary", "already_imported", "content_hash", "import_document"]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Writer(MeetingSteps, PeopleSteps, ActionSteps):
    """The steps of one import, sharing the board, the document and the member directory."""


def import_document(
    session: Session,
    parsed: ParsedDocument,
    *,
    board_name_override: str | None = None,
    path: str = "",
    content_hash: str | None = None,
    checked: bool = False,
    known_meeting: Meeting | None = None,
) -> ImportSummary:
    """Store ``parsed`` (minutes or agenda) in ``session``; the caller commits or rolls back.

    ``checked``: the caller has already looked the content hash up (``already_imported``).
    ``known_meeting``: the stored meeting the document is about, when the caller knows it
    by another identity than its date (a council site's own meeting id); it must already
    carry the document's date.
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
    # The meetings are flushed (for their ids) before the new items go in, and whatever
    # changed since at the end. Lookups are answered from what this import already holds
    # where they can be (meetings by date, the member directory).
    with session.no_autoflush:
        if known_meeting is not None:
            writer.adopt(known_meeting)
        writer.load_meetings()
        meeting, created = writer.meeting()
        writer.schedule_next_meeting()
        items = writer.items(meeting)
        attendance = writer.attendance(meeting) if parsed.kind == "minutes" else 0
        if parsed.kind == "agenda":
            writer.membership()
        actions = writer.actions(meeting, items) if parsed.kind == "minutes" else 0
        writer.carry_deferred(items)
        if parsed.kind == "minutes":
            writer.confirm_earlier_minutes(meeting)
        writer.add_later(
            Document,
            path=path,
            content_hash=digest,
            kind=parsed.kind,
            format=parsed.format,
            coverage=parsed.coverage,
            meeting_id=meeting,
        )
    writer.write_new_rows(meeting)
    new = created or meeting.id in writer.no_passages
    replace_passages(session, meeting.id, parsed.kind, parsed.unplaced, new=new)
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
        coverage=parsed.coverage,
        unplaced=list(parsed.unplaced),
    )


def already_imported(session: Session, digest: str, path: str = "") -> ImportSummary | None:
    """The summary of an earlier import of exactly this content, or None."""
    seen = session.execute(_DOCUMENT, {"digest": digest}).first()
    if seen is None:
        return None
    return ImportSummary(
        path=path, board=seen.board, meeting_date=seen.date, kind=seen.kind, unchanged=True
    )


# Plain rows, not objects: every file of an import asks, and nearly every answer is "no".
_DOCUMENTS, _MEETINGS, _BOARDS_TABLE = table_of(Document), table_of(Meeting), table_of(Board)
_DOCUMENT = (
    select(_DOCUMENTS.c.kind, _MEETINGS.c.date, _BOARDS_TABLE.c.name.label("board"))
    .select_from(_DOCUMENTS)
    .outerjoin(_MEETINGS, _MEETINGS.c.id == _DOCUMENTS.c.meeting_id)
    .outerjoin(_BOARDS_TABLE, _BOARDS_TABLE.c.id == _MEETINGS.c.board_id)
    .where(_DOCUMENTS.c.content_hash == bindparam("digest"))
)


def _parsed_hash(parsed: ParsedDocument) -> str:
    return hashlib.sha256(repr(parsed).encode("utf-8")).hexdigest()


def _board(session: Session, name: str) -> BoardRef:
    """The board called ``name``, created if unknown. The sessions of a held connection
    (a bulk import) share a memo: each board found is looked up once, not once a document."""
    name = " ".join(name.split())
    memo = session.info.get(HELD_MEMO)
    found: dict[str, BoardRef] = memo.setdefault(_FOUND_BOARDS, {}) if memo is not None else {}
    wanted = name.lower()
    if wanted in found:
        return found[wanted]
    board = find_board(session, name)
    if board is None:
        board = Board(name=name, aliases=[])
        session.add(board)
        session.flush()
        # Not remembered: this transaction may yet roll back. The next document finds it.
        return BoardRef(board.id, board.name, board.tz)
    found[wanted] = BoardRef(board.id, board.name, board.tz)
    return found[wanted]


_FOUND_BOARDS = "boards"  # in HELD_MEMO: the boards found, by lower-case name
