"""The papers digest and the late-paper notice, worded for members.

The digest quotes each decision item's first recommendation exactly as the
report prints it, with the paper, page and a link to the page, as "what are we
being asked to decide?" does (``handlers.papers``); nothing is summarised.
It goes only to the board's own members, so exempt items are named in it, and
it is marked private so no platform ever posts it in a channel.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from handlers.formatting import clock, day
from handlers.messages import Citation, Reply
from handlers.papers import item_papers, quoted, read_item
from storage.models import Meeting, MeetingStatus

DIGEST_INTENT = "papers.digest"
LATE_INTENT = "announcement-paper-added"


def short_when(date: dt.date, start: dt.datetime | None) -> str:
    """ "Wed 14 May, 2.00pm", or the date alone."""
    text = f"{date:%a} {date.day} {date:%B}"
    return f"{text}, {clock(start)}" if start is not None else text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def digest_reply(session: Session, meeting_id: int) -> Reply | None:
    """The digest of a meeting's papers; None when it is off, gone or has no papers."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.status != MeetingStatus.SCHEDULED:
        return None
    items = item_papers(session, meeting.id, public=False)
    if not items:
        return None
    deciding: list[str] = []
    noting: list[str] = []
    exempt: list[str] = []
    silent: list[str] = []
    pages = 0
    for item in items:
        pages += sum(p.page_count or 0 for p in item.papers if not p.restricted)
        reading = read_item(item)
        if reading.kind == "restricted":
            exempt.append(item.label)
        elif reading.paper is None or reading.first is None:
            silent.append(item.label)
        elif reading.kind == "decide":
            deciding.append(f"{item.label}: {quoted(reading.paper, reading.first)}")
        else:
            noting.append(item.label)
    count = len(meeting.items) or len(items)
    when = short_when(meeting.date, meeting.local_start())
    text = (
        f"Your papers for {meeting.board.name}, {when}: {_plural(count, 'item')}, "
        f"{len(deciding)} asking for a decision. {_plural(pages, 'page')} in all."
    )
    lines = list(deciding)
    if noting:
        lines.append("To note: " + "; ".join(noting))
    if silent:
        lines.append("No recommendations found in the papers of: " + "; ".join(silent))
    if exempt:
        lines.append("Exempt (papers not published): " + "; ".join(exempt))
    return Reply(
        title=f"Papers: {meeting.board.name}, {day(meeting.date)}",
        text=text,
        intent=DIGEST_INTENT,
        items=lines,
        citations=[Citation(meeting.board.name, meeting.date)],
        private=True,
        footer="/digest off stops these messages; /digest on starts them again.",
        meeting_id=meeting.id,
    )


def late_paper_text(facts: dict[str, Any]) -> str:
    """ "A supplementary paper for item 6 was published: <title> (12 pages)." """
    number = facts.get("item_number")
    item = f"item {number}" if number else f"“{facts.get('item_title', '')}”"
    pages = facts.get("pages")
    size = f" ({_plural(int(pages), 'page')})" if pages else ""
    if facts.get("restricted"):
        size = " (exempt: not published)"
    return f"A supplementary paper for {item} was published: {facts['title']}{size}."


def late_paper_reply(facts: dict[str, Any], meeting_id: int | None = None) -> Reply:
    """The late-paper notice, for the board's channel or one member."""
    date = dt.date.fromisoformat(facts["date"])
    start = dt.time.fromisoformat(facts["time"]) if facts.get("time") else None
    when = f"{date:%a} {date.day} {date:%B}" + (f", {clock(start)}" if start else "")
    text = f"{late_paper_text(facts)} Meeting: {when}."
    items = [] if facts.get("restricted") else [str(facts["url"])]
    return Reply(
        title=f"{facts['board']}: supplementary paper",
        text=text,
        intent=LATE_INTENT,
        items=items,
        citations=[Citation(facts["board"], date)],
        private=bool(facts.get("restricted")),
        meeting_id=meeting_id,
    )
