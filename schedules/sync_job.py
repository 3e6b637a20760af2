"""Following councils' sites inside ``boardclerk run``: a sync at start and every interval.

Jobs carry the service's id, never live objects. A sync first takes the
database lease, so of several replicas only one syncs at a time; the
announcement job runs every minute on every replica, and the outbox's claims
make sure each announcement still goes out once.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.orm import Session, sessionmaker

from handlers.clock import Clock, system_clock
from ingest.moderngov.client import SiteClient
from ingest.moderngov.sync import ClientFactory, SourceResult, sync_all
from schedules.announcements import AnnounceReport, send_pending
from schedules.dispatch import replica_name
from schedules.notify import Notifier
from schedules.scheduler import background_scheduler
from storage.sources.lease import release_lease, take_lease

log = logging.getLogger(__name__)

LEASE = "sync"
_SERVICES: dict[str, SyncService] = {}


def run_sync(service_id: str) -> None:
    service = _SERVICES.get(service_id)
    if service is None:
        log.warning("sync job for unknown service %s", service_id)
        return
    try:
        service.sync(service.clock())
    except Exception:
        log.exception("sync failed")


def run_announce(service_id: str) -> None:
    service = _SERVICES.get(service_id)
    if service is None:
        return
    try:
        service.announce(service.clock())
    except Exception:
        log.exception("sending announcements failed")


class SyncService:
    """Syncs every source now and then, and sends what the syncs found worth announcing."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        notifier: Notifier,
        interval: dt.timedelta,
        *,
        make_client: ClientFactory = SiteClient,
        clock: Clock = system_clock,
        announce_every: dt.timedelta = dt.timedelta(minutes=1),
    ) -> None:
        self.id = uuid.uuid4().hex
        self.holder = replica_name()
        self.factory = factory
        self.notifier = notifier
        self.interval = interval
        self.make_client = make_client
        self.clock = clock
        self.announce_every = announce_every
        self._scheduler: BackgroundScheduler | None = None

    def sync(self, now: dt.datetime) -> list[SourceResult] | None:
        """One sync of every source, or None when another replica holds the lease."""
        ttl = max(self.interval, dt.timedelta(hours=1))
        if not take_lease(self.factory, LEASE, self.holder, now, ttl):
            log.info("another replica is syncing; skipped")
            return None
        try:
            results = sync_all(self.factory, now, make_client=self.make_client)
        finally:
            release_lease(self.factory, LEASE, self.holder, now)
        for result in results:
            if result.notice:
                log.warning("source %s: %s", result.source_id, result.notice)
            if not result.ok:
                problems = [result.error] if result.error else []
                problems += [f"meeting {m.external_id}: {m.error}" for m in result.failed]
                log.warning("source %s: %s", result.source_id, "; ".join(problems))
        self.announce(now)
        return results

    def announce(self, now: dt.datetime) -> AnnounceReport:
        return send_pending(self.factory, self.notifier, now)

    def start(self) -> None:
        """A sync at once and every ``interval``; announcements every minute."""
        if self._scheduler is not None:
            return
        _SERVICES[self.id] = self
        scheduler = background_scheduler(threads=2, misfire_grace_time=300)
        scheduler.add_job(
            "schedules.sync_job:run_sync",
            IntervalTrigger(seconds=self.interval.total_seconds(), timezone=dt.UTC),
            args=[self.id],
            id=f"sync-{self.id}",
            next_run_time=system_clock(),
        )
        scheduler.add_job(
            "schedules.sync_job:run_announce",
            IntervalTrigger(seconds=self.announce_every.total_seconds(), timezone=dt.UTC),
            args=[self.id],
            id=f"announce-{self.id}",
        )
        scheduler.start()
        self._scheduler = scheduler

    def shutdown(self, wait: bool = True) -> None:
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=wait)
            self._scheduler = None
        _SERVICES.pop(self.id, None)
