"""The clock every part takes as an input, so tests, replicas and `--now` can set the time.

A clock returns an aware UTC datetime; each board's own timezone is applied where a
time is shown or planned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    """The production clock: aware UTC."""
    return dt.datetime.now(dt.UTC)
