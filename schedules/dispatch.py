"""Sends what is due, each reminder once: claimed by a delivery row (a lease) before sending.

The claim is an INSERT of the reminder's key in its own transaction; if it
fails on the unique constraint another process (or an earlier run) has it.
A claim is a lease, not a one-way flag: it is "claimed" until its claimer
records the outcome, and a claim whose lease has run out (its process died
between claiming and sending) is taken over by whichever process next finds
it, with an UPDATE that only one can win. So a restart re-plans everything
and sends nothing twice, two ``boardclerk run`` processes on one PostgreSQL
database split the work, and a crash mid-send delays a reminder by the lease
rather than losing it (at least once; twice only if the crash came after
Slack had taken the message). The rows themselves are ``storage.deliveries``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import uuid
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from schedules.collapse import SPACING, triage
from schedules.config import ReminderConfig
from schedules.notify import Notifier
from schedules.planning import Planned, Snapshot, load_snapshot, plan
from schedules.wording import build_reply
from storage import deliveries
from storage.deliveries import CLAIMED, SENT, last_sent, settled_keys

log = logging.getLogger(__name__)


@dataclass
class TickReport:
    """What one pass did, by delivery key."""

    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)  # claimed by someone else first
    retried: list[str] = field(default_factory=list)  # a lapsed claim this pass took over


def pending(
    session: Session, start: dt.datetime, end: dt.datetime, config: ReminderConfig
) -> tuple[Snapshot, list[Planned]]:
    """Reminders planned in (start, end] that nobody has claimed (or whose claim lapsed)."""
    snapshot = load_snapshot(session, start, end, config)
    planned = plan(snapshot, start, end, config)
    settled = settled_keys(session, (p.key for p in planned), start)
    return snapshot, [p for p in planned if p.key not in settled]


def replica_name() -> str:
    """This process, as recorded on its claims: host, pid and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"[-100:]


class Dispatcher:
    def __init__(
        self, factory: sessionmaker[Session], notifier: Notifier, config: ReminderConfig
    ) -> None:
        self.factory = factory
        self.notifier = notifier
        self.config = config
        self.name = replica_name()

    def run(self, now: dt.datetime) -> TickReport:
        """Sends everything due by ``now``; missed reminders are sent if still useful."""
        report = TickReport()
        start, horizon = now - self.config.lookback, now + SPACING
        with self.factory() as session:
            snapshot = load_snapshot(session, start, horizon, self.config)
            planned = plan(snapshot, start, horizon, self.config)
            later = [p for p in planned if p.at > now]
            settled = settled_keys(session, (p.key for p in planned if p.at <= now), now)
            due = [p for p in planned if p.at <= now and p.key not in settled]
            recent = last_sent(session, (p.group_key for p in due), now - SPACING)
        for planned_one, reason in triage(due, later, now, recent):
            if reason is not None:
                self._drop(planned_one, now, reason, report)
            elif not planned_one.on_the_day and self.config.is_quiet(
                now.astimezone(self._zone(snapshot, planned_one)).time()
            ):
                report.held.append(planned_one.key)
            else:
                self._send(planned_one, now, report)
        return report

    def _zone(self, snapshot: Snapshot, planned: Planned) -> ZoneInfo:
        board = snapshot.boards.get(planned.board_id or 0)
        return board.zone if board is not None else ZoneInfo(self.config.timezone)

    def _claim(
        self,
        planned: Planned,
        now: dt.datetime,
        outcome: str,
        detail: str | None,
        report: TickReport,
    ) -> bool:
        """Claims ``planned`` (or records it as dropped): a new row, or a lapsed claim taken over."""
        claim = deliveries.Claim(
            outcome=outcome,
            detail=detail,
            claimed_at=now,
            claimed_by=self.name,
            lease_until=now + self.config.lease if outcome == CLAIMED else None,
        )
        reminder = deliveries.Reminder(
            key=planned.key,
            kind=planned.kind.value,
            member_id=planned.member_id,
            meeting_id=planned.meeting_id,
            action_id=planned.action_id,
            due_at=planned.at,
            group_key=planned.group_key,
        )
        if deliveries.claim_new(self.factory, reminder, claim):
            return True
        if not deliveries.take_over_lapsed(self.factory, planned.key, claim):
            report.taken.append(planned.key)
            return False
        log.warning("reminder %s: its claim lapsed (claimer gone?); taken over", planned.key)
        report.retried.append(planned.key)
        return True

    def _finish(self, key: str, outcome: str, now: dt.datetime, detail: str | None) -> None:
        if not deliveries.settle(self.factory, key, self.name, outcome, now, detail):
            log.warning(
                "reminder %s was %s after its lease passed to another process", key, outcome
            )

    def _drop(self, planned: Planned, now: dt.datetime, reason: str, report: TickReport) -> None:
        if self._claim(planned, now, "dropped", reason, report):
            log.info("dropped reminder %s (due %s): %s", planned.key, planned.at, reason)
            report.dropped.append(planned.key)

    def _send(self, planned: Planned, now: dt.datetime, report: TickReport) -> None:
        if not self._claim(planned, now, CLAIMED, None, report):
            return
        try:
            with self.factory() as session:
                reply = build_reply(session, planned, now)
            if reply is None:
                self._finish(planned.key, "dropped", now, "nothing to say any more")
                report.dropped.append(planned.key)
                return
            delivered = self.notifier.deliver(planned.target, reply)
        except Exception as exc:
            log.exception("reminder %s failed", planned.key)
            self._finish(planned.key, "failed", now, f"{type(exc).__name__}: {exc}"[:500])
            report.failed.append(planned.key)
            return
        if delivered:
            self._finish(planned.key, SENT, now, None)
            report.sent.append(planned.key)
        else:
            log.warning("reminder %s: no chat platform could reach %s", planned.key, planned.target)
            self._finish(planned.key, "failed", now, "no chat identity or channel to deliver to")
            report.failed.append(planned.key)
