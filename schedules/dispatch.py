"""Sends what is due, each reminder once: claimed by a unique delivery row before sending.

The claim is an INSERT of the reminder's key in its own transaction; if it
fails on the unique constraint another process (or an earlier run) has it.
So a restart re-plans everything and sends nothing twice, and two
``boardclerk run`` processes on one PostgreSQL database split the work.
A crash between claim and send loses that one reminder rather than risk
sending it twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from schedules.config import ReminderConfig
from schedules.content import build_reply
from schedules.notify import Notifier
from schedules.planning import Planned, Snapshot, load_snapshot, plan
from storage.db import transaction
from storage.models import Delivery

log = logging.getLogger(__name__)


@dataclass
class TickReport:
    """What one pass did, by delivery key."""

    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)  # claimed by someone else first


def existing_keys(session: Session, keys: Iterable[str]) -> set[str]:
    """The keys among ``keys`` that already have a delivery row (any outcome)."""
    wanted = list(dict.fromkeys(keys))
    found: set[str] = set()
    for index in range(0, len(wanted), 500):
        chunk = wanted[index : index + 500]
        found.update(session.scalars(select(Delivery.key).where(Delivery.key.in_(chunk))))
    return found


def pending(
    session: Session, start: dt.datetime, end: dt.datetime, config: ReminderConfig
) -> tuple[Snapshot, list[Planned]]:
    """Reminders planned in (start, end] that nobody has claimed yet."""
    snapshot = load_snapshot(session, start, end, config)
    planned = plan(snapshot, start, end, config)
    claimed = existing_keys(session, (p.key for p in planned))
    return snapshot, [p for p in planned if p.key not in claimed]


class Dispatcher:
    def __init__(
        self, factory: sessionmaker[Session], notifier: Notifier, config: ReminderConfig
    ) -> None:
        self.factory = factory
        self.notifier = notifier
        self.config = config

    def run(self, now: dt.datetime) -> TickReport:
        """Sends everything due by ``now``; missed reminders are sent if still useful."""
        report = TickReport()
        with self.factory() as session:
            snapshot, due = pending(session, now - self.config.lookback, now, self.config)
        latest: dict[tuple[str, str, str], Planned] = {}
        for planned in due:  # in time order, so the last one wins
            latest[planned.group] = planned
        for planned in due:
            if latest[planned.group] is not planned:
                self._drop(planned, now, "superseded by a later reminder", report)
            elif planned.useful_until is not None and now >= planned.useful_until:
                self._drop(planned, now, "too late to be useful", report)
            elif not planned.on_the_day and self.config.is_quiet(
                now.astimezone(self._zone(snapshot, planned)).time()
            ):
                report.held.append(planned.key)
            else:
                self._send(planned, now, report)
        return report

    def _zone(self, snapshot: Snapshot, planned: Planned) -> ZoneInfo:
        board = snapshot.boards.get(planned.board_id or 0)
        return board.zone if board is not None else ZoneInfo(self.config.timezone)

    def _claim(self, planned: Planned, now: dt.datetime, outcome: str, detail: str | None) -> bool:
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
                        claimed_at=now,
                        outcome=outcome,
                        detail=detail,
                    )
                )
        except IntegrityError:
            return False
        return True

    def _finish(self, key: str, outcome: str, now: dt.datetime, detail: str | None) -> None:
        with transaction(self.factory) as session:
            session.execute(
                update(Delivery)
                .where(Delivery.key == key)
                .values(outcome=outcome, detail=detail, sent_at=now if outcome == "sent" else None)
            )

    def _drop(self, planned: Planned, now: dt.datetime, reason: str, report: TickReport) -> None:
        if self._claim(planned, now, "dropped", reason):
            log.info("dropped reminder %s (due %s): %s", planned.key, planned.at, reason)
            report.dropped.append(planned.key)
        else:
            report.taken.append(planned.key)

    def _send(self, planned: Planned, now: dt.datetime, report: TickReport) -> None:
        if not self._claim(planned, now, "claimed", None):
            report.taken.append(planned.key)
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
