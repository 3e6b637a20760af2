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
Slack had taken the message).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import CursorResult, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from schedules.collapse import SPACING, triage
from schedules.config import ReminderConfig
from schedules.content import build_reply
from schedules.notify import Notifier
from schedules.planning import Planned, Snapshot, load_snapshot, plan
from storage.db import transaction
from storage.models import Delivery

log = logging.getLogger(__name__)

CLAIMED = "claimed"
CHUNK = 500


@dataclass
class TickReport:
    """What one pass did, by delivery key."""

    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)  # claimed by someone else first
    retried: list[str] = field(default_factory=list)  # a lapsed claim this pass took over


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for index in range(0, len(values), CHUNK):
        yield values[index : index + CHUNK]


def settled_keys(session: Session, keys: Iterable[str], now: dt.datetime) -> set[str]:
    """The keys among ``keys`` that are done with or being sent: all but lapsed claims."""
    lapsed = (Delivery.outcome == CLAIMED) & or_(
        Delivery.lease_until.is_(None), Delivery.lease_until <= now
    )
    found: set[str] = set()
    for chunk in _chunks(list(dict.fromkeys(keys))):
        found.update(session.scalars(select(Delivery.key).where(Delivery.key.in_(chunk), ~lapsed)))
    return found


def last_sent(
    session: Session, groups: Iterable[str], since: dt.datetime
) -> dict[str, dt.datetime]:
    """When a reminder of each group in ``groups`` last went out after ``since``."""
    found: dict[str, dt.datetime] = {}
    for chunk in _chunks(list(dict.fromkeys(groups))):
        rows = session.execute(
            select(Delivery.group_key, func.max(Delivery.sent_at))
            .where(
                Delivery.group_key.in_(chunk),
                Delivery.outcome == "sent",
                Delivery.sent_at > since,
            )
            .group_by(Delivery.group_key)
        )
        found.update({group: at for group, at in rows if group is not None and at is not None})
    return found


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
        values: dict[str, Any] = {
            "outcome": outcome,
            "detail": detail,
            "claimed_at": now,
            "claimed_by": self.name,
            "lease_until": now + self.config.lease if outcome == CLAIMED else None,
        }
        try:
            with transaction(self.factory) as session:
                session.add(
                    Delivery(
                        key=planned.key,
                        kind=planned.kind.value,
                        member_id=planned.member_id,
                        meeting_id=planned.meeting_id,
                        action_id=planned.action_id,
                        due_at=planned.at,
                        group_key=planned.group_key,
                        attempts=1,
                        **values,
                    )
                )
            return True
        except IntegrityError:
            pass
        with transaction(self.factory) as session:
            result = session.execute(
                update(Delivery)
                .where(
                    Delivery.key == planned.key,
                    Delivery.outcome == CLAIMED,
                    or_(Delivery.lease_until.is_(None), Delivery.lease_until <= now),
                )
                .values(attempts=Delivery.attempts + 1, **values)
            )
        if cast(CursorResult[Any], result).rowcount != 1:
            report.taken.append(planned.key)
            return False
        log.warning("reminder %s: its claim lapsed (claimer gone?); taken over", planned.key)
        report.retried.append(planned.key)
        return True

    def _finish(self, key: str, outcome: str, now: dt.datetime, detail: str | None) -> None:
        with transaction(self.factory) as session:
            result = session.execute(
                update(Delivery)
                .where(
                    Delivery.key == key,
                    Delivery.claimed_by == self.name,
                    Delivery.outcome == CLAIMED,
                )
                .values(
                    outcome=outcome,
                    detail=detail,
                    lease_until=None,
                    sent_at=now if outcome == "sent" else None,
                )
            )
        if cast(CursorResult[Any], result).rowcount != 1:
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
            self._finish(planned.key, "sent", now, None)
            report.sent.append(planned.key)
        else:
            log.warning("reminder %s: no chat platform could reach %s", planned.key, planned.target)
            self._finish(planned.key, "failed", now, "no chat identity or channel to deliver to")
            report.failed.append(planned.key)
