"""One sync at a time across replicas: a lease row that a holder renews and others wait out.

Works the same on SQLite and PostgreSQL: taking the lease is one conditional
UPDATE (or the first INSERT, where the primary key settles a race), so two
replicas starting together cannot both win.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from storage.db import transaction
from storage.sources.tables import SyncLease


def take_lease(
    factory: sessionmaker[Session], name: str, holder: str, now: dt.datetime, ttl: dt.timedelta
) -> bool:
    """True when ``holder`` now holds ``name`` until ``now + ttl`` (free, expired or its own)."""
    try:
        with transaction(factory) as session:
            taken = session.execute(
                update(SyncLease)
                .where(
                    SyncLease.name == name,
                    or_(SyncLease.expires_at <= now, SyncLease.holder == holder),
                )
                .values(holder=holder, expires_at=now + ttl)
            )
            if getattr(taken, "rowcount", 0):
                return True
            if session.get(SyncLease, name) is not None:
                return False
            session.add(SyncLease(name=name, holder=holder, expires_at=now + ttl))
    except IntegrityError:
        return False
    return True


def release_lease(factory: sessionmaker[Session], name: str, holder: str, now: dt.datetime) -> None:
    """Lets the next replica sync at once rather than wait for the lease to expire."""
    with transaction(factory) as session:
        session.execute(
            update(SyncLease)
            .where(SyncLease.name == name, SyncLease.holder == holder)
            .values(expires_at=now)
        )
