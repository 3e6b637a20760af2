"""Housekeeping the scheduler does besides reminders: rows kept only as long as they matter."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session, sessionmaker

from storage.db import transaction
from storage.processed_events import forget_events_received_before

# Chat platforms retry an event within minutes; a day of ids is ample to spot a repeat.
EVENT_RETENTION = dt.timedelta(days=1)


def prune_processed_events(
    factory: sessionmaker[Session], now: dt.datetime, keep: dt.timedelta = EVENT_RETENTION
) -> int:
    """Forgets the chat event ids received more than ``keep`` before ``now``; how many."""
    with transaction(factory) as session:
        return forget_events_received_before(session, now - keep)
