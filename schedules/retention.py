"""Apology reasons erased a set time after their meeting (``BOARDCLERK_REASON_RETENTION``).

A reason is often health information, needed only until the meeting is
minuted; the attendance record itself is kept.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from sqlalchemy.orm import Session, sessionmaker

from storage.db import settle_erasure, transaction
from storage.privacy import erase_expired_reasons

log = logging.getLogger(__name__)

DEFAULT_RETENTION = dt.timedelta(days=30)
_RETENTION = re.compile(r"(\d{1,5})\s*(d|days?|h|hours?)?")


def parse_retention(value: str) -> dt.timedelta:
    """ "30d", "30" (days) or "12h"; ``ValueError`` with a one-line reason otherwise."""
    match = _RETENTION.fullmatch(value.strip().lower())
    if match is None:
        raise ValueError(
            f"invalid BOARDCLERK_REASON_RETENTION {value!r}: use days or hours, e.g. 30d or 12h"
        )
    amount = int(match.group(1))
    unit = match.group(2) or "d"
    return dt.timedelta(hours=amount) if unit.startswith("h") else dt.timedelta(days=amount)


def erase_expired(factory: sessionmaker[Session], now: dt.datetime, retention: dt.timedelta) -> int:
    """One pass, in one transaction; returns how many reasons were erased."""
    with transaction(factory) as session:
        erased = erase_expired_reasons(session, now, retention)
    settle_erasure(factory.kw["bind"])  # old conversation turns went too, even with no reasons
    if erased:
        log.info("erased %d apology reason(s) older than %s after their meeting", erased, retention)
    return erased
