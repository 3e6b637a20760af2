"""The site client and the sync service as the settings configure them."""

from __future__ import annotations

from functools import partial

from sqlalchemy.orm import Session, sessionmaker

from bot.settings import Settings
from ingest.moderngov.bounded import parse_hosts
from ingest.moderngov.client import SiteClient
from ingest.moderngov.sync import ClientFactory
from schedules.notify import Notifier
from schedules.sync_job import SyncService


def client_factory(settings: Settings) -> ClientFactory:
    """Clients with the configured timeout, retries, requests per second and fetch limits."""
    rate = settings.sync_requests_per_second
    return partial(
        SiteClient,
        timeout=settings.sync_timeout.total_seconds(),
        retries=settings.sync_retries,
        interval=1.0 / rate if rate > 0 else 0.0,
        max_bytes=settings.fetch_max_bytes,
        allow_hosts=parse_hosts(settings.fetch_allow_hosts),
    )


def sync_service(
    settings: Settings, factory: sessionmaker[Session], notifier: Notifier
) -> SyncService:
    """Syncs every BOARDCLERK_SYNC_INTERVAL (already checked when the settings loaded)."""
    return SyncService(
        factory, notifier, settings.sync_interval, make_client=client_factory(settings)
    )
