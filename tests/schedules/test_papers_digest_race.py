"""Two ``boardclerk run`` replicas on one PostgreSQL database send each member one digest."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from handlers.messages import Reply
from schedules.config import ReminderConfig
from schedules.notify import Target
from schedules.papers_digest import PapersDigests, PapersReport
from storage.db import transaction
from storage.models import Board, BoardRole, Member, Role
from tests.conftest import Database
from tests.ingest.moderngov.council import LATER
from tests.ingest.moderngov.fake_moderngov import FakeModernGov
from tests.schedules.racing import race
from tests.schedules.test_papers_digest import published


class MeetUp:
    """Records deliveries; each replica's first delivery waits until the other has one too."""

    def __init__(self, barrier: threading.Barrier, log: list[tuple[int, str]]) -> None:
        self.barrier, self.log, self.first = barrier, log, True

    def deliver(self, target: Target, reply: Reply) -> bool:
        if self.first:
            self.first = False
            self.barrier.wait(timeout=30)
        assert target.member_id is not None
        self.log.append((target.member_id, reply.intent))
        return True


def test_two_replicas_racing_send_each_member_the_digest_once(
    postgres_db: Database, site: FakeModernGov
) -> None:
    published(postgres_db, site)
    with transaction(postgres_db.factory) as session:
        board = session.scalars(select(Board)).one()
        for n in range(20):
            member = Member(name=f"Councillor Extra {n}", match_key=f"extra {n}")
            session.add_all([member, BoardRole(board=board, member=member, role=Role.MEMBER)])
    barrier = threading.Barrier(2)
    sent: list[tuple[int, str]] = []
    reports: list[PapersReport] = []

    def replica(factory: sessionmaker[Session]) -> None:
        digests = PapersDigests(factory, MeetUp(barrier, sent), ReminderConfig())
        reports.append(digests.run(LATER + dt.timedelta(minutes=1)))

    race(postgres_db.url, 2, replica)

    assert len(reports) == 2
    assert len(sent) == 24 and {intent for _, intent in sent} == {"papers.digest"}
    assert Counter(member for member, _ in sent).most_common(1)[0][1] == 1
    assert all(report.sent for report in reports)  # both did some of the work
    assert any(report.taken for report in reports)  # and they did collide
