"""The chat event ids already handled, kept only as long as a platform may retry them."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import CursorResult, delete
from sqlalchemy.orm import Session

from storage.models import ProcessedEvent


def forget_events_received_before(session: Session, cutoff: dt.datetime) -> int:
    """Deletes the event ids received before ``cutoff``; how many went."""
    result = session.execute(delete(ProcessedEvent).where(ProcessedEvent.received_at < cutoff))
    return cast(CursorResult[Any], result).rowcount
