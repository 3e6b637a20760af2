"""The meeting page's agenda: each item with its presenters and papers, the first recommendation
quoted from its report (with the page and a link to it), and, once the meeting is past, the
minutes and decisions as printed.

Papers hang off the site's item (number and title), not our agenda row, so they are
matched to items by number, then title; any left over are listed after the agenda.
Exempt items' papers, minutes and decisions are shown only to viewers who sit on the
board, as chat quotes them only in a direct message to them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from bot.web.console.auth import Viewer
from handlers.papers import ItemPapers, item_papers, pages_cited, recommended
from storage.models import AgendaItem, Meeting
from storage.papers.tables import Paper


@dataclass(frozen=True)
class PaperLine:
    title: str
    kind: str
    url: str
    pages: str  # "12 pages", "not read yet", "restricted, not published"
    linked: bool


@dataclass(frozen=True)
class Quote:
    """A recommendation exactly as printed, where it is, and a link to that page."""

    text: str
    paper: str
    cite: str
    link: str
    none: bool  # the report's own words saying it makes no recommendation


@dataclass
class ItemLine:
    number: str | None
    title: str
    presenters: list[str] = field(default_factory=list)
    exempt: bool = False
    hidden: bool = False  # exempt, and the viewer does not sit on the board
    papers: list[PaperLine] = field(default_factory=list)
    quote: Quote | None = None
    minutes: str | None = None
    decisions: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


def _paper(paper: Paper) -> PaperLine:
    if paper.restricted:
        return PaperLine(paper.title, paper.kind, paper.url, "restricted, not published", False)
    if paper.page_count is None:
        return PaperLine(paper.title, paper.kind, paper.url, "not read yet", True)
    count = paper.page_count
    return PaperLine(
        paper.title, paper.kind, paper.url, f"{count} page{'' if count == 1 else 's'}", True
    )


def _quote(item: ItemPapers) -> Quote | None:
    found = recommended(item)
    if found is None:
        return None
    paper, sections = found
    first = sections[0]
    link = f"{paper.url}#page={paper.printed_page(first.start_page)}"
    none = first.kind == "no-recommendations"
    return Quote(first.text, paper.title, pages_cited(paper, first), link, none)


def _key(number: str | None, title: str) -> tuple[str, str]:
    return ((number or "").strip().casefold(), " ".join(title.casefold().split()))


def _matching(item: AgendaItem, listed: list[ItemPapers]) -> ItemPapers | None:
    number, title = _key(item.number, item.title)
    for entry in listed:
        theirs = _key(entry.number, entry.title)
        if (number and theirs[0] == number) or theirs[1] == title:
            return entry
    return None


def agenda(session: Session, viewer: Viewer, meeting: Meeting, today: dt.date) -> dict[str, object]:
    """The agenda items (with papers, and minutes and decisions once past) and any papers not
    matched to an item."""
    listed = item_papers(session, meeting.id, public=False)
    sees_exempt = viewer.may_see_exempt(meeting.board_id)
    past = meeting.date < today
    lines: list[ItemLine] = []
    for item in meeting.items:
        entry = _matching(item, listed)
        if entry is not None:
            listed.remove(entry)
        line = ItemLine(item.number, item.title, list(item.presenters or []), item.exempt)
        if item.exempt and not sees_exempt:
            line.hidden = True
            lines.append(line)
            continue
        if entry is not None:
            line.papers = [_paper(p) for p in entry.papers]
            line.quote = _quote(entry)
        if past:
            line.minutes = item.minutes_text
            line.decisions = [d.text for d in item.decisions]
        lines.append(line)
    others = [
        ItemLine(
            e.number, e.title, papers=[_paper(p) for p in e.papers], quote=_quote(e), exempt=False
        )
        for e in listed
        if sees_exempt or not any(p.restricted for p in e.papers)
    ]
    return {"items": lines, "other_papers": others, "past": past}
