"""Attendance figures and six-month-rule dates, worked out from plain rows (no database).

Substitutes count as attendance: a member who sat as a substitute attended
that meeting, and the member they stood in for sent apologies. "Expected" is
the meetings a member was listed for in their own right; a substitute's
meetings are extra, so "attended" can exceed "expected".
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from storage.attendance_history import AttendanceCount, AttendanceLine
from storage.models import AttendanceStatus

# Section 85 of the Local Government Act 1972: six consecutive months without attending.
LAPSE_MONTHS = 6
WARNING_MONTHS = (4, 5)


@dataclass
class Tally:
    """One member's figures, for one board or in total."""

    expected: int = 0
    present: int = 0
    apologies: int = 0
    absent: int = 0  # absent without apologies
    substitute: int = 0  # attended as a substitute for someone else

    @property
    def attended(self) -> int:
        return self.present + self.substitute

    @property
    def missed(self) -> int:
        return self.apologies + self.absent

    def add(self, status: AttendanceStatus, times: int = 1) -> None:
        if status == AttendanceStatus.SUBSTITUTE:
            self.substitute += times
            return
        self.expected += times
        if status == AttendanceStatus.PRESENT:
            self.present += times
        elif status == AttendanceStatus.APOLOGIES:
            self.apologies += times
        elif status == AttendanceStatus.ABSENT:
            self.absent += times

    def as_dict(self) -> dict[str, int]:
        return {
            "expected": self.expected,
            "present": self.present,
            "apologies": self.apologies,
            "absent_without_apologies": self.absent,
            "attended_as_substitute": self.substitute,
            "attended": self.attended,
            "missed": self.missed,
        }


@dataclass
class MemberRecord:
    """A member's figures by board (name) and in total, and their last attendance."""

    member_id: int
    name: str
    total: Tally = field(default_factory=Tally)
    boards: dict[str, Tally] = field(default_factory=dict)
    last_attended: dt.date | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "member": self.name,
            "total": self.total.as_dict(),
            "boards": {name: tally.as_dict() for name, tally in sorted(self.boards.items())},
            "last_attended": self.last_attended.isoformat() if self.last_attended else None,
        }


def records(lines: Iterable[AttendanceLine]) -> list[MemberRecord]:
    """Each member's record from their attendance lines, A to Z by name."""
    found: dict[int, MemberRecord] = {}
    for line in lines:
        record = found.setdefault(line.member_id, MemberRecord(line.member_id, line.member_name))
        record.total.add(line.status)
        record.boards.setdefault(line.board_name, Tally()).add(line.status)
        if line.status in (AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTE) and (
            record.last_attended is None or line.date > record.last_attended
        ):
            record.last_attended = line.date
    return sorted(found.values(), key=lambda r: (r.name.lower(), r.member_id))


def records_from_counts(counts: Iterable[AttendanceCount]) -> list[MemberRecord]:
    """The same records as ``records``, from tallies the database counted."""
    found: dict[int, MemberRecord] = {}
    for count in counts:
        record = found.setdefault(count.member_id, MemberRecord(count.member_id, count.member_name))
        record.total.add(count.status, count.count)
        record.boards.setdefault(count.board_name, Tally()).add(count.status, count.count)
        if count.status in (AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTE) and (
            record.last_attended is None or count.latest > record.last_attended
        ):
            record.last_attended = count.latest
    return sorted(found.values(), key=lambda r: (r.name.lower(), r.member_id))


def add_months(date: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    index = date.month - 1 + months
    year, month = date.year + index // 12, index % 12 + 1
    return date.replace(
        year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1])
    )


def lapse_date(last_attended: dt.date) -> dt.date:
    """The day six months after the last attendance: the membership would lapse then."""
    return add_months(last_attended, LAPSE_MONTHS)


@dataclass(frozen=True)
class DueWarning:
    """A six-month-rule warning due for one member: which one (4 or 5 months) and the dates."""

    member_id: int
    months: int
    last_attended: dt.date
    lapses_on: dt.date


def due_warning(
    member_id: int, last: dt.date, today: dt.date, approved_until: dt.date | None
) -> DueWarning | None:
    """The latest warning due by ``today``, or None: not yet four months, already lapsed,
    or an approved absence covers today."""
    lapses_on = lapse_date(last)
    if today >= lapses_on or (approved_until is not None and approved_until >= today):
        return None
    due = [m for m in WARNING_MONTHS if today >= add_months(last, m)]
    return DueWarning(member_id, due[-1], last, lapses_on) if due else None


def year_start(today: dt.date) -> dt.date:
    return today.replace(month=1, day=1)


def month_start(month: int, today: dt.date) -> dt.date:
    """The first of ``month`` most recently begun on or before ``today``."""
    start = dt.date(today.year, month, 1)
    return start if start <= today else dt.date(today.year - 1, month, 1)
