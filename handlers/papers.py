""" "What are we being asked to decide?" and ``/papers [item]``: the reports behind an agenda.

Recommendations are quoted exactly as the reports print them (see
``ingest.parsers.papers``), each with the paper and page it is on and a link to
that page, so a member can check every word; nothing is summarised. Items whose
reports only ask members to note something are listed briefly after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from handlers.agenda import parse_date
from handlers.formatting import day, meeting_when
from handlers.messages import Citation, Reply
from handlers.router import Context, Route, Router
from handlers.scope import resolve_scope
from ingest.parsers.papers import Section, asks_decision
from ingest.parsers.report_sections import report_sections
from storage.meetings import meeting_on
from storage.models import Meeting
from storage.papers.records import meeting_papers
from storage.papers.tables import Paper
from storage.queries import upcoming_meetings

_ASKS = re.compile(
    r"\b(asked|asking|need|needs|have|going|due|expected)\s+to\s+decide\b"
    r"|\b(up\s+)?for\s+decision\b|\bwhat\s+(are|is)\s+we\s+deciding\b"
    r"|\bdecisions?\s+(are\s+)?(needed|required|due|coming\s+up)\b"
)
_ON_DATE = re.compile(
    r"\b(?:on|for)\s+((?:mon|tue|wed|thu|fri|sat|sun)\w*\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+"
    r"(?:\s+\d{4})?",
    re.I,
)
# A paper's recommendations are looked for in reports before appendices.
_ORDER = {"report": 0, "supplement": 1, "other": 2, "presentation": 3, "appendix": 4}


def recognises(ctx: Context) -> bool:
    return bool(_ASKS.search(" ".join(ctx.text.lower().replace("’", "'").split())))


@dataclass(frozen=True)
class ItemPapers:
    number: str | None
    title: str
    papers: list[Paper]

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


def item_papers(session: Session, meeting_id: int, *, public: bool) -> list[ItemPapers]:
    """The meeting's papers by item, in agenda order; ``public``: restricted ones left out."""
    found: dict[str, ItemPapers] = {}
    for paper in meeting_papers(session, meeting_id):
        if paper.restricted and public:
            continue
        entry = found.setdefault(
            paper.item_key, ItemPapers(paper.item_number, paper.item_title, [])
        )
        entry.papers.append(paper)
    return list(found.values())


def _items(ctx: Context, meeting: Meeting) -> list[ItemPapers]:
    return item_papers(ctx.session, meeting.id, public=ctx.asker.is_public)


def pages_cited(paper: Paper, section: Section) -> str:
    """``p. 3`` or ``pp. 3–4``, as the document at the paper's address numbers them (a pack's
    own pages)."""
    start, end = paper.printed_page(section.start_page), paper.printed_page(section.end_page)
    return f"p. {start}" if start == end else f"pp. {start}–{end}"


def recommended(item: ItemPapers) -> tuple[Paper, list[Section]] | None:
    """The first report of the item that makes recommendations and them, else the first
    report's own words saying it makes none ("Recommendations: None") as its one section."""
    readable = [p for p in item.papers if p.pages and not p.restricted]
    says_none: tuple[Paper, list[Section]] | None = None
    for paper in sorted(readable, key=lambda p: _ORDER.get(p.kind, 2)):
        found = report_sections([page.text for page in paper.pages])
        if found.recommendations:
            return paper, list(found.recommendations)
        if found.no_recommendations is not None and says_none is None:
            says_none = paper, [found.no_recommendations]
    return says_none


@dataclass(frozen=True)
class ItemReading:
    """What one agenda item's papers ask of the board, with the first section that says so."""

    item: ItemPapers
    kind: str  # restricted | silent | says-none | decide | note
    paper: Paper | None = None
    first: Section | None = None


def read_item(item: ItemPapers) -> ItemReading:
    """Restricted (no paper published), silent (no recommendation found), says-none (the
    report's own words: it makes none), decide (asks for a decision) or note."""
    if all(p.restricted for p in item.papers):
        return ItemReading(item, "restricted")
    found = recommended(item)
    if found is None:
        return ItemReading(item, "silent")
    paper, sections = found
    if sections[0].kind == "no-recommendations":
        return ItemReading(item, "says-none", paper, sections[0])
    return ItemReading(item, "decide" if asks_decision(sections) else "note", paper, sections[0])


def quoted(paper: Paper, section: Section) -> str:
    """A section quoted as printed, with its page and a link to that page."""
    return (
        f"“{section.text}” ({paper.title}, {pages_cited(paper, section)}) "
        f"{paper.url}#page={paper.printed_page(section.start_page)}"
    )


