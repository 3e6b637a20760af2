"""Announcements in a board's linked channels, worded for members.

The sync records each change in the outbox; this sends what is pending, each
claimed before it is sent so it goes out once, and drops what has waited so
long it is no longer news.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from handlers.formatting import clock, day
from handlers.messages import Citation, Reply
from schedules.notify import Notifier, Target
from schedules.papers_wording import late_paper_reply
from storage.sources import outbox

log = logging.getLogger(__name__)

# How many decided items an announcement names (the rest are counted).
ITEMS_SHOWN = 8
# An announcement still unsent after this long is history, not news.
STALE_AFTER = dt.timedelta(days=2)


@dataclass
class AnnounceReport:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    dropped: list[int] = field(default_factory=list)


def _when(date: str, time: str | None, *, short: bool = False) -> str:
    on = dt.date.fromisoformat(date)
    text = f"{on:%a} {on.day} {on:%B}" if short else day(on)
    return f"{text}, {clock(dt.time.fromisoformat(time))}" if time else text


def _listed(titles: list[str], total: int) -> str:
    more = total - len(titles)
    return "; ".join(titles) + (f"; and {more} more" if more > 0 else "")


def render(kind: str, facts: dict[str, Any]) -> Reply:
    """The message members read for one change."""
    if kind == "paper-added":
        return late_paper_reply(facts)
    board = facts["board"]
    when = _when(facts["date"], facts.get("time"), short=True)
    count = facts.get("item_count", 0)
    citation = [Citation(board, dt.date.fromisoformat(facts["date"]))]
    if kind == "agenda":
        noun = "item" if count == 1 else "items"
        text = f"The agenda for {when} is out: {count} {noun} — {_listed(facts['items'], count)}."
        title = f"{board}: agenda published"
    elif kind == "items-added":
        added = facts.get("added", [])
        noun = "item has" if len(added) == 1 else "items have"
        text = f"{len(added)} {noun} been added to the agenda for {when}: {'; '.join(added)}."
        title = f"{board}: agenda updated"
    elif kind == "items-withdrawn":
        gone = facts.get("withdrawn", [])
        noun = "item has" if len(gone) == 1 else "items have"
        text = f"{len(gone)} {noun} been withdrawn from the agenda for {when}: {'; '.join(gone)}."
        title = f"{board}: agenda updated"
    elif kind == "decisions":
        decided = facts.get("decided", [])
        noun = "decision" if len(decided) == 1 else "decisions"
        text = (
            f"The {noun} of the meeting on {when} {'is' if len(decided) == 1 else 'are'} "
            f"published: {_listed(decided[:ITEMS_SHOWN], len(decided))}. "
            "Ask about them with /ask, e.g. “/ask what was decided about …”."
        )
        title = f"{board}: decisions published"
    elif kind == "moved":
        was = _when(facts["from_date"], facts.get("from_time"), short=True)
        text = f"The meeting on {was} has moved to {when}."
        if facts.get("venue"):
            text += f" Venue: {facts['venue']}."
        title = f"{board}: meeting moved"
    elif kind == "cancelled":
        text = f"The meeting on {when} has been cancelled."
        if facts.get("note"):
            text += f" The council's note: {facts['note']}."
        title = f"{board}: meeting cancelled"
    else:
        decisions = facts.get("decisions", 0)
        noun = "decision" if decisions == 1 else "decisions"
        text = (
            f"The minutes of the meeting on {when} are published: {decisions} {noun}. "
            "Ask about them with /ask, e.g. “/ask what was decided about …”."
        )
        title = f"{board}: minutes published"
    return Reply(text=text, intent=f"announcement-{kind}", title=title, citations=citation)


def send_pending(
    factory: sessionmaker[Session], notifier: Notifier, now: dt.datetime
) -> AnnounceReport:
    """Sends every pending announcement to its board's linked channel(s), once each."""
    report = AnnounceReport()
    for announcement_id in outbox.pending(factory):
        claimed = outbox.claim(factory, announcement_id, now)
        if claimed is None:
            continue
        if claimed.kind == "paper-added" and claimed.facts.get("restricted"):
            # An exempt item's paper is told to the board's members only.
            outbox.settle(factory, claimed.id, "members-only")
            continue
        if now - claimed.created_at > STALE_AFTER:
            outbox.settle(factory, claimed.id, "dropped")
            report.dropped.append(claimed.id)
            continue
        try:
            delivered = notifier.deliver(
                Target.board_channel(claimed.board_id), render(claimed.kind, claimed.facts)
            )
        except Exception:
            log.exception("announcement %s could not be sent", claimed.id)
            delivered = False
        outbox.settle(factory, claimed.id, "sent" if delivered else "failed")
        (report.sent if delivered else report.failed).append(claimed.id)
    return report
