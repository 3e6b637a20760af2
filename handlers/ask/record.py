"""Finding the agenda items a question is about, ranked by how well they answer it.

An item whose title, presenters or resolutions hold every concept asked about is
"strong" (its resolutions are the answer); one holding enough of them anywhere is
"weak" (the minutes mention it, quoted as such). Anything looser is offered as
"closest items", never as the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils
from sqlalchemy.orm import Session

from handlers.ask.concepts import Concept, concepts, core
from handlers.ask.scoring import Scored, Words, best_sentences
from storage.agenda_items import items_by_id
from storage.models import AgendaItem
from storage.search import Hit, search_items


@dataclass
class Found:
    strong: list[AgendaItem] = field(default_factory=list)
    # Other items holding enough of the topic, with the sentences that do; best first.
    weak: list[tuple[AgendaItem, list[str]]] = field(default_factory=list)
    terms: tuple[str, ...] = ()
    # Whether the words had to be corrected ("sufficency" → "sufficiency").
    corrected: bool = False
    concepts: list[Concept] = field(default_factory=list)
    # Nothing held enough of the question: these hold only part of it.
    partial: bool = False

    @property
    def empty(self) -> bool:
        return not self.strong and not self.weak


def _load(session: Session, hits: Sequence[Hit]) -> list[AgendaItem]:
    return items_by_id(session, [hit.item_id for hit in hits])


def relevant_sentences(item: AgendaItem, terms: Sequence[str], limit: int = 2) -> list[str]:
    """The sentences of the minutes that hold most of the asked words, in printed order."""
    return best_sentences(item, [Concept(t, ((t,),)) for t in terms], limit)


def find(
    session: Session,
    terms: tuple[str, ...],
    raw_terms: Sequence[str],
    board_ids: list[int],
    *,
    thorough: bool = False,
    latest: bool = False,
    candidates: int = 30,
    form_words: Sequence[str] = (),
    said_as: Sequence[str] = (),
) -> Found:
    """The items a question is about, ranked.

    The newest items whose headings hold the question, and one ranked query over every
    field (BM25 with field weights, enough of the concepts, not every word), give the
    candidates; each is then scored by how many of the question's concepts it covers,
    where (title and resolutions count most) and whether asked phrases are printed
    together. Unless ``thorough`` (the minutes' sentences are the answer, or a meeting is
    named), an answer from the headings spares the ranked query; when the ``latest``
    mention is wanted rather than the best ("when did we last discuss X"), every field is
    searched newest first instead.
    """
    if not terms or not board_ids:
        return Found(terms=terms)

    def texts_for(word: str) -> list[str]:
        hits = search_items(session, [word], board_ids, where="all", ranked=True, limit=5)
        return [
            t
            for i in _load(session, hits)
            for t in (i.title, i.agenda_text or "", i.minutes_text or "")
        ]

    asked = concepts(session, terms, raw_terms, texts_for)
    needed = _needed(len(asked))
    # The database finds only items that can be answers (enough concepts, any field) and
    # ranks them by BM25; who is asked about ("children in care") may go unsaid.
    topical = [c for c in asked if not c.context] or asked
    wanted = [[core(form) for form in c.forms] for c in topical]
    # The newest items titled for the topic: BM25 alone would rank a topic's many meetings
    # by the length of their minutes, not their date.
    newest = search_items(session, wanted, board_ids, where="heading", limit=candidates)
    ranked_hits = []
    if thorough or not newest:
        ranked_hits = search_items(
            session,
            wanted,
            board_ids,
            where="all",
            at_least=needed - (len(asked) - len(topical)),
            ranked=not latest,
            limit=candidates,
        )
    best_db = max((h.score for h in ranked_hits), default=0.0) or 1.0
    relevance = {h.item_id: h.score / best_db for h in ranked_hits}
    hits = list({h.item_id: h for h in [*ranked_hits, *newest]}.values())
    if not hits:
        return _partial(session, terms, board_ids, asked, candidates)
    ranked = sorted(
        (Scored.of(item, asked, relevance.get(item.id, 0.0)) for item in _load(session, hits)),
        key=lambda s: -s.score,
    )
    shown_terms = tuple(w for c in asked for w in ((c.corrected,) if c.corrected else c.forms[0]))
    corrected = any(c.corrected for c in asked)
    any_topical = any(not c.context for c in asked)
    headed = [
        s
        for s in ranked
        if (s.on_topic or not any_topical) and s.in_heading + s.unsaid_context == len(asked)
    ]
    # Printed as the member wrote it beats printed another way (exact, then synonyms); then
    # the item titled for the topic; among equals the newest, since a member not naming a
    # meeting means the latest time it came up.
    headed = [s for s in headed if s.as_asked == len(asked)] or headed
    # Two items of one meeting alike for the topic: the one also saying the question's own
    # words ("CLA numbers": the item giving the number of children looked after).
    headed.sort(
        key=lambda s: (
            -s.in_title,
            -_verbatim(s.item, said_as),
            -s.item.meeting.date.toordinal(),
            -_saying(s.item, form_words),
            -s.score,
        )
    )
    strong = [s.item for s in headed]
    enough = [
        s
        for s in ranked
        if s.covered + s.unsaid_context >= needed
        and (s.on_topic or not any_topical)
        and s.item not in strong
    ]
    # More of the question first; among equals the newest.
    enough.sort(
        key=lambda s: (-(s.covered + s.unsaid_context), -s.item.meeting.date.toordinal(), -s.score)
    )
    weak = [(s.item, best_sentences(s.item, asked)) for s in enough]
    if not strong and not weak:
        return _partial(session, terms, board_ids, asked, candidates)
    return Found(
        strong=strong,
        weak=weak,
        terms=shown_terms if strong or weak else terms,
        corrected=corrected,
        concepts=asked,
    )


def _partial(
    session: Session,
    terms: tuple[str, ...],
    board_ids: list[int],
    asked: list[Concept],
    candidates: int,
) -> Found:
    """The items holding the most (but not enough) of the asked concepts, best first.

    Nothing holds enough of it ("pharmacy closures" where the minutes print "two pharmacies
    had closed"): the items holding most of it are the nearest answer, said to be partial,
    rather than nothing at all. A one-concept question has no part to fall back on, and an
    item holding less than half of the question is no nearer than any other.
    """
    topical = [c for c in asked if not c.context]
    if len(topical) < 2:
        return Found(terms=terms)
    wanted = [[core(form) for form in c.forms] for c in topical]
    hits = search_items(
        session, wanted, board_ids, where="all", any_term=True, ranked=True, limit=candidates
    )
    best_db = max((h.score for h in hits), default=0.0) or 1.0
    relevance = {h.item_id: h.score / best_db for h in hits}
    scored = [Scored.of(item, asked, relevance.get(item.id, 0.0)) for item in _load(session, hits)]
    # At least half of it: "allotment waiting lists" is not answered by a waiting list.
    scored = [s for s in scored if 2 * s.on_topic >= len(topical)]
    scored.sort(key=lambda s: (-s.on_topic, -s.in_title, -s.score))
    return Found(
        weak=[(s.item, best_sentences(s.item, asked)) for s in scored],
        terms=terms,
        concepts=asked,
        partial=bool(scored),
    )


def _saying(item: AgendaItem, form_words: Sequence[str]) -> int:
    """How many of the question's form words ("numbers", "approved") the item prints."""
    if not form_words:
        return 0
    printed = _printed(item)
    return sum(printed.has(word) for word in form_words)


def _printed(item: AgendaItem) -> Words:
    """Everything the record prints about an item: title, minutes and resolutions."""
    return Words(" ".join([item.title, item.minutes_text or "", *(d.text for d in item.decisions)]))


def _verbatim(item: AgendaItem, said_as: Sequence[str], shortest: int = 3) -> int:
    """The longest run of the question's words (three or more) the item prints as typed:
    a campaign's or a report's own name ("Could You Foster?")."""
    if len(said_as) < shortest:
        return 0
    printed = _printed(item)
    for n in range(len(said_as), shortest - 1, -1):
        for start in range(len(said_as) - n + 1):
            if printed.phrase(tuple(said_as[start : start + n])):
                return n
    return 0


def _needed(concepts: int) -> int:
    """How many of the asked concepts an item must hold to be an answer: all of one or two;
    all but one of three to five ("the feedback from the care leavers' forum" may print
    "forums"); two thirds of more."""
    if concepts <= 2:
        return concepts
    if concepts <= 5:
        return concepts - 1
    return -(-2 * concepts // 3)


def closest_titles(
    session: Session, terms: tuple[str, ...], board_ids: list[int], limit: int = 3
) -> list[str]:
    """Titles that share some words with the question: "did you mean" material, not answers."""
    hits = search_items(session, terms, board_ids, where="heading", any_term=True, limit=200)
    titles = {item.title for item in _load(session, hits)}
    if not titles:
        return []
    ranked = process.extract(
        " ".join(terms),
        list(titles),
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=40,
    )
    return [title for title, _score, _index in ranked]
