"""Finding the agenda items a question is about: exact words, then typos, then abbreviations.

An item is an answer only when the asked words are in its title, presenters or
resolutions ("strong"), or together in one sentence of its minutes ("weak", said
as such). Anything looser is offered as "closest items", never as the answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from handlers.ask.question import covers, same_word
from storage.models import AgendaItem, Meeting
from storage.search import Hit, heading_vocabulary, search_items, words

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'‘“(])|\n+")


@dataclass
class Found:
    strong: list[AgendaItem] = field(default_factory=list)
    # Items whose minutes mention the topic, with the sentences that do.
    weak: list[tuple[AgendaItem, list[str]]] = field(default_factory=list)
    terms: tuple[str, ...] = ()
    # Whether the words had to be corrected ("sufficency" → "sufficiency").
    corrected: bool = False

    @property
    def empty(self) -> bool:
        return not self.strong and not self.weak


def heading_text(item: AgendaItem) -> str:
    return " ".join([item.title, *item.presenters, *(d.text for d in item.decisions)])


def _load(session: Session, hits: Sequence[Hit]) -> list[AgendaItem]:
    if not hits:
        return []
    ids = [hit.item_id for hit in hits]
    loaded = session.scalars(
        select(AgendaItem)
        .where(AgendaItem.id.in_(ids))
        .options(
            selectinload(AgendaItem.decisions),
            selectinload(AgendaItem.meeting).selectinload(Meeting.board),
        )
    ).all()
    by_id = {item.id: item for item in loaded}
    return [by_id[i] for i in ids if i in by_id]


def _strong(session: Session, terms: tuple[str, ...], board_ids: list[int]) -> list[AgendaItem]:
    hits = search_items(session, terms, board_ids, where="heading", limit=60)
    return [item for item in _load(session, hits) if covers(terms, heading_text(item))]


def sentences(text: str | None) -> list[str]:
    if not text:
        return []
    return [s.strip(" -•·\t") for s in SENTENCE.split(text) if len(s.strip()) > 2]


def relevant_sentences(item: AgendaItem, terms: Sequence[str], limit: int = 2) -> list[str]:
    """The sentences of the minutes that hold most of the asked words, in printed order."""
    found = sentences(item.minutes_text) or sentences(item.agenda_text)
    scored = []
    for index, sentence in enumerate(found):
        printed = words(sentence)
        score = sum(any(same_word(t, w) for w in printed) for t in terms)
        if score:
            scored.append((score, index, sentence))
    best = sorted(scored, key=lambda s: (-s[0], s[1]))[:limit]
    return [sentence for _score, _index, sentence in sorted(best, key=lambda s: s[1])]


def _weak(
    session: Session, terms: tuple[str, ...], board_ids: list[int]
) -> list[tuple[AgendaItem, list[str]]]:
    hits = search_items(session, terms, board_ids, where="body", limit=40)
    found = []
    for item in _load(session, hits):
        text = f"{item.agenda_text or ''}\n{item.minutes_text or ''}"
        together = [s for s in sentences(text) if covers(terms, s)]
        if together:
            found.append((item, together[:2]))
    return found


def corrected_terms(session: Session, terms: tuple[str, ...]) -> tuple[str, ...]:
    """Each word not found in any title replaced by the closest title word, if close."""
    vocabulary = heading_vocabulary(session)
    fixed = []
    for term in terms:
        if term in vocabulary or len(term) < 4 or term.isdigit():
            fixed.append(term)
            continue
        match = process.extractOne(term, vocabulary, scorer=fuzz.ratio, score_cutoff=78)
        fixed.append(match[0] if match else term)
    return tuple(fixed)


def _expansions(
    session: Session, raw_terms: Sequence[str], board_ids: list[int]
) -> list[tuple[str, str]]:
    """Words an abbreviation stands for where the minutes define it: "Children in Care Council (CICC)"."""
    found: list[tuple[str, str]] = []
    for raw in raw_terms:
        if not (2 <= len(raw) <= 8 and raw.isalpha() and raw.upper() == raw):
            continue
        hits = search_items(session, [raw], board_ids, where="body", limit=5)
        hits += search_items(session, [raw], board_ids, where="heading", limit=5)
        pattern = re.compile(r"((?:[\w'’-]+\s+){1,8}?)\(\s*" + re.escape(raw) + r"\s*\)", re.I)
        for item in _load(session, hits):
            for text in (item.title, item.minutes_text or "", item.agenda_text or ""):
                for match in pattern.finditer(text):
                    expansion = _initials_match(match.group(1).split(), raw)
                    if expansion:
                        found.append((raw.lower(), expansion))
    return found


SMALL_WORDS = frozenset({"of", "in", "for", "and", "the", "on", "to"})


def _content_words(phrase: str) -> list[str]:
    return [w for w in words(phrase) if w not in SMALL_WORDS]


def _initials_match(candidates: list[str], abbreviation: str) -> str | None:
    """The trailing words whose capital initials spell the abbreviation (small words skipped)."""
    letters = abbreviation.lower()
    for start in range(len(candidates) - 1, -1, -1):
        phrase = candidates[start:]
        initials = "".join(w[0].lower() for w in phrase if w.lower() not in SMALL_WORDS)
        if initials == letters:
            return " ".join(phrase)
    return None


def find(
    session: Session, terms: tuple[str, ...], raw_terms: Sequence[str], board_ids: list[int]
) -> Found:
    if not terms or not board_ids:
        return Found(terms=terms)
    strong = _strong(session, terms, board_ids)
    if strong:
        return Found(strong=strong, terms=terms)
    fixed = corrected_terms(session, terms)
    if fixed != terms:
        strong = _strong(session, fixed, board_ids)
        if strong:
            return Found(strong=strong, terms=fixed, corrected=True)
    for abbreviation, expansion in _expansions(session, raw_terms, board_ids):
        expanded = tuple(
            w
            for term in terms
            for w in (_content_words(expansion) if term == abbreviation else [term])
        )
        strong = _strong(session, expanded, board_ids)
        if strong:
            return Found(strong=strong, terms=expanded)
    weak = _weak(session, terms, board_ids) or (
        _weak(session, fixed, board_ids) if fixed != terms else []
    )
    return Found(weak=weak, terms=terms if weak else fixed, corrected=fixed != terms)


def closest_titles(
    session: Session, terms: tuple[str, ...], board_ids: list[int], limit: int = 3
) -> list[str]:
    """Titles that share some words with the question: "did you mean" material, not answers."""
    hits = search_items(session, terms, board_ids, where="heading", any_term=True, limit=200)
    if not hits:
        hits = search_items(
            session, corrected_terms(session, terms), board_ids, where="heading", any_term=True
        )
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
