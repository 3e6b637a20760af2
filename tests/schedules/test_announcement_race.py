"""Two replicas sending the announcement outbox at once share it and send each announcement once."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter

from sqlalchemy.orm import Session, sessionmaker

from handlers.messages import Reply
from schedules.announcements import send_pending
from schedules.notify import Target
from storage.db import transaction
from storage.models import Board
from storage.sources.tables import Announcement
from tests.conftest import Database
from tests.schedules.racing import race

NOW = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)


class Recorder:
    """A notifier that notes who sent what and takes a moment over each, as a chat API does."""

    def __init__(self, name: str, log: list[tuple[str, str]], lock: threading.Lock) -> None:
        self.name, self.log, self.lock = name, log, lock

    def deliver(self, target: Target, reply: Reply) -> bool:
        with self.lock:
            self.log.append((self.name, reply.text))
        time.sleep(0.02)  # meanwhile the other replica claims the next one
        return True


def test_two_senders_racing_send_each_announcement_once(postgres_db: Database) -> None:
    with transaction(postgres_db.factory) as session:
        board = Board(name="Scrutiny", aliases=[])
        session.add(board)
        session.flush()
        session.add_all(
            Announcement(
                key=f"cancelled:{n}",
                kind="cancelled",
                board_id=board.id,
                facts={"board": "Scrutiny", "date": f"2026-07-{n + 1:02d}", "time": None},
                created_at=NOW,
            )
            for n in range(30)
        )
    log: list[tuple[str, str]] = []
    lock = threading.Lock()
    start = threading.Barrier(2)
    names = iter(["one", "two"])

    def replica(factory: sessionmaker[Session]) -> None:
        with lock:
            name = next(names)
        start.wait(timeout=30)
        send_pending(factory, Recorder(name, log, lock), NOW)

    race(postgres_db.url, 2, replica)

    texts = [text for _, text in log]
    assert len(texts) == 30
    assert Counter(texts).most_common(1)[0][1] == 1
    # Each replica sent some: they shared the outbox rather than one waiting on the other.
    by_replica = Counter(name for name, _ in log)
    assert set(by_replica) == {"one", "two"}, by_replica
