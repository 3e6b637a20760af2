"""Import steps for attendance and the board roles the minutes show (chair, member, ...)."""

from __future__ import annotations

from sqlalchemy import delete, select

from storage.importers.members import MemberDirectory, Person
from storage.importers.model import ParsedAttendee
from storage.importers.persist_base import IMPORTED_BY, WriterBase, cut
from storage.models import (
    Attendance,
    AttendanceSource,
    AttendanceStatus,
    BoardRole,
    Meeting,
    MeetingStatus,
    Member,
    Role,
)

_STATUS = {
    "present": AttendanceStatus.PRESENT,
    "apologies": AttendanceStatus.APOLOGIES,
    "absent": AttendanceStatus.ABSENT,
    "in_attendance": AttendanceStatus.IN_ATTENDANCE,
    "substitute": AttendanceStatus.SUBSTITUTE,
}


class PeopleSteps(WriterBase):
    _roles_held: dict[str, set[Role]] | None = None

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
                    substitute_for=cut(person.substitute_for, 200),
                    reason=person.reason,
                    note=cut(person.note, 300),
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
            row.substitute_for = cut(person.substitute_for, 200)
            row.reason = person.reason
            row.note = cut(person.note, 300)
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
