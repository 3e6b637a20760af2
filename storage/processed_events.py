"""Chat deliveries already acted on: the unique ``(platform, event_id)`` row is the claim.

A second insert of the same delivery fails with ``IntegrityError`` on either
database; the caller (``bot.slack.dedupe``) reads that as "already handled".
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from storage.models import ProcessedEvent


def mark_processed(session: Session, platform: str, event_id: str, now: dt.datetime) -> None:
    """Write the claim now (flushed), so a duplicate fails here rather than at commit."""
    session.add(ProcessedEvent(platform=platform, event_id=event_id, received_at=now))
    session.flush()
