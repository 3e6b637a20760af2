"""Apology reasons erased a set time after their meeting (``BOARDCLERK_REASON_RETENTION``).

A reason is often health information, needed only until the meeting is
minuted; the attendance record itself is kept.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.orm import Session, sessionmaker

from storage.db import settle_erasure, transaction
from storage.privacy import erase_expired_reasons

log = logging.getLogger(__name__)

DEFAULT_RETENTION = dt.timedelta(days=30)


def erase_expired(factory: sessionmaker[Session], now: dt.datetime, retention: dt.timedelta) -> int:
    """One pass, in one transaction; returns how many reasons were erased."""
    with transaction(factory) as session:
        erased = erase_expired_reasons(session, now, retention)
    settle_erasure(factory.kw["bind"])  # old conversation turns went too, even with no reasons
    if erased:
        log.info("erased %d apology reason(s) older than %s after their meeting", erased, retention)
    return erased
