"""Which changes to a followed meeting the board should hear about, recorded in the outbox.

A meeting's ``state`` (date, time, status, items, minutes) is kept after each
sync; the next sync compares against it. Each change becomes one announcement
row whose key names the change, so the same change is never announced twice,
whichever replica or restart notices it. Sending is the scheduler's job.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Meeting, MeetingStatus, MinutesStatus
from storage.sources.tables import Announcement

State = dict[str, Any]
# How many item titles an announcement carries (the rest are counted).
ITEMS_SHOWN = 8
# The length of ``Announcement.key``.
KEY_LENGTH = 200


@dataclass(frozen=True)
class Change:
    kind: str  # agenda | items-added | items-withdrawn | moved | cancelled | minutes | decisions
    key: str
    facts: dict[str, Any]


def meeting_state(meeting: Meeting, *, agenda_published: bool | None = None) -> State:
    """What members would notice about ``meeting``, as plain JSON.

    ``agenda_published``: the site's own flag, where it has one; items listed on an
    agenda the site has not published yet are not news.
    """
    start = meeting.local_start()
    items = [item.title for item in meeting.items]
    return {
        "date": meeting.date.isoformat(),
        "time": start.strftime("%H:%M") if start else None,
        "status": meeting.status.value,
        "venue": meeting.venue,
        "agenda": bool(items) and agenda_published is not False,
        "items": items,
        "minutes": meeting.minutes_status != MinutesStatus.NONE,
        "decisions": sum(len(item.decisions) for item in meeting.items),
        # Items whose executive decision the site has published.
        "decided": [item.title for item in meeting.items if item.decision_url],
        "note": meeting.status_note,
    }


def changes(
    tag: str,
    board: str,
    old: State | None,
    new: State,
    today: dt.date,
    withdrawn: list[str] | None = None,
) -> list[Change]:
    """The announcements the step from ``old`` to ``new`` deserves (``old`` None: newly seen).

    ``withdrawn``: titles the site has taken off the agenda since ``old``.
    """
    before: State = old or {}
    facts = {
        "board": board,
        "date": new["date"],
        "time": new["time"],
        "venue": new.get("venue"),
        "item_count": len(new["items"]),
        "items": new["items"][:ITEMS_SHOWN],
        "decisions": new["decisions"],
        "note": new.get("note"),
    }
    if new["status"] == MeetingStatus.CANCELLED.value:
        if old is not None and old["status"] != MeetingStatus.CANCELLED.value:
            return [Change("cancelled", f"cancelled:{tag}:{new['date']}", facts)]
        return []
    found: list[Change] = []
    upcoming = dt.date.fromisoformat(new["date"]) >= today
    moved = old is not None and (old["date"], old["time"]) != (new["date"], new["time"])
    if moved and upcoming and old is not None:
        when = f"{new['date']}T{new['time'] or ''}"
        facts_moved = facts | {"from_date": old["date"], "from_time": old["time"]}
        found.append(Change("moved", f"moved:{tag}:{when}", facts_moved))
    if new["agenda"] and upcoming and not new["minutes"]:
        if not before.get("agenda"):
            found.append(Change("agenda", f"agenda:{tag}", facts))
        else:
            added = [title for title in new["items"] if title not in before["items"]]
            if added:
                digest = _digest(added)
                found.append(
                    Change("items-added", f"items-added:{tag}:{digest}", facts | {"added": added})
                )
    if withdrawn and before.get("agenda") and upcoming and not new["minutes"]:
        key = f"items-withdrawn:{tag}:{_digest(withdrawn)}"
        found.append(Change("items-withdrawn", key, facts | {"withdrawn": withdrawn}))
    if new["minutes"] and not before.get("minutes"):
        found.append(Change("minutes", f"minutes:{tag}", facts))
    decided = [title for title in new.get("decided", []) if title not in before.get("decided", [])]
    # A state from before decisions were read is no baseline: its decisions are not news.
    if decided and (old is None or "decided" in old):
        found.append(
            Change("decisions", f"decisions:{tag}:{_digest(decided)}", facts | {"decided": decided})
        )
    return found


def _digest(titles: list[str]) -> str:
    return hashlib.sha256("\n".join(titles).encode()).hexdigest()[:16]


def queue_announcements(
    session: Session, board_id: int, meeting_id: int, found: list[Change], now: dt.datetime
) -> int:
    """Puts each change not announced before into the outbox; how many were new."""
    if not found:
        return 0
    # Keys are stored cut to the column's length, so they are looked up cut the same way.
    by_key = {change.key[:KEY_LENGTH]: change for change in found}
    known = set(session.scalars(select(Announcement.key).where(Announcement.key.in_(by_key))))
    new = [(key, change) for key, change in by_key.items() if key not in known]
    session.add_all(
        Announcement(
            key=key,
            kind=change.kind,
            board_id=board_id,
            meeting_id=meeting_id,
            facts=change.facts,
            created_at=now,
            outcome="pending",
        )
        for key, change in new
    )
    return len(new)
