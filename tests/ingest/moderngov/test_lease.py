"""One sync at a time across replicas: the lease row."""

from __future__ import annotations

import datetime as dt

from storage.sources.lease import release_lease, take_lease
from tests.conftest import Database

NOW = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def test_a_held_lease_keeps_other_replicas_out_until_released_or_expired(db: Database) -> None:
    assert take_lease(db.factory, "sync", "replica-a", NOW, HOUR)
    assert not take_lease(db.factory, "sync", "replica-b", NOW + dt.timedelta(minutes=5), HOUR)
    assert take_lease(db.factory, "sync", "replica-a", NOW + dt.timedelta(minutes=5), HOUR)

    assert take_lease(db.factory, "sync", "replica-b", NOW + 2 * HOUR, HOUR)  # a's expired

    release_lease(db.factory, "sync", "replica-b", NOW + 2 * HOUR)
    assert take_lease(db.factory, "sync", "replica-a", NOW + 2 * HOUR, HOUR)


def test_releasing_someone_elses_lease_changes_nothing(db: Database) -> None:
    assert take_lease(db.factory, "sync", "replica-a", NOW, HOUR)
    release_lease(db.factory, "sync", "replica-b", NOW)
    assert not take_lease(db.factory, "sync", "replica-b", NOW, HOUR)
