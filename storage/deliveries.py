"""Delivery rows: each reminder's claim (a lease), and then what became of it.

A claim is an INSERT of the reminder's key; the unique key settles a race. A
claim whose lease has run out is taken over with a conditional UPDATE that
only one process can win, and only the claimer can record the outcome. Each
write is its own transaction, so a claim is visible before anything is sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from storage.db import transaction
from storage.models import Delivery

CLAIMED = "claimed"
SENT = "sent"
CHUNK = 500


@dataclass(frozen=True)
class Reminder:
    """The reminder a delivery row stands for."""

    key: str
    kind: str
    member_id: int | None
    meeting_id: int | None
    action_id: int | None
    due_at: dt.datetime
    group_key: str | None


@dataclass(frozen=True)
class Claim:
    """What a claim (or a reminder dropped unsent) records: its outcome so far and its lease."""

    outcome: str
    detail: str | None
    claimed_at: dt.datetime
    claimed_by: str
    lease_until: dt.datetime | None


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    unique = list(dict.fromkeys(values))
    for index in range(0, len(unique), CHUNK):
        yield unique[index : index + CHUNK]


def _lapsed(now: dt.datetime) -> ColumnElement[bool]:
    return (Delivery.outcome == CLAIMED) & or_(
        Delivery.lease_until.is_(None), Delivery.lease_until <= now
    )


def settled_keys(session: Session, keys: Iterable[str], now: dt.datetime) -> set[str]:
    """The keys among ``keys`` that are done with or being sent: all but lapsed claims."""
    found: set[str] = set()
    for chunk in _chunks(keys):
        found.update(
            session.scalars(select(Delivery.key).where(Delivery.key.in_(chunk), ~_lapsed(now)))
        )
    return found


def last_sent(
    session: Session, groups: Iterable[str], since: dt.datetime
) -> dict[str, dt.datetime]:
    """When a reminder of each group in ``groups`` last went out after ``since``."""
    found: dict[str, dt.datetime] = {}
    for chunk in _chunks(groups):
        rows = session.execute(
            select(Delivery.group_key, func.max(Delivery.sent_at))
            .where(
                Delivery.group_key.in_(chunk),
                Delivery.outcome == SENT,
                Delivery.sent_at > since,
            )
            .group_by(Delivery.group_key)
        )
        found.update({group: at for group, at in rows if group is not None and at is not None})
    return found


def claim_new(factory: sessionmaker[Session], reminder: Reminder, claim: Claim) -> bool:
    """Records the first claim on ``reminder``; False when its key already has a row."""
    try:
        with transaction(factory) as session:
            session.add(
                Delivery(
                    key=reminder.key,
                    kind=reminder.kind,
                    member_id=reminder.member_id,
                    meeting_id=reminder.meeting_id,
                    action_id=reminder.action_id,
                    due_at=reminder.due_at,
                    group_key=reminder.group_key,
                    attempts=1,
                    outcome=claim.outcome,
                    detail=claim.detail,
                    claimed_at=claim.claimed_at,
                    claimed_by=claim.claimed_by,
                    lease_until=claim.lease_until,
                )
            )
    except IntegrityError:
        return False
    return True


def take_over_lapsed(factory: sessionmaker[Session], key: str, claim: Claim) -> bool:
    """Takes over the claim on ``key`` if its lease ran out; False when it is still held."""
    with transaction(factory) as session:
        result = session.execute(
            update(Delivery)
            .where(Delivery.key == key, _lapsed(claim.claimed_at))
            .values(
                attempts=Delivery.attempts + 1,
                outcome=claim.outcome,
                detail=claim.detail,
                claimed_at=claim.claimed_at,
                claimed_by=claim.claimed_by,
                lease_until=claim.lease_until,
            )
        )
    return cast(CursorResult[Any], result).rowcount == 1


def settle(
    factory: sessionmaker[Session],
    key: str,
    claimer: str,
    outcome: str,
    now: dt.datetime,
    detail: str | None,
) -> bool:
    """Records the outcome of ``claimer``'s claim on ``key``; False if it lost the lease."""
    with transaction(factory) as session:
        result = session.execute(
            update(Delivery)
            .where(
                Delivery.key == key,
                Delivery.claimed_by == claimer,
                Delivery.outcome == CLAIMED,
            )
            .values(
                outcome=outcome,
                detail=detail,
                lease_until=None,
                sent_at=now if outcome == SENT else None,
            )
        )
    return cast(CursorResult[Any], result).rowcount == 1
