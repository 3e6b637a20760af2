"""Which due reminders are worth sending: a pure function of what is planned and ``now``.

Late reminders collapse rather than arrive in a burst: of several missed
reminders of one meeting only the latest goes; one no longer useful (the
meeting has begun) is dropped; an overdue one is dropped when a later
reminder of the same meeting (to the same person) is due within the hour; and
nobody gets two reminders of one meeting (or action) within an hour. So a
meeting added two hours ahead gets its 2-hour reminder, not a caught-up
day-before reminder two minutes earlier as well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence

from schedules.planning import Planned

# No two reminders of one group (one meeting or action, one recipient) within this.
SPACING = dt.timedelta(hours=1)
# Ticks come every minute and may run late under load: a reminder this late was missed.
OVERDUE_AFTER = dt.timedelta(minutes=5)


def triage(
    due: Sequence[Planned],
    later: Sequence[Planned],
    now: dt.datetime,
    last_sent: Mapping[str, dt.datetime],
) -> Iterator[tuple[Planned, str | None]]:
    """Each due reminder with None (send it) or why it is dropped, in ``due``'s order.

    ``due``: unsent reminders at or before ``now``, in time order; ``later``:
    reminders planned after ``now``; ``last_sent``: by group key, when a
    reminder of that group last went out.
    """
    groups = [planned.group for planned in due]
    latest = dict(zip(groups, due, strict=True))  # in time order: the last one wins
    coming = {planned.group for planned in later if now < planned.at <= now + SPACING}
    for planned, group in zip(due, groups, strict=True):
        sent = last_sent.get(planned.group_key) if last_sent else None
        if latest[group] is not planned:
            yield planned, "superseded by a later reminder"
        elif planned.useful_until is not None and now >= planned.useful_until:
            yield planned, "too late to be useful"
        elif now - planned.at > OVERDUE_AFTER and group in coming:
            yield planned, "a later reminder of it is due within the hour"
        elif sent is not None and now - sent < SPACING:
            yield planned, "another reminder of it went out within the hour"
        else:
            yield planned, None
