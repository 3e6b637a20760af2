"""Six-month-rule warnings: at four and five months, to the member and the clerk, once each."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from handlers.messages import Reply
from schedules.attendance_warnings import AttendanceWarnings, WarningReport
from schedules.notify import RecordingNotifier, Target
from schedules.scheduler import ReminderService
from storage.attendance_history import absence_by_id, approve_absence, withdraw_absence
from storage.db import transaction
from storage.directory import add_member, board_named, end_roles, give_role, member_named
from storage.models import Role
from tests.conftest import Database
from tests.schedules.racing import race
from tests.storage.attendance_series import BOARD, Minuted, import_series

OTHERS = [
    ("A", "Adams"),
    ("B", "Bhatti"),
    ("C", "Cole"),
    ("D", "Doyle"),
    ("E", "Evans"),
    ("F", "Fox"),
    ("G", "Grant"),
    ("H", "Hughes"),
    ("I", "Iqbal"),
    ("J", "Jones"),
    ("K", "Khan"),
    ("L", "Lloyd"),
]
SERIES = [
    Minuted(dt.date(2026, 2, 10), ["M Carr", "J A Walker"]),
    Minuted(dt.date(2026, 3, 10), ["M Carr", "J A Walker"]),
    Minuted(dt.date(2026, 4, 14), ["M Carr"], apologies=["J A Walker"]),
    Minuted(dt.date(2026, 5, 12), ["M Carr"], apologies=["J A Walker"]),
    Minuted(dt.date(2026, 6, 9), ["M Carr"], absent=["J A Walker"]),
]
FOUR_MONTHS = dt.datetime(2026, 7, 10, 9, 0, tzinfo=dt.UTC)
FIVE_MONTHS = dt.datetime(2026, 8, 11, 9, 0, tzinfo=dt.UTC)


def _build(db: Database, folder: Path, series: list[Minuted] = SERIES) -> dict[str, int]:
    import_series(db.factory, folder, series)
    with transaction(db.factory) as session:
        add_member(session, "Ms P Clerk", board=board_named(session, BOARD), role=Role.CLERK)
        return {
            name: member_named(session, name).id for name in ("J A Walker", "M Carr", "P Clerk")
        }


def _who(notifier: RecordingNotifier) -> list[int | None]:
    return sorted(target.member_id for target, _ in notifier.sent)


@pytest.fixture
def people(sqlite_db: Database, tmp_path: Path) -> dict[str, int]:
    return _build(sqlite_db, tmp_path)


def test_at_four_months_the_member_and_the_clerk_each_get_one_warning(
    sqlite_db: Database, people: dict[str, int]
) -> None:
    notifier = RecordingNotifier()
    warnings = AttendanceWarnings(sqlite_db.factory, notifier)

    first = warnings.run(FOUR_MONTHS)
    again = warnings.run(FOUR_MONTHS + dt.timedelta(hours=1))

    assert _who(notifier) == sorted([people["J A Walker"], people["P Clerk"]])
    assert len(first.sent) == 2 and again.sent == []
    to_member = next(r for t, r in notifier.sent if t.member_id == people["J A Walker"])
    assert to_member.text.startswith("Your last attendance recorded here was 10 March 2026.")
    assert "10 September 2026" in to_member.text
    to_clerk = next(r for t, r in notifier.sent if t.member_id == people["P Clerk"])
    assert to_clerk.text.startswith("Councillor J A Walker's last attendance recorded here")
    for _, reply in notifier.sent:
        assert "covers only the boards it follows" in reply.text
        assert "ceased" not in reply.text and "is no longer" not in reply.text


def test_before_four_months_nothing_is_sent(sqlite_db: Database, people: dict[str, int]) -> None:
    notifier = RecordingNotifier()
    AttendanceWarnings(sqlite_db.factory, notifier).run(FOUR_MONTHS - dt.timedelta(days=2))
    assert notifier.sent == []


def test_at_five_months_a_second_warning_and_after_six_none(
    sqlite_db: Database, people: dict[str, int]
) -> None:
    notifier = RecordingNotifier()
    warnings = AttendanceWarnings(sqlite_db.factory, notifier)
    warnings.run(FOUR_MONTHS)
    warnings.run(FIVE_MONTHS)
    warnings.run(FIVE_MONTHS + dt.timedelta(days=3))
    warnings.run(dt.datetime(2026, 9, 12, 9, 0, tzinfo=dt.UTC))  # six months on: no more

    assert len(notifier.sent) == 4
    assert [r.title for _, r in notifier.sent][-1] == (
        "Attendance: 5 months since the last recorded attendance"
    )


def test_attending_again_silences_the_warnings_at_once(
    sqlite_db: Database, people: dict[str, int], tmp_path: Path
) -> None:
    notifier = RecordingNotifier()
    warnings = AttendanceWarnings(sqlite_db.factory, notifier)
    warnings.run(FOUR_MONTHS)
    import_series(
        sqlite_db.factory, tmp_path / "later", [Minuted(dt.date(2026, 7, 14), ["J A Walker"])]
    )

    warnings.run(FIVE_MONTHS)

    assert len(notifier.sent) == 2  # only the four-month pair, from before


def test_an_approved_absence_silences_the_warnings(
    sqlite_db: Database, people: dict[str, int]
) -> None:
    with transaction(sqlite_db.factory) as session:
        walker = member_named(session, "J A Walker")
        approve_absence(
            session, walker, dt.date(2026, 12, 31), "illness", today=dt.date(2026, 7, 1)
        )
    notifier = RecordingNotifier()
    warnings = AttendanceWarnings(sqlite_db.factory, notifier)
    warnings.run(FOUR_MONTHS)
    warnings.run(FIVE_MONTHS)
    assert notifier.sent == []


@pytest.mark.dates
def test_withdrawing_the_approved_absence_makes_the_warnings_resume(
    sqlite_db: Database, people: dict[str, int]
) -> None:
    with transaction(sqlite_db.factory) as session:
        walker = member_named(session, "J A Walker")
        absence_id = approve_absence(
            session, walker, dt.date(2026, 12, 31), "illness", today=dt.date(2026, 7, 1)
        ).id
    notifier = RecordingNotifier()
    warnings = AttendanceWarnings(sqlite_db.factory, notifier)
    warnings.run(FOUR_MONTHS)
    assert notifier.sent == []

    with transaction(sqlite_db.factory) as session:
        absence = absence_by_id(session, absence_id)
        withdraw_absence(session, absence, by="Ms P Clerk", now=FOUR_MONTHS)
    warnings.run(FOUR_MONTHS + dt.timedelta(hours=1))

    assert _who(notifier) == sorted([people["J A Walker"], people["P Clerk"]])


@pytest.mark.dates
def test_a_former_member_whose_role_ended_is_not_warned(
    sqlite_db: Database, people: dict[str, int]
) -> None:
    with transaction(sqlite_db.factory) as session:
        walker = member_named(session, "J A Walker")
        end_roles(session, walker, board_named(session, BOARD), dt.date(2026, 6, 30))
    notifier = RecordingNotifier()
    AttendanceWarnings(sqlite_db.factory, notifier).run(FOUR_MONTHS)
    AttendanceWarnings(sqlite_db.factory, notifier).run(FIVE_MONTHS)
    assert notifier.sent == []


@pytest.mark.dates
def test_a_role_ending_later_still_warns_and_given_again_warns_again(
    sqlite_db: Database, people: dict[str, int]
) -> None:
    with transaction(sqlite_db.factory) as session:
        walker = member_named(session, "J A Walker")
        board = board_named(session, BOARD)
        end_roles(session, walker, board, dt.date(2026, 8, 1))
    notifier = RecordingNotifier()
    AttendanceWarnings(sqlite_db.factory, notifier).run(FOUR_MONTHS)  # still a member
    assert len(notifier.sent) == 2
    AttendanceWarnings(sqlite_db.factory, notifier).run(FIVE_MONTHS)  # left on 1 August
    assert len(notifier.sent) == 2
    with transaction(sqlite_db.factory) as session:
        give_role(
            session, member_named(session, "J A Walker"), board_named(session, BOARD), Role.MEMBER
        )
    AttendanceWarnings(sqlite_db.factory, notifier).run(FIVE_MONTHS + dt.timedelta(hours=1))
    assert len(notifier.sent) == 4


@pytest.mark.dates
def test_the_clerk_of_a_board_the_member_left_is_not_told(
    sqlite_db: Database, people: dict[str, int], tmp_path: Path
) -> None:
    # Walker also sits on Licensing, whose clerk is told; Planning (left) has its clerk silent.
    import_series(
        sqlite_db.factory,
        tmp_path / "licensing",
        [Minuted(dt.date(2026, 2, 3), ["J A Walker"])],
        board="Licensing Committee",
    )
    with transaction(sqlite_db.factory) as session:
        licensing = board_named(session, "Licensing Committee")
        other_clerk = add_member(session, "Mr L Clerk", board=licensing, role=Role.CLERK).id
        end_roles(
            session,
            member_named(session, "J A Walker"),
            board_named(session, BOARD),
            dt.date(2026, 6, 30),
        )
    notifier = RecordingNotifier()
    AttendanceWarnings(sqlite_db.factory, notifier).run(FOUR_MONTHS)
    assert _who(notifier) == sorted([people["J A Walker"], other_clerk])


def test_the_service_that_boardclerk_run_starts_sends_them(
    sqlite_db: Database, people: dict[str, int]
) -> None:
    notifier = RecordingNotifier()
    service = ReminderService(sqlite_db.factory, notifier)
    report = service.attendance_warnings(FOUR_MONTHS)
    assert len(report.sent) == 2


class MeetingUp:
    """Each replica's first delivery waits for the other's, so their claims collide."""

    def __init__(self, barrier: threading.Barrier, log: list[int | None]) -> None:
        self.barrier = barrier
        self.log = log
        self.first = True

    def deliver(self, target: Target, reply: Reply) -> bool:
        if self.first:
            self.first = False
            self.barrier.wait(timeout=30)
        self.log.append(target.member_id)
        return True


def test_two_replicas_send_each_warning_once(postgres_db: Database, tmp_path: Path) -> None:
    # A second board (no clerk) whose members all last attended on 10 March.
    others = Minuted(dt.date(2026, 3, 10), [f"{initial} {surname}" for initial, surname in OTHERS])
    import_series(postgres_db.factory, tmp_path / "other", [others], board="Licensing Committee")
    people = _build(postgres_db, tmp_path, SERIES)
    barrier = threading.Barrier(2)
    sent: list[int | None] = []
    reports: list[WarningReport] = []

    def run(factory: sessionmaker[Session]) -> None:
        reports.append(AttendanceWarnings(factory, MeetingUp(barrier, sent)).run(FOUR_MONTHS))

    race(postgres_db.url, 2, run)

    keys = [key for report in reports for key in report.sent]
    assert len(keys) == 14  # 13 members (Walker and the 12) + the clerk, about Walker
    assert Counter(keys).most_common(1)[0][1] == 1
    assert Counter(sent)[people["P Clerk"]] == 1
    assert any(report.taken for report in reports)
