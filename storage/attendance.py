"""Attendance rows: apologies recorded from chat, withdrawn, undone and listed; the quorum
they leave; and a member's own row at each meeting.

One row per person per meeting (status ``apologies``, source ``chat``). A named
substitute is kept on the apologising member's own row as the note
"substitute: Cllr Hellaoui", so the clerk sees both on one line; the
substitute gets no row of their own until the minutes say they came.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.boards import voting_member_ids
from storage.models import (
    Attendance,
    AttendanceSource,
    AttendanceStatus,
    Delivery,
    Meeting,
    Member,
)
from storage.names import match_key

SUBSTITUTE_NOTE = "substitute: "
_SNAPSHOT_FIELDS = ("status", "reason", "note", "source", "substitute_for", "recorded_by", "name")


def find_row(session: Session, meeting: Meeting, person_key: str) -> Attendance | None:
    return session.scalars(
        select(Attendance).where(
            Attendance.meeting_id == meeting.id, Attendance.person_key == person_key
        )
    ).one_or_none()


def snapshot(row: Attendance | None) -> dict[str, Any] | None:
    """The row's state as plain values, for an Undo button to restore."""
    if row is None:
        return None
    state = {name: getattr(row, name) for name in _SNAPSHOT_FIELDS}
    state["status"] = str(row.status)
    state["source"] = str(row.source)
    state["member_id"] = row.member_id
    return state


def substitute_of(row: Attendance) -> str | None:
    if row.note and row.note.startswith(SUBSTITUTE_NOTE):
        return row.note[len(SUBSTITUTE_NOTE) :]
    return None


def record_apology_row(
    session: Session,
    meeting: Meeting,
    member: Member,
    *,
    reason: str | None,
    substitute: str | None,
    recorded_by: str,
    now: dt.datetime,
    source: AttendanceSource = AttendanceSource.CHAT,
) -> tuple[Attendance, dict[str, Any] | None]:
    """Record ``member``'s apologies; a second apology updates the one row.

    ``source`` says how they came (chat, a reply by email, the clerk), for the console.

    Returns the row and its state before, for Undo. A repeat without a reason
    keeps the reason already given.
    """
    row = find_row(session, meeting, member.match_key)
    before = snapshot(row)
    if row is None:
        row = Attendance(
            meeting=meeting,
            member_id=member.id,
            name=member.name,
            person_key=member.match_key,
            status=AttendanceStatus.APOLOGIES,
            source=source,
        )
        session.add(row)
    elif row.status is not AttendanceStatus.APOLOGIES:
        row.reason = None
        row.note = None
    row.status = AttendanceStatus.APOLOGIES
    row.source = source
    if reason:
        row.reason = reason
    if substitute:
        row.note = f"{SUBSTITUTE_NOTE}{substitute}"[:300]
    row.recorded_at = now
    row.recorded_by = recorded_by
    session.flush()
    return row, before


def remove(session: Session, row: Attendance) -> dict[str, Any] | None:
    """Withdraw apologies: the row goes, and its state is returned for Undo."""
    before = snapshot(row)
    session.delete(row)
    session.flush()
    return before


def restore(
    session: Session,
    meeting: Meeting,
    person_key: str,
    state: dict[str, Any] | None,
    now: dt.datetime,
) -> Attendance | None:
    """Put a person's row back as ``state`` (None: no row at all)."""
    row = find_row(session, meeting, person_key)
    if state is None:
        if row is not None:
            session.delete(row)
            session.flush()
        return None
    if row is None:
        row = Attendance(meeting=meeting, person_key=person_key, name=str(state["name"]))
        session.add(row)
    member_id = state.get("member_id")
    row.member_id = member_id if isinstance(member_id, int) else None
    row.status = AttendanceStatus(state["status"])
    row.source = AttendanceSource(state["source"])
    for name in ("reason", "note", "substitute_for", "recorded_by"):
        value = state.get(name)
        setattr(row, name, value if isinstance(value, str) else None)
    row.recorded_at = now
    session.flush()
    return row


def apologies_for(session: Session, meeting: Meeting) -> list[Attendance]:
    """Everyone with apologies for ``meeting``, in the order they were recorded."""
    return list(
        session.scalars(
            select(Attendance)
            .where(
                Attendance.meeting_id == meeting.id,
                Attendance.status == AttendanceStatus.APOLOGIES,
            )
            .order_by(Attendance.recorded_at, Attendance.id)
        )
    )


def quorum_shortfall(session: Session, meeting: Meeting) -> tuple[int, int] | None:
    """(expected attendees, quorum) when apologies leave the meeting inquorate, else None.

    Expected: the board's chair, vice-chair, members and co-opted members, less
    those with apologies and no substitute (named with the apology, or on a row of their own).
    """
    quorum = meeting.board.quorum
    if not quorum:
        return None
    voting = voting_member_ids(session, meeting.board_id)
    # A substitute's own row ("Cllr X (substitute for Cllr Y)") covers Y as a named one does.
    covered = {
        match_key(row.substitute_for)
        for row in meeting.attendance
        if row.status == AttendanceStatus.SUBSTITUTE and row.substitute_for
    }
    away = {
        row.member_id
        for row in apologies_for(session, meeting)
        if row.member_id in voting and substitute_of(row) is None and row.person_key not in covered
    }
    expected = len(voting - away)
    return (expected, quorum) if expected < quorum else None


def claim_quorum_warning(session: Session, meeting: Meeting, now: dt.datetime) -> bool:
    """True the first time a quorum warning is claimed for ``meeting``; never again after."""
    key = f"quorum-warning:{meeting.id}"
    if session.scalars(select(Delivery.id).where(Delivery.key == key)).first() is not None:
        return False
    try:
        with session.begin_nested():
            session.add(
                Delivery(
                    key=key,
                    kind="quorum-warning",
                    meeting_id=meeting.id,
                    due_at=now,
                    claimed_at=now,
                    sent_at=now,
                    outcome="sent",
                    detail="told the board's clerks with an apology's notices",
                )
            )
    except IntegrityError:  # another message claimed it at the same moment
        return False
    return True


def own_rows(session: Session, member: Member, meeting_ids: Iterable[int]) -> dict[int, Attendance]:
    """The member's own attendance row at each of these meetings, by meeting id.

    Their row by member id, or by name key where the minutes named them before
    they were linked.
    """
    return {
        row.meeting_id: row
        for row in session.scalars(
            select(Attendance).where(
                or_(Attendance.member_id == member.id, Attendance.person_key == member.match_key),
                Attendance.meeting_id.in_(list(meeting_ids)),
            )
        )
    }