def _meeting(ctx: Context) -> tuple[Meeting | None, str | None]:
    scope = resolve_scope(ctx, ctx.text if ctx.message.command else None)
    if scope.problem:
        return None, scope.problem
    if not scope.boards:
        return None, "You don't sit on any board yet."
    named = _ON_DATE.search(ctx.text)
    date = parse_date(named[0], ctx.message.now) if named else None
    if date is not None:
        meeting = meeting_on(ctx.session, scope.board_ids, date)
        return meeting, None if meeting else f"There is no meeting on {day(date)} in the record."
    upcoming = upcoming_meetings(ctx.session, scope.board_ids, ctx.message.now, limit=1)
    return (upcoming[0], None) if upcoming else (None, "No upcoming meeting is scheduled.")


def to_decide(ctx: Context) -> Reply:
    meeting, problem = _meeting(ctx)
    if meeting is None:
        return Reply(text=problem or "", intent="papers.decide.none")
    lines: list[str] = []
    noting: list[str] = []
    silent: list[str] = []
    says_none: list[str] = []
    for reading in map(read_item, _items(ctx, meeting)):
        item, paper, first = reading.item, reading.paper, reading.first
        if reading.kind == "restricted":
            silent.append(f"{item.label} (restricted: its papers are not published)")
        elif paper is None or first is None:
            silent.append(item.label)
        elif reading.kind == "says-none":
            says_none.append(
                f"{item.label} (“{first.text}”, {paper.title}, {pages_cited(paper, first)})"
            )
        elif reading.kind == "decide":
            lines.append(f"{item.label}:\n{quoted(paper, first)}")
        else:
            noting.append(f"{item.label} ({paper.title}, {pages_cited(paper, first)})")
    where = f"the {meeting.board.name}, {meeting_when(meeting)}"
    if not (lines or noting or silent or says_none):
        text = f"No papers have been published for {where} yet."
    else:
        count = len(lines)
        text = f"At {where}, {count} item{'' if count == 1 else 's'} ask{'s' if count == 1 else ''} for a decision."
        text += " Recommendations are quoted from the reports."
    if noting:
        lines.append("To note: " + "; ".join(noting))
    if says_none:
        lines.append("Making no recommendation, in their own words: " + "; ".join(says_none))
    if silent:
        lines.append("No recommendations found in the papers of: " + "; ".join(silent))
    return Reply(
        title=f"To decide: {meeting.board.name}, {day(meeting.date)}",
        text=text,
        intent="papers.decide",
        items=lines,
        citations=[Citation(meeting.board.name, meeting.date)],
    )


def _wanted(item: ItemPapers, words: str) -> bool:
    wanted = words.strip().lower().removeprefix("item").strip()
    if not wanted:
        return True
    if item.number and item.number.lower() == wanted:
        return True
    return all(word in item.title.lower() for word in wanted.split())


def papers(ctx: Context) -> Reply:
    """``/papers [item]``: the next meeting's papers (or one item's), with kinds and links."""
    argument = ctx.text if ctx.message.command else ""
    upcoming_scope = resolve_scope(ctx)
    if not upcoming_scope.boards:
        return Reply(
            text=upcoming_scope.problem or "You don't sit on any board yet.", intent="papers.none"
        )
    upcoming = upcoming_meetings(ctx.session, upcoming_scope.board_ids, ctx.message.now, limit=1)
    if not upcoming:
        return Reply(text="No upcoming meeting is scheduled.", intent="papers.none")
    meeting = upcoming[0]
    chosen = [item for item in _items(ctx, meeting) if _wanted(item, argument)]
    where = f"the {meeting.board.name}, {meeting_when(meeting)}"
    if not chosen:
        about = f" for “{argument}”" if argument else ""
        return Reply(text=f"No papers{about} are recorded for {where}.", intent="papers.none")
    lines = []
    for item in chosen:
        listed = []
        for paper in item.papers:
            if paper.restricted:
                listed.append(f"{paper.title} (restricted, not published)")
            elif paper.page_count is None:
                listed.append(f"{paper.title} ({paper.kind}, not read yet) {paper.url}")
            else:
                pages = f"{paper.page_count} page{'' if paper.page_count == 1 else 's'}"
                listed.append(f"{paper.title} ({paper.kind}, {pages}) {paper.url}")
        lines.append(f"{item.label}: " + "; ".join(listed))
    return Reply(
        title=f"Papers: {meeting.board.name}, {day(meeting.date)}",
        text=f"Papers for {where}:",
        intent="papers",
        items=lines,
        citations=[Citation(meeting.board.name, meeting.date)],
    )


def register(router: Router) -> None:
    router.add(Route(intent="papers.decide", handle=to_decide, recognises=recognises, priority=45))
    router.add(Route(intent="papers", handle=papers, commands=("papers",)))
