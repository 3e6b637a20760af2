"""How well one agenda item answers a question: coverage, field weight, phrases, BM25.

The database ranks candidates by BM25 alone; members' questions need more: an item
holding every concept asked about beats one holding the rarest word many times, a
concept in the title says more than one in passing in the minutes, and "care leavers"
printed together beats "care" and "leavers" apart.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from handlers.ask.concepts import Concept, Form, core
from handlers.ask.question import same_word
from storage.models import AgendaItem
from storage.search import words

# A concept in the title says most about what an item is, then its resolutions.
TITLE, DECISIONS, BODY = 3.0, 2.0, 1.0
SENTENCE = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z0-9\"'‘“(])|\n+")


class Words:
    """The distinct words of a text, with loose word-form matching (forums ~ forum).

    Read lazily: an item whose title holds the question never has its minutes split.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @functools.cached_property
    def sequence(self) -> list[str]:
        return words(self.text)

    @functools.cached_property
    def joined(self) -> str:
        return " " + " ".join(self.sequence) + " "

    @functools.cached_property
    def _by_start(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for word in self.sequence:
            found.setdefault(word[:2], set()).add(word)
        return found

    def has(self, word: str) -> bool:
        near = self._by_start.get(word[:2], set())
        if word in near:
            return True
        stem = _stem(word)
        return any(same_word(word, printed) or _stem(printed) == stem for printed in near)

    def holds(self, form: Form) -> bool:
        return all(self.has(word) for word in core(form))

    def phrase(self, form: Form) -> bool:
        return len(form) > 1 and f" {' '.join(form)} " in self.joined


_SUFFIXES = ("ments", "ment", "ings", "ing", "ions", "ion", "ers", "er", "ed", "es", "s")


def _stem(word: str) -> str:
    """A rough stem for word forms same_word misses: recruiting ~ recruitment ~ recruit."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 5:
            return word[: -len(suffix)]
    return word


def holds(concept: Concept, text: Words) -> bool:
    return any(text.holds(form) for form in concept.forms)


@dataclass
class Scored:
    item: AgendaItem
    score: float
    # How many concepts the item holds anywhere, and in its heading (title, resolutions).
    covered: int
    in_heading: int
    # Concepts in the title itself ("the local offer" item, not one that mentions it), half
    # counted when printed another way than asked.
    in_title: float
    # Concepts in the heading as the member wrote them ("CICC", not only its spelling out).
    as_asked: int
    # Concepts naming who the board is about ("children in care") that the item leaves unsaid,
    # and the other concepts it holds.
    unsaid_context: int
    on_topic: int

    @classmethod
    def of(cls, item: AgendaItem, asked: Sequence[Concept], bm25: float) -> Scored:
        title = Words(" ".join([item.title, *item.presenters]))
        decisions = Words(" ".join(d.text for d in item.decisions))
        body = Words(f"{item.agenda_text or ''}\n{item.minutes_text or ''}")
        weight = 0.0
        covered = in_heading = as_asked = unsaid_context = on_topic = 0
        in_title = 0.0
        phrases = 0.0
        for concept in asked:
            fields = [(TITLE, title), (DECISIONS, decisions), (BODY, body)]
            # The first field (title, resolutions, minutes) holding it is the one that counts.
            best = next(((w, text) for w, text in fields if holds(concept, text)), None)
            as_asked += title.holds(concept.forms[0]) or decisions.holds(concept.forms[0])
            unsaid_context += concept.context and best is None
            on_topic += best is not None and not concept.context
            if best is None:
                continue
            field, printed = best
            covered += 1
            weight += field
            in_heading += field > BODY
            in_title += 1.0 if title.holds(concept.forms[0]) else 0.5 * (field == TITLE)
            phrases += field * any(printed.phrase(form) for form in concept.forms)
        n = max(1, len(asked))
        score = 10 * covered / n + weight / n + phrases / n + bm25
        return cls(item, score, covered, in_heading, in_title, as_asked, unsaid_context, on_topic)


def titled_for(item: AgendaItem, asked: Iterable[Concept]) -> bool:
    """Whether the item's title names any of what is asked about (not who it is for)."""
    title = Words(item.title)
    return any(holds(c, title) for c in asked if not c.context)


def sentences(text: str | None) -> list[str]:
    if not text:
        return []
    return [s.strip(" -•·\t") for s in SENTENCE.split(text) if len(s.strip()) > 2]


def best_sentences(
    item: AgendaItem,
    asked: Iterable[Concept],
    limit: int = 2,
    *,
    wanted: re.Pattern[str] | None = None,
) -> list[str]:
    """The one or two sentences of the minutes (else agenda), or of the resolutions, that
    hold most of the concepts, quoted in printed order. A sentence matching ``wanted`` (a
    figure for "how many", names for "who is on") ranks first among equals."""
    asked = list(asked)
    found = sentences(item.minutes_text) or sentences(item.agenda_text)
    # The minutes often repeat the resolution word for word: each sentence once.
    found = list(dict.fromkeys(found + [s for d in item.decisions for s in sentences(d.text)]))
    scored = []
    for index, sentence in enumerate(found):
        printed = Words(sentence)
        score: float = sum(holds(c, printed) for c in asked)
        if wanted is not None and wanted.search(sentence) and score:
            score += 0.5
        if score:
            scored.append((score, index, sentence))
    best = sorted(scored, key=lambda s: (-s[0], s[1]))[:limit]
    if best and len(best) > 1 and best[1][0] < best[0][0]:
        best = best[:1]
    return [sentence for _score, _index, sentence in sorted(best, key=lambda s: s[1])]
