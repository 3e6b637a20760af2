"""Quorum counts substitutes: one sitting for a member with apologies keeps the seat filled."""

from __future__ import annotations

import datetime as dt

from storage.attendance import quorum_shortfall
from storage.db import transaction
from storage.directory import add_board, add_member
from storage.models import Attendance, AttendanceSource, AttendanceStatus, Meeting, Role
from tests.conftest import Database


def test_a_substitutes_own_row_covers_the_member_they_sit_for(sqlite_db: Database) -> None:
    with transaction(sqlite_db.factory) as session:
        board = add_board(session, "Planning Committee", quorum=2)
        members = [
            add_member(session, f"Councillor {name}", board=board, role=Role.MEMBER)
            for name in ("M Carr", "J A Walker", "B Okafor")
        ]
        meeting = Meeting(board=board, date=dt.date(2026, 12, 2))
        session.add(meeting)
        for member in members[1:]:
            meeting.attendance.append(
                Attendance(
                    member=member,
                    name=member.name,
                    person_key=member.match_key,
                    status=AttendanceStatus.APOLOGIES,
                    source=AttendanceSource.CHAT,
                )
            )
        session.flush()
        assert quorum_shortfall(session, meeting) == (1, 2)

        meeting.attendance.append(
            Attendance(
                name="Councillor R Hellaoui",
                person_key="r hellaoui",
                status=AttendanceStatus.SUBSTITUTE,
                substitute_for="Councillor B Okafor",
                source=AttendanceSource.CLERK,
            )
        )
        session.flush()
        assert quorum_shortfall(session, meeting) is None
