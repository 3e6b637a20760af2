"""Two ``boardclerk run`` processes on one PostgreSQL database send each reminder once."""

from __future__ import annotations

import threading
from collections import Counter

from sqlalchemy.orm import Session, sessionmaker

from handlers.messages import Reply
from schedules.config import ReminderConfig
from schedules.dispatch import Dispatcher, TickReport
from schedules.notify import Target
from storage.db import transaction
from storage.models import Role
from tests.conftest import Database
from tests.schedules import world
from tests.schedules.racing import race
from tests.schedules.world import local, utc


class MeetingUp:
    """Records deliveries; each dispatcher's first delivery waits until the other has one too."""

    def __init__(self, barrier: threading.Barrier, log: list[str]) -> None:
        self.barrier = barrier
        self.log = log
        self.first = True

    def deliver(self, target: Target, reply: Reply) -> bool:
        if self.first:
            self.first = False
            self.barrier.wait(timeout=30)
        self.log.append(f"{target.member_id}:{reply.intent}")
        return True


def test_two_dispatchers_racing_send_each_reminder_once(postgres_db: Database) -> None:
    with transaction(postgres_db.factory) as session:
        people = {f"Councillor {n}": Role.MEMBER for n in range(20)}
        board, _ = world.board(session, people=people)
        for day in (2, 3, 4):
            world.meeting(session, board, local(2026, 12, day, 15))
    barrier = threading.Barrier(2)
    sent: list[str] = []
    reports: list[TickReport] = []

    def run(factory: sessionmaker[Session]) -> None:
        dispatcher = Dispatcher(factory, MeetingUp(barrier, sent), ReminderConfig())
        reports.append(dispatcher.run(utc(2026, 12, 1, 9)))

    race(postgres_db.url, 2, run)

    assert len(reports) == 2
    keys = [key for report in reports for key in report.sent]
    assert len(keys) == 60  # 3 meetings x 20 members, the latest reminder of each
    assert Counter(keys).most_common(1)[0][1] == 1
    assert len(sent) == 60
    assert all(report.sent for report in reports)  # both did some of the work
    assert any(report.taken for report in reports)  # and they did collide
