"""At most once per Slack event: a retried or duplicated delivery finds its id taken.

Slack retries an event it thinks went unacknowledged (``X-Slack-Retry-Num``)
and Socket Mode can deliver one twice; the unique ``(platform, event_id)``
row, written in its own short transaction *before* the work, is the claim.
A claim that lost its race is an ``IntegrityError`` on either database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from storage.db import transaction
from storage.processed_events import mark_processed

PLATFORM = "slack"


def claim(factory: sessionmaker[Session], event_id: str, now: dt.datetime) -> bool:
    """True for the first delivery of ``event_id``; False for every later one."""
    try:
        with transaction(factory) as session:
            mark_processed(session, PLATFORM, event_id, now)
    except IntegrityError:
        return False
    return True


def delivery_key(body: Mapping[str, Any]) -> str | None:
    """A stable id for one delivery: the event id, or the interaction's trigger id."""
    if body.get("event_id"):
        return f"event:{body['event_id']}"
    if body.get("trigger_id"):
        kind = "action" if body.get("type") == "block_actions" else "command"
        return f"{kind}:{body['trigger_id']}"
    return None
