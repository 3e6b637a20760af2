"""A board's attendance counted by the database (the console's board page) gives the same
figures as its rows counted one by one, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from handlers.attendance.figures import records, records_from_counts
from storage import attendance_history as attendance
from tests.conftest import Database
from tests.storage.attendance_series import import_series
from tests.storage.test_attendance import SERIES


def test_counted_figures_are_the_figures_of_the_rows(db: Database, tmp_path: Path) -> None:
    import_series(db.factory, tmp_path, SERIES)

    with db.factory() as session:
        for since in (None, dt.date(2026, 2, 1)):
            lines = attendance.attendance_lines(session, since=since)
            counts = attendance.attendance_counts(session, since=since)
            assert records_from_counts(counts) == records(lines)
        okafor = next(r for r in records_from_counts(counts) if r.name.endswith("B Okafor"))
        assert (okafor.total.expected, okafor.total.apologies, okafor.last_attended) == (
            2,
            1,
            dt.date(2026, 3, 10),
        )


def test_last_attendance_only_of_the_members_asked_about(db: Database, tmp_path: Path) -> None:
    import_series(db.factory, tmp_path, SERIES)

    with db.factory() as session:
        everyone = attendance.last_attended(session, dt.date(2026, 12, 31))
        [walker] = [r.member_id for r in records(attendance.attendance_lines(session))
                    if r.name.endswith("Walker")]  # fmt: skip
        only = attendance.last_attended(session, dt.date(2026, 12, 31), [walker])

    assert len(everyone) == 4 and only == {walker: dt.date(2026, 2, 10)}
