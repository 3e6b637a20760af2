""" "What does the report on <topic> recommend?" and "what does the <topic> report say about
<x>?": one to three sentences quoted from a report's pages, each with its page and a link.

The report is found by the retrieval the record's questions use: the topic's words grouped
into concepts with every way councils print them (``handlers.ask.concepts``), pages ranked
by BM25 / ``ts_rank`` (``storage.papers.search``), and among the reports that hold the
topic, the one titled for it first, then the newest meeting. Quotes are sentences as
printed (line breaks joined); a report that makes no recommendation says so in its own
words or not at all. Exempt papers are quoted only in a direct message to the board's members.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from handlers.ask.concepts import Concept, concepts, core
from handlers.ask.question import STOP_WORDS
from handlers.ask.route import ask
from handlers.ask.scoring import Words, holds
from handlers.formatting import day
from handlers.messages import Citation, Reply, ReplyField
from handlers.router import Context, Route, Router
from handlers.scope import resolve_scope, visible_boards, without_board_names
from ingest.parsers.report_sections import report_sections
from storage.papers.search import papers_by_id, search_pages
from storage.papers.tables import Paper
from storage.search import words

_VERB = r"(?:does|do|did|will|would)"
# What councils call the documents in a pack, as a member names them.
_PAPER = (
    r"(?:report|paper|briefing|update|review|strategy|plan|policy|statement|charter"
    r"|proposal|business\s+case|assessment|audit|application)s?"
)
_ABOUT = r"(?:on|about|for|into|regarding|re)"
_BODY = r"(?:us|members|(?:the\s+)?(?:\w+\s+){0,4}?(?:board|committee|cabinet|council|panel|forum))"
_ASK = rf"asks?\s+{_BODY}\s+(?:to\s+(?:do|decide|approve|agree|note|endorse|consider)|for)"
_RECOMMEND = rf"(?:recommends?(?:\s+to\s+\w+)?|propose|proposes|suggest|suggests|{_ASK})"
_SAY = r"(?:say|says|said|tell\s+us|mention|conclude)"
_REST = rf"(?:(?P<recommend>{_RECOMMEND})|{_SAY}\s+{_ABOUT}\s+(?P<about>.+?))\s*[?.!]*$"
_FORMS = (
    # what does the report on fostering allowances recommend / say about X?
    re.compile(rf"^what\s+{_VERB}\s+the\s+{_PAPER}\s+{_ABOUT}\s+(?P<topic>.+?)\s+{_REST}"),
    # what does the fostering allowances report recommend / ask the board to do?
    re.compile(rf"^what\s+{_VERB}\s+the\s+(?P<topic>.+?\s+{_PAPER})\s+{_REST}"),
    # what decisions does the strategy report ask for?
    re.compile(
        rf"^what\s+(?:decisions?|recommendations?)\s+{_VERB}\s+the\s+(?P<topic>.+?)\s+"
        rf"(?P<recommend>(?:ask|seek|make|want)s?(?:\s+for)?|recommend)\s*[?.!]*$"
    ),
    # what is recommended for the Mill Lane application? what's the officer recommendation
    # on the gasworks application? what are the recommendations of the audit report?
    re.compile(
        r"^what(?:\s+is|\s+are|'s)\s+(?:(?P<recommend>recommended|proposed)"
        r"|the\s+(?:officers?'?s?\s+)?(?P<recommend2>recommendations?|proposals?))"
        r"\s+(?:for|on|of|in|about)\s+(?:the\s+)?(?P<topic>.+?)\s*[?.!]*$"
    ),
    # what decisions are sought on the counter fraud report? what decision is required on X?
    re.compile(
        r"^what\s+(?:decisions?|approvals?)\s+(?:is|are)\s+(?P<recommend>sought|required|needed"
        r"|asked\s+for)\s+(?:on|for|about|in)\s+(?:the\s+)?(?P<topic>.+?)\s*[?.!]*$"
    ),
    # what is the Corporate Parenting Board asked to do about the Virtual School report?
    re.compile(
        rf"^what\s+(?:is|are)\s+{_BODY}\s+(?P<recommend>asked|recommended)\s+to\s+"
        r"(?:do|decide|approve|agree)\s+(?:about|on|with)\s+(?:the\s+)?(?P<topic>.+?)"
        r"\s*[?.!]*$"
    ),
    # what does the masterplan say about the Wharf? (any named document; an answer from the
    # record when no report matches)
    re.compile(
        rf"^what\s+{_VERB}\s+the\s+(?P<topic>.+?)\s+{_SAY}\s+{_ABOUT}\s+(?P<about>.+?)\s*[?.!]*$"
    ),
    # what does the bus services task group recommend?
    re.compile(
        rf"^what\s+{_VERB}\s+the\s+(?P<topic>.+?)\s+(?P<recommend>recommend|propose)\s*[?.!]*$"
    ),
)
# Words that name a document rather than what it is about.
_GENERIC = re.compile(r"\s+(?:report|paper|briefing|update)s?$")
EXAMPLE = "what does the report on fostering allowances recommend?"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(‘])")
_HEADING = re.compile(r"^(\S+\s+){0,7}\S+$(?<![.,;:!?)])")
_MOST_QUOTES = 3
_CANDIDATES = 200
# Reports before the documents hung on them.
_KIND_ORDER = {"report": 0, "supplement": 1, "other": 2, "presentation": 3, "appendix": 4}


@dataclass(frozen=True)
class TopicQuestion:
    topic: str
    # What the member wants it to say about, or None for its recommendations.
    about: str | None


def parse_topic_question(text: str) -> TopicQuestion | None:
    folded = " ".join(text.lower().replace("’", "'").split())
    for form in _FORMS:
        match = form.match(folded)
        if match is not None:
            about = match.groupdict().get("about")
            topic = _GENERIC.sub("", match["topic"].strip(" ?"))
            return TopicQuestion(topic, about.strip(" ?") if about else None)
    return None


def recognises(ctx: Context) -> bool:
    return parse_topic_question(ctx.text) is not None


@dataclass(frozen=True)
class Quote:
    sentence: str
    page: int


def answer(ctx: Context) -> Reply:
    asked = parse_topic_question(ctx.text)
    assert asked is not None  # the route only takes what it recognises
    scope = resolve_scope(ctx)
    if scope.problem or not scope.boards:
        return Reply(text=scope.problem or "You don't sit on any board yet.", intent="papers.none")
    topic = without_board_names(asked.topic, visible_boards(ctx))
    topic_concepts = _concepts(ctx, topic)
    if not topic_concepts:
        return Reply(text=f"Which report? For example: “{EXAMPLE}”", intent="papers.topic.none")
    about_concepts = _concepts(ctx, asked.about) if asked.about else []
    paper = _report(ctx, topic_concepts, about_concepts, scope.board_ids)
    if paper is None:
        # Perhaps it is in the record (an item's minutes, a decision), not in the papers.
        recorded = ask(ctx)
        if not recorded.intent.startswith("ask.no"):
            return recorded
        return Reply(
            text=f"I found no report on “{asked.topic}” in the papers I have read.",
            intent="papers.topic.none",
        )
    meeting = paper.meeting
    where = f"{paper.title} ({_item_label(paper)}, {meeting.board.name}, {day(meeting.date)})"
    if asked.about is None:
        quotes, lead = _recommended(paper, where)
    else:
        quotes, lead = _said_about(ctx, paper, asked.about, where)
    return Reply(
        title=f"From the papers: {paper.title}",
        text=lead,
        intent="papers.topic",
        items=[_cited(paper, quote) for quote in quotes],
        fields=_author(paper),
        citations=[Citation(meeting.board.name, meeting.date, paper.item_number, paper.item_title)],
        private=paper.restricted,
    )


def _author(paper: Paper) -> list[ReplyField]:
    """Who to ask about the report, as it prints them, with the page."""
    found = report_sections([page.text for page in paper.pages]).author
    if found is None:
        return []
    page = paper.printed_page(found.start_page)
    return [ReplyField("Report author", f"{found.text} ({paper.title}, p. {page})")]


def _item_label(paper: Paper) -> str:
    return f"item {paper.item_number}" if paper.item_number else paper.item_title


def _cited(paper: Paper, quote: Quote) -> str:
    page = paper.printed_page(quote.page)
    return f"“{quote.sentence}” ({paper.title}, p. {page}) {paper.url}#page={page}"


def _concepts(ctx: Context, text: str) -> list[Concept]:
    terms = tuple(w for w in words(text) if w not in STOP_WORDS)
    return concepts(ctx.session, terms, text.split(), lambda _word: []) if terms else []


def _needed(count: int) -> int:
    """As many concepts as an item must hold to answer (``handlers.ask.record``)."""
    if count <= 2:
        return count
    return count - 1 if count <= 5 else -(-2 * count // 3)


def _wanted(asked: Sequence[Concept]) -> list[list[tuple[str, ...]]]:
    return [[core(form) for form in c.forms] for c in asked]


def _may_see(ctx: Context, paper: Paper) -> bool:
    """An exempt paper: a direct message to someone who sits on its board (as ``may_quote``)."""
    if not paper.restricted:
        return True
    board_id = paper.meeting.board_id
    return ctx.message.is_direct and (ctx.asker.is_operator or ctx.asker.sits_on(board_id))


def _report(
    ctx: Context, asked: list[Concept], about: list[Concept], board_ids: list[int]
) -> Paper | None:
    """The report most about the topic: titled for it, then one that holds what the question
    asks it about, then a report before an appendix, then the newest meeting, then the best
    ranked page."""
    hits = search_pages(
        ctx.session,
        _wanted(asked),
        board_ids,
        at_least=_needed(len(asked)),
        limit=_CANDIDATES,
    )
    best: dict[int, float] = {}
    for hit in hits:
        best[hit.paper_id] = max(best.get(hit.paper_id, 0.0), hit.score)
    papers = [p for p in papers_by_id(ctx.session, best) if _may_see(ctx, p)]
    if not papers:
        return None
    holding: set[int] = set()
    if about:
        on_about = search_pages(
            ctx.session,
            _wanted(about),
            board_ids,
            paper_ids=[p.id for p in papers],
            at_least=_needed(len(about)),
            limit=_CANDIDATES,
        )
        holding = {hit.paper_id for hit in on_about}

    def titled(paper: Paper) -> int:
        title = Words(f"{paper.item_title} {paper.title}")
        return sum(holds(c, title) for c in asked)

    papers.sort(
        key=lambda p: (
            -titled(p),
            p.id not in holding,
            _KIND_ORDER.get(p.kind, 2),
            -p.meeting.date.toordinal(),
            -best[p.id],
        )
    )
    return papers[0]


def _paragraphs(text: str) -> list[str]:
    """A page's paragraphs, each one line: PDF line breaks inside a paragraph joined, and
    headings (a short line with no closing punctuation) left out."""
    found: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _HEADING.match(line):
            found.append([])
        else:
            found[-1].append(line)
    return [" ".join(lines) for lines in found if lines]


def _sentences(text: str) -> list[str]:
    return [s.strip() for p in _paragraphs(text) for s in _SENTENCE.split(p) if len(s.strip()) > 2]


def _page_of(paper: Paper, sentence: str, default: int) -> int:
    """The page a quoted sentence starts on (its first words found on it)."""
    opening = " ".join(sentence.split()[:8])
    for page in paper.pages:
        if opening in " ".join(page.text.split()):
            return page.number
    return default


def _recommended(paper: Paper, where: str) -> tuple[list[Quote], str]:
    found = report_sections([page.text for page in paper.pages])
    quotes: list[Quote] = []
    for section in found.recommendations:
        # A section is already cut from its headings: its lettered parts stay one sentence.
        for sentence in _SENTENCE.split(" ".join(section.text.split())):
            if len(quotes) < _MOST_QUOTES:
                quotes.append(Quote(sentence, _page_of(paper, sentence, section.start_page)))
    if quotes:
        return quotes, f"What {where} recommends, as printed:"
    said = found.no_recommendations
    if said is not None:
        quote = Quote(said.text, said.start_page)
        return [quote], f"{where} makes no recommendation; it says:"
    return [], f"I found no recommendations in {where}."


def _said_about(ctx: Context, paper: Paper, about: str, where: str) -> tuple[list[Quote], str]:
    asked = _concepts(ctx, about)
    if not asked:
        return [], f"What about? {where} is the report I found."
    hits = search_pages(
        ctx.session,
        _wanted(asked),
        [paper.meeting.board_id],
        paper_ids=[paper.id],
        at_least=1,
        limit=_MOST_QUOTES,
    )
    pages = {page.number: page for page in paper.pages}
    scored: list[tuple[int, int, int, Quote]] = []
    for rank, hit in enumerate(hits):
        for index, sentence in enumerate(_sentences(pages[hit.number].text)):
            held = sum(holds(c, Words(sentence)) for c in asked)
            if held:
                scored.append((held, rank, index, Quote(sentence, hit.number)))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    most = scored[0][0] if scored else 0
    chosen = [s for s in scored if s[0] == most][:_MOST_QUOTES]
    quotes = [q for *_, q in sorted(chosen, key=lambda s: (s[3].page, s[2]))]
    if not quotes:
        return [], f"{where} does not mention “{about}”."
    return quotes, f"What {where} says about “{about}”:"


def register(router: Router) -> None:
    router.add(Route(intent="papers.topic", handle=answer, recognises=recognises, priority=44))
