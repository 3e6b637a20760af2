"""One duration format for every setting: a number and a unit, ``30s``, ``15m``, ``6h`` or ``30d``.

A bare number is refused rather than guessed: settings once read ``30`` as
seconds, as days or not at all, so the unit is always said. Pure: no settings,
no clock.
"""

from __future__ import annotations

import datetime as dt
import re

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
FORMAT = "30s, 15m, 6h or 30d"
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]*)")


def parse_duration(value: str | dt.timedelta, *, allow_zero: bool = False) -> dt.timedelta:
    """ "90s", "15m", "6h", "30d" (or "1.5h") as a duration; ``ValueError`` with one line otherwise.

    A ``timedelta`` passes through, so a default or a value set in code is checked the same.
    """
    if isinstance(value, dt.timedelta):
        duration = value
    else:
        match = _DURATION.fullmatch(value.strip().lower())
        if match is None:
            raise ValueError(f"not a duration: use {FORMAT}")
        number, unit = match.groups()
        if not unit:
            raise ValueError(f"no unit: give a unit: {FORMAT}")
        if unit not in UNITS:
            raise ValueError(f"unknown unit {unit!r}: use {FORMAT}")
        duration = dt.timedelta(seconds=float(number) * UNITS[unit])
    if duration < dt.timedelta(0):
        raise ValueError("cannot be negative")
    if duration == dt.timedelta(0) and not allow_zero:
        raise ValueError(f"must be longer than 0s: use {FORMAT}")
    return duration
