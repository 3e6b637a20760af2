"""The console tests' world (``tests.handlers.builders``) with an attendance record added:
Walker present in March, apologies in June, absent in September; Carr present throughout
and a substitute once on the panel."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage.db import transaction
from storage.models import (
    Attendance,
    AttendanceSource,
    AttendanceStatus,
    Board,
    Meeting,
    MeetingStatus,
    Member,
)
from tests.handlers.builders import Record, build

HELD = (dt.date(2026, 3, 10), dt.date(2026, 6, 9), dt.date(2026, 9, 15))
WALKER = (AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT)


def _row(member: Member, status: AttendanceStatus, substitute_for: str | None = None) -> Attendance:
    return Attendance(
        member_id=member.id,
        name=member.name,
        person_key=member.match_key,
        status=status,
        substitute_for=substitute_for,
        source=AttendanceSource.MINUTES,
    )


def build_with_attendance(factory: sessionmaker[Session]) -> Record:
    record = build(factory)
    with transaction(factory) as session:
        people = {m.name: m for m in session.scalars(select(Member))}
        walker, carr = people["Councillor J Walker"], people["Councillor M Carr"]
        cpb = session.get(Board, record.cpb_id)
        panel = session.get(Board, record.panel_id)
        for date, status in zip(HELD, WALKER, strict=True):
            meeting = Meeting(board=cpb, date=date, status=MeetingStatus.HELD)
            meeting.attendance += [_row(walker, status), _row(carr, AttendanceStatus.PRESENT)]
            session.add(meeting)
        sitting_in = Meeting(board=panel, date=dt.date(2026, 10, 1), status=MeetingStatus.HELD)
        sitting_in.attendance.append(
            _row(carr, AttendanceStatus.SUBSTITUTE, substitute_for="Councillor K Patel")
        )
        session.add(sitting_in)
    return record


def member_id(factory: sessionmaker[Session], name: str) -> int:
    with transaction(factory) as session:
        return session.scalars(select(Member.id).where(Member.name == name)).one()
