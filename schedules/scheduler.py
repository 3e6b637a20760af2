"""The reminder service inside ``boardclerk run``: APScheduler 3 jobs for reminders and housekeeping.

The jobs hold only the service's id (a textual function reference and a
string), never live objects; each tick asks the service's clock for ``now``
and plans afresh from the database. The first tick runs at start, which is
when reminders missed while the bot was down go out. An hourly housekeeping
job forgets chat event ids older than a day and erases apology reasons past
their retention time; an hourly job sends six-month-rule attendance warnings;
a job every minute sends the papers digests and late-paper notices.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Callable

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.orm import Session, sessionmaker

from handlers.clock import Clock, system_clock
from schedules.attendance_warnings import AttendanceWarnings, WarningReport
from schedules.config import ReminderConfig
from schedules.dispatch import Dispatcher, TickReport
from schedules.housekeeping import prune_processed_events
from schedules.notify import Notifier
from schedules.papers_digest import PapersDigests, PapersReport
from schedules.retention import DEFAULT_RETENTION, erase_expired

log = logging.getLogger(__name__)

HOUSEKEEPING_EVERY = dt.timedelta(hours=1)
WARNINGS_EVERY = dt.timedelta(hours=1)  # six-month-rule warnings (schedules.attendance_warnings)
PAPERS_EVERY = dt.timedelta(minutes=1)  # papers digests (schedules.papers_digest)

_SERVICES: dict[str, ReminderService] = {}


def background_scheduler(*, threads: int, misfire_grace_time: int) -> BackgroundScheduler:
    """A UTC scheduler in background threads; a job late or still running is not doubled."""
    return BackgroundScheduler(
        timezone=dt.UTC,
        executors={"default": ThreadPoolExecutor(threads)},
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": misfire_grace_time,
        },
    )


def run_tick(service_id: str) -> None:
    """The scheduled job: one tick of the service registered under ``service_id``."""
    service = _SERVICES.get(service_id)
    if service is None:
        log.warning("reminder job for unknown service %s", service_id)
        return
    try:
        service.tick(service.clock())
    except Exception:
        log.exception("reminder tick failed")


def run_housekeeping(service_id: str) -> None:
    """The scheduled housekeeping job of the service registered under ``service_id``."""
    service = _SERVICES.get(service_id)
    if service is None:
        return
    try:
        service.housekeeping(service.clock())
    except Exception:
        log.exception("housekeeping failed")


def run_attendance_warnings(service_id: str) -> None:
    """The scheduled six-month-rule warnings of the service registered under ``service_id``."""
    service = _SERVICES.get(service_id)
    if service is None:
        return
    try:
        service.attendance_warnings(service.clock())
    except Exception:
        log.exception("six-month-rule warnings failed")


def run_papers(service_id: str) -> None:
    """The scheduled papers digests of the service registered under ``service_id``."""
    service = _SERVICES.get(service_id)
    if service is None:
        return
    try:
        service.papers_digests(service.clock())
    except Exception:
        log.exception("papers digests failed")


class ReminderService:
    """Plans and sends reminders; ``tick(now)`` is the whole of it, ``start`` repeats it."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        notifier: Notifier,
        config: ReminderConfig | None = None,
        clock: Clock = system_clock,
        interval: dt.timedelta = dt.timedelta(minutes=1),
        on_tick: Callable[[TickReport], None] | None = None,
        reason_retention: dt.timedelta = DEFAULT_RETENTION,
    ) -> None:
        self.id = uuid.uuid4().hex
        self.config = config or ReminderConfig()
        self.clock = clock
        self.interval = interval
        self.on_tick = on_tick
        self.factory = factory
        self.reason_retention = reason_retention
        self.dispatcher = Dispatcher(factory, notifier, self.config)
        self.warnings = AttendanceWarnings(factory, notifier, timezone=self.config.timezone)
        self.papers = PapersDigests(factory, notifier, self.config)
        self._lock = threading.Lock()
        self._scheduler: BackgroundScheduler | None = None

    @property
    def job_id(self) -> str:
        return f"reminders-{self.id}"

    def tick(self, now: dt.datetime) -> TickReport:
        """Sends everything due by ``now`` that nobody has claimed (or whose claim lapsed)."""
        with self._lock:
            report = self.dispatcher.run(now)
        if report.sent or report.failed or report.dropped:
            log.info(
                "reminders at %s: %d sent, %d failed, %d dropped, %d held",
                now.isoformat(timespec="minutes"),
                len(report.sent),
                len(report.failed),
                len(report.dropped),
                len(report.held),
            )
        if self.on_tick is not None:
            self.on_tick(report)
        return report

    def housekeeping(self, now: dt.datetime) -> int:
        """Forgets old chat event ids and erases expired apology reasons; how many rows went."""
        pruned = prune_processed_events(self.factory, now)
        if pruned:
            log.info("forgot %d chat event ids older than a day", pruned)
        return pruned + erase_expired(self.factory, now, self.reason_retention)

    def attendance_warnings(self, now: dt.datetime) -> WarningReport:
        """Sends the six-month-rule warnings due by ``now`` that nobody has sent."""
        return self.warnings.run(now)

    def papers_digests(self, now: dt.datetime) -> PapersReport:
        """Sends the papers digests and late-paper notices due by ``now`` that nobody has sent."""
        return self.papers.run(now)

    def start(self) -> None:
        """Starts ticking in a background thread, the first tick at once."""
        if self._scheduler is not None:
            return
        _SERVICES[self.id] = self
        scheduler = background_scheduler(threads=1, misfire_grace_time=60)
        scheduler.add_job(
            "schedules.scheduler:run_tick",
            IntervalTrigger(seconds=self.interval.total_seconds(), timezone=dt.UTC),
            args=[self.id],
            id=self.job_id,
            next_run_time=system_clock(),
        )
        scheduler.add_job(
            "schedules.scheduler:run_housekeeping",
            IntervalTrigger(seconds=HOUSEKEEPING_EVERY.total_seconds(), timezone=dt.UTC),
            args=[self.id],
            id=f"housekeeping-{self.id}",
            next_run_time=system_clock(),
        )
        scheduler.add_job(
            "schedules.scheduler:run_attendance_warnings",
            IntervalTrigger(seconds=WARNINGS_EVERY.total_seconds(), timezone=dt.UTC),
            args=[self.id],
            id=f"attendance-warnings-{self.id}",
            next_run_time=system_clock(),
        )
        scheduler.add_job(
            "schedules.scheduler:run_papers",
            IntervalTrigger(seconds=PAPERS_EVERY.total_seconds(), timezone=dt.UTC),
            args=[self.id],
            id=f"papers-{self.id}",
            next_run_time=system_clock(),
        )
        scheduler.start()
        self._scheduler = scheduler

    def wake(self) -> None:
        """Runs a tick as soon as possible (after an import, or in tests), then carries on."""
        if self._scheduler is not None:
            self._scheduler.modify_job(self.job_id, next_run_time=system_clock())

    def shutdown(self, wait: bool = True) -> None:
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=wait)
            self._scheduler = None
        _SERVICES.pop(self.id, None)
