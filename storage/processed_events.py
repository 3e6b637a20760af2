"""Chat event ids already acted on, kept only as long as a platform may retry them.

The unique ``(platform, event_id)`` row is the claim: a second insert of the same
delivery fails with ``IntegrityError`` on either database, which the caller
(``bot.slack.dedupe``) reads as "already handled".
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import CursorResult, delete
from sqlalchemy.orm import Session

from storage.models import ProcessedEvent


def mark_processed(session: Session, platform: str, event_id: str, now: dt.datetime) -> None:
    """Write the claim now (flushed), so a duplicate fails here rather than at commit."""
    session.add(ProcessedEvent(platform=platform, event_id=event_id, received_at=now))
    session.flush()


def forget_events_received_before(session: Session, cutoff: dt.datetime) -> int:
    """Deletes the event ids received before ``cutoff``; how many went."""
    result = session.execute(delete(ProcessedEvent).where(ProcessedEvent.received_at < cutoff))
    return cast(CursorResult[Any], result).rowcount


def unmark_processed(session: Session, platform: str, event_id: str) -> None:
    """Takes back a claim whose work failed, so the platform's retry is acted on."""
    session.execute(
        delete(ProcessedEvent).where(
            ProcessedEvent.platform == platform, ProcessedEvent.event_id == event_id
        )
    )
