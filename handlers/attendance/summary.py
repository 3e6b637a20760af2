"""Attendance figures for the console's member and board pages: the same figures as
``boardclerk attendance`` (the whole record), with the last attendance, the six-month
date and any approved absences."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from handlers.attendance.figures import MemberRecord, lapse_date, records, records_from_counts
from storage import attendance_history as attendance
from storage.models import ApprovedAbsence

COVERAGE = (
    "Board Clerk's record covers only the boards it follows: check the authority's full "
    "record before acting on the six-month rule."
)


@dataclass
class Summary:
    """One member's figures, by board and in total, and their six-month-rule dates."""

    record: MemberRecord
    lapses_on: dt.date | None = None
    former: bool = False
    absences: list[ApprovedAbsence] = field(default_factory=list)
    approved_until: dt.date | None = None


def _finish(record: MemberRecord, last: dict[int, dt.date]) -> Summary:
    record.last_attended = last.get(record.member_id)
    lapses = lapse_date(record.last_attended) if record.last_attended else None
    return Summary(record, lapses)


def member_summary(session: Session, member_id: int, name: str, today: dt.date) -> Summary:
    """The member's whole record (every board), last attendance and approved absences."""
    found = records(attendance.attendance_lines(session, member_ids=[member_id]))
    record = found[0] if found else MemberRecord(member_id, name)
    summary = _finish(record, attendance.last_attended(session, today))
    summary.former = member_id in attendance.former_members(session, [member_id], today)
    summary.absences = attendance.absences(session, member_ids=[member_id])
    summary.approved_until = attendance.approved_until(session, today).get(member_id)
    return summary


def board_summary(
    session: Session,
    board_id: int,
    today: dt.date,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Summary]:
    """Each member's figures at this board's meetings (in the period, if given), A to Z;
    their last attendance at any board."""
    counts = attendance.attendance_counts(session, board_ids=[board_id], since=since, until=until)
    found = records_from_counts(counts)
    ids = [r.member_id for r in found]
    last = attendance.last_attended(session, today, ids)
    former = attendance.former_members(session, ids, today)
    ended = attendance.ended_boards(session, ids, today)
    approved = attendance.approved_until(session, today)
    summaries = []
    for record in found:
        summary = _finish(record, last)
        summary.former = record.member_id in former or board_id in ended.get(
            record.member_id, set()
        )
        summary.approved_until = approved.get(record.member_id)
        summaries.append(summary)
    return summaries
