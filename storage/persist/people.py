"""Import steps for attendance and the board roles the minutes show (chair, member, ...).

The chair and vice-chair come from the latest minutes that list who attended:
minutes without an attendance list, agendas and older minutes leave them alone.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, delete, update

from storage.member_match import MemberDirectory, Person
from storage.models import (
    PRESIDING_ROLES,
    Attendance,
    AttendanceSource,
    AttendanceStatus,
    BoardRole,
    Meeting,
    Role,
)
from storage.parsed import ParsedAttendee
from storage.persist.base import IMPORTED_BY, Holding, WriterBase, cut, table_of

_STATUS = {
    "present": AttendanceStatus.PRESENT,
    "apologies": AttendanceStatus.APOLOGIES,
    "absent": AttendanceStatus.ABSENT,
    "in_attendance": AttendanceStatus.IN_ATTENDANCE,
    "substitute": AttendanceStatus.SUBSTITUTE,
}


class PeopleSteps(WriterBase):
    _roles_held: dict[str, set[Role]] | None = None
    _holders: list[Holding]  # the board's chairs and vice-chairs, read with the roles
    _presiding: dict[Role, Person]  # chair and vice-chair as these minutes name them

    def attendance(self, meeting: Meeting) -> int:
        """Who attended, as the minutes list them; minutes without a list change nothing."""
        people = list(self.parsed.attendance)
        if not people:
            return 0
        directory = self.directory()
        rows = {row.person_key: row for row in meeting.attendance}
        written: set[str] = set()
        self._presiding = {}
        self._people(meeting, people, directory, rows, written)
        for key, row in list(rows.items()):
            if key not in written and row.source == AttendanceSource.MINUTES:
                meeting.attendance.remove(row)  # dropped from a newer version of the minutes
        if self._presiding:
            self._load_roles()
            self._settle_presiding(meeting.date)
        return len(written)

    def membership(self) -> int:
        """The board's members as an agenda lists them: each holds a member role, and the
        clerk who signs it the clerk's. Who chairs is left to minutes (an agenda's "(Chair)"
        may be out of date)."""
        directory = self.directory()
        count = 0
        for person in self.parsed.membership:
            member = directory.resolve(person.name, person.match_key)
            if member is None:
                continue
            have = self._roles_of(member.key)
            note = (person.note or "").lower()
            role = Role.CLERK if "official" in note else Role.MEMBER
            role = Role.CO_OPTED if "co-opted" in note else role
            if not have & {Role.MEMBER, Role.CHAIR, Role.VICE_CHAIR, Role.CO_OPTED, role}:
                self.add_later(BoardRole, board_id=self.board.id, member_id=member.ref, role=role)
                have.add(role)
            count += 1
        return count

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
                    self._roles(member, person)
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
                self._roles(member, person)

    def _roles(self, member: Person, person: ParsedAttendee) -> None:
        wanted: list[Role] = []
        note = (person.note or "").lower()
        if person.role == "chair":
            self._presiding.setdefault(Role.CHAIR, member)
        elif person.role == "vice-chair":
            self._presiding.setdefault(Role.VICE_CHAIR, member)
        if "co-opted" in note:
            wanted.append(Role.CO_OPTED)
        elif person.status == "substitute":
            wanted.append(Role.SUBSTITUTE)
        elif person.status in {"present", "apologies", "absent"}:
            wanted.append(Role.MEMBER)
        elif person.status == "in_attendance" and "official" in note:
            wanted.append(Role.OFFICER)
        have = self._roles_of(member.key)
        for role in wanted:
            if role not in have:
                self.add_later(BoardRole, board_id=self.board.id, member_id=member.ref, role=role)
                have.add(role)

    def _roles_of(self, key: str) -> set[Role]:
        return self._load_roles().setdefault(key, set())

    def _load_roles(self) -> dict[str, set[Role]]:
        """Roles on this board by member match key, and who presides; read with the directory."""
        if self._roles_held is None:
            self.directory()
            self._roles_held = {}
            self._holders = []
            for holding in self.held:
                self._roles_held.setdefault(holding.match_key, set()).add(holding.role)
                if holding.role in PRESIDING_ROLES:
                    self._holders.append(holding)
        return self._roles_held

    def _settle_presiding(self, date: dt.date) -> None:
        """The minutes' chair and vice-chair hold the role now, unless a newer record says otherwise.

        A newer record is a role dated after this meeting, or set by a clerk on its date.
        Taking one of the two roles gives up the other (nobody is both).
        """
        for role, member in self._presiding.items():
            holders = [h for h in self._holders if h.role == role]
            if any(_outranks(h, date) for h in holders):
                continue
            other = PRESIDING_ROLES[role]
            stale = [h for h in holders if h.match_key != member.key]
            if self._presiding.get(other) is not member:
                stale += [
                    h
                    for h in self._holders
                    if h.role == other and h.match_key == member.key and not _outranks(h, date)
                ]
            if stale:
                self.session.connection().execute(_DROP_ROLES, {"ids": [h.id for h in stale]})
            for holder in stale:
                self._roles_of(holder.match_key).discard(holder.role)
            mine = [h for h in holders if h.match_key == member.key]
            if mine and (mine[0].as_of, mine[0].set_by) != (date, IMPORTED_BY):
                self.session.connection().execute(
                    _DATE_ROLE, {"role_id": mine[0].id, "date": date, "by": IMPORTED_BY}
                )
            elif not mine:
                self.add_later(
                    BoardRole,
                    board_id=self.board.id,
                    member_id=member.ref,
                    role=role,
                    as_of=date,
                    set_by=IMPORTED_BY,
                )
                self._roles_of(member.key).add(role)


# Built once: building an UPDATE costs about as much as running it.
_ROLES = table_of(BoardRole)
_DROP_ROLES = delete(_ROLES).where(_ROLES.c.id.in_(bindparam("ids", expanding=True)))
_DATE_ROLE = (
    update(_ROLES)
    .where(_ROLES.c.id == bindparam("role_id"))
    .values(as_of=bindparam("date"), set_by=bindparam("by"))
)


def _outranks(holder: Holding, date: dt.date) -> bool:
    """Does this holding come from a newer record than minutes of ``date``?"""
    if holder.as_of is None:
        return False  # held before roles were dated: any minutes may update it
    return bool(holder.as_of > date or (holder.as_of == date and holder.set_by != IMPORTED_BY))
