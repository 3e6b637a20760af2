"""Two reminder replicas, real processes on one PostgreSQL database; one is killed mid-send.

The replica that claims the reminder first hangs posting it to (fake) Slack
and is killed with SIGKILL; the other delivers it once the lease lapses, and
only once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import queue
import signal
import subprocess
import sys
import threading
from typing import Any

from sqlalchemy import select

from storage.db import transaction
from storage.models import ChatIdentity, Delivery, Role
from tests.bot.slack.fake_slack import FakeSlack
from tests.conftest import REPO, Database
from tests.schedules import world

LEASE = dt.timedelta(seconds=5)
WAIT = 120.0  # generous: a loaded machine starts Python processes slowly


class Replica:
    """A ``tests.schedules.replica`` process and the tick reports it prints."""

    def __init__(self, database_url: str, slack_api_url: str, token: str) -> None:
        env = {
            **os.environ,
            "BOARDCLERK_DATABASE_URL": database_url,
            "SLACK_BOT_TOKEN": token,
            "SLACK_API_URL": slack_api_url,
            "BOARDCLERK_REMINDER_OFFSETS": "2h",
            "BOARDCLERK_REMINDER_LEASE": f"{LEASE.total_seconds():g}s",
        }
        self.token = token
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.schedules.replica", "0.2"],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.ticks: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.ticks.put(json.loads(line))

    def next_tick(self) -> dict[str, Any]:
        return self.ticks.get(timeout=WAIT)

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=WAIT)


def the_delivery(db: Database) -> Delivery:
    with db.factory() as session:
        return session.scalars(select(Delivery)).one()


def test_a_reminder_claimed_by_a_killed_replica_is_delivered_once_by_the_other(
    postgres_db: Database,
) -> None:
    starts = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0) + dt.timedelta(minutes=90)
    with transaction(postgres_db.factory) as session:
        board, members = world.board(session, people={"Councillor J Walker": Role.MEMBER})
        session.add(
            ChatIdentity(member=members["Councillor J Walker"], platform="slack", user_id="UWALKER")
        )
        world.meeting(session, board, starts)  # its 2-hour reminder is half an hour late
    fake_slack = FakeSlack()
    fake_slack.hang_once("chat.postMessage")
    fake_slack.start()
    replicas: list[Replica] = []
    try:
        for token in ("xoxb-one", "xoxb-two"):
            replicas.append(Replica(postgres_db.url, fake_slack.api_url, token))
        [hung] = fake_slack.wait_for("chat.postMessage (hung)", timeout=WAIT)
        claimer = next(r for r in replicas if hung.headers["authorization"].endswith(r.token))
        claimer.kill()
        [survivor] = [r for r in replicas if r is not claimer]
        left = the_delivery(postgres_db)
        assert left.outcome == "claimed" and left.lease_until is not None
        assert str(claimer.process.pid) in (left.claimed_by or "")

        [delivered] = fake_slack.wait_for("chat.postMessage", timeout=WAIT)
        # Every tick of the survivor up to the one that sent it, and five more: no second send.
        ticks: list[dict[str, Any]] = []
        while not any(tick["sent"] for tick in ticks):
            ticks.append(survivor.next_tick())
        ticks += [survivor.next_tick() for _ in range(5)]
    finally:
        for replica in replicas:
            replica.kill()
        fake_slack.stop()

    assert delivered.headers["authorization"] == f"Bearer {survivor.token}"
    assert "Corporate Parenting Board meets" in delivered.text
    assert len(fake_slack.called("chat.postMessage")) == 1
    assert sum(len(tick["sent"]) for tick in ticks) == 1
    assert sum(len(tick["retried"]) for tick in ticks) == 1
    row = the_delivery(postgres_db)
    assert (row.outcome, row.attempts) == ("sent", 2)
    assert str(survivor.process.pid) in (row.claimed_by or "")
    assert row.sent_at is not None and row.sent_at >= left.lease_until
