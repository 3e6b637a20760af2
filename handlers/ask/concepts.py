"""The things a question is about, each with every way the minutes may print it.

A member writes "LAC", "sufficency" or "children in care"; the minutes print "looked
after children", "sufficiency", "CLA". A ``Concept`` holds the asked words and their
alternatives: from the domain vocabulary (``vocabulary.txt``), from a typo corrected
against the index's own words, and from an abbreviation the minutes define
("Children in Care Council (CICC)").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.resources import files

from rapidfuzz import fuzz, process
from sqlalchemy.orm import Session

from handlers.ask.question import STOP_WORDS, same_word
from storage.search import heading_vocabulary, words

Form = tuple[str, ...]
# The texts (titles, agenda, minutes) of the items that mention a word.
TextsFor = Callable[[str], list[str]]
_LONGEST = 6


@dataclass(frozen=True)
class Concept:
    asked: str
    forms: tuple[Form, ...]
    # The index word a misspelt asked word was corrected to ("sufficency" → "sufficiency").
    corrected: str | None = None
    # Who a board is about ("children in care"): its items may leave it unsaid.
    context: bool = False


@functools.cache
def vocabulary() -> dict[Form, tuple[Form, ...]]:
    """Each phrase of the domain vocabulary → every phrase of its group."""
    groups: dict[Form, tuple[Form, ...]] = {}
    for line in _lines():
        group = tuple(dict.fromkeys(tuple(words(p)) for p in line.split("|") if words(p)))
        for phrase in group:
            key = _key(phrase)
            groups[key] = tuple(dict.fromkeys(groups.get(key, ()) + group))
    return groups


def core(form: Form) -> Form:
    """The words of a form that must be printed: "health and wellbeing board" is held by
    "Health and Wellbeing Strategy"; words that only name a body or join others may be left
    out."""
    return tuple(w for w in form if w not in STOP_WORDS) or form


def alternatives(phrase: Form) -> tuple[Form, ...]:
    """Every way the vocabulary says a phrase ("LAC" → looked after children, CLA, ...)."""
    return vocabulary().get(_key(phrase), ())


def _lines() -> list[str]:
    text = files("handlers.ask").joinpath("vocabulary.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def context_phrases() -> frozenset[Form]:
    """The phrases of the groups marked "~": who a board is about."""
    return frozenset(
        _key(tuple(words(p))) for line in _lines() if line.startswith("~") for p in line.split("|")
    )


def _key(phrase: Form) -> Form:
    """A phrase as looked up: without the words a question drops ("children in care" →
    children care) and without its plural ("delayed discharges" ~ "delayed discharge")."""
    kept = [w for w in phrase if w not in STOP_WORDS] or list(phrase)
    *head, last = kept
    return (*head, last[:-1] if len(last) > 3 and last.endswith("s") else last)


def concepts(
    session: Session, terms: Sequence[str], raw_terms: Sequence[str], texts_for: TextsFor
) -> list[Concept]:
    """The question's topic words grouped into concepts, longest vocabulary phrase first."""
    groups = vocabulary()
    index_words = heading_vocabulary(session)
    found: list[Concept] = []
    i = 0
    while i < len(terms):
        for n in range(min(_LONGEST, len(terms) - i), 0, -1):
            phrase = tuple(terms[i : i + n])
            if _key(phrase) in groups:
                forms = tuple(dict.fromkeys((phrase, *groups[_key(phrase)])))
                context = _key(phrase) in context_phrases()
                found.append(Concept(" ".join(phrase), forms, context=context))
                i += n
                break
            joined = "".join(phrase)
            if n == 2 and joined in index_words and not set(phrase) <= index_words:
                # "through care" printed "Throughcare".
                found.append(Concept(" ".join(phrase), ((joined,), phrase)))
                i += n
                break
        else:
            found.append(_word(terms[i], index_words, raw_terms, texts_for))
            i += 1
    # "local offer for care leavers": two phrases of one group are one concept.
    unique: dict[frozenset[Form], Concept] = {}
    for concept in found:
        unique.setdefault(frozenset(concept.forms), concept)
    return list(unique.values())


def _word(
    term: str,
    index_words: frozenset[str],
    raw_terms: Sequence[str],
    texts_for: TextsFor,
) -> Concept:
    forms: list[Form] = [(term,)]
    raw = next((r for r in raw_terms if r.lower() == term), term)
    forms += [tuple(words(e)) for e in defined(raw, texts_for)]
    corrected = None
    halves = [(term[:k], term[k:]) for k in range(3, len(term) - 2)]
    split = next((h for h in halves if h[0] in index_words and h[1] in index_words), None)
    if term not in index_words and split is not None:
        # "awayday" printed "away day".
        forms.append(split)
    elif term not in index_words and len(term) >= 4 and not term.isdigit():
        choices = index_words | {p[0] for p in vocabulary() if len(p) == 1}
        match = process.extractOne(term, choices, scorer=fuzz.ratio, score_cutoff=78)
        if match is not None and not same_word(term, match[0]):
            corrected = match[0]
            forms += vocabulary().get((corrected,), ((corrected,),))
    return Concept(term, tuple(dict.fromkeys(forms)), corrected)


SMALL_WORDS = frozenset({"of", "in", "for", "and", "the", "on", "to"})


def defined(raw: str, texts_for: TextsFor) -> list[str]:
    """What the minutes spell an abbreviation out as: "Children in Care Council (CICC)"."""
    if not (2 <= len(raw) <= 8 and raw.isalpha() and raw.upper() == raw):
        return []
    pattern = re.compile(r"((?:[\w'’-]+\s+){1,8}?)\(\s*" + re.escape(raw) + r"\s*\)", re.I)
    found = []
    for text in texts_for(raw):
        for match in pattern.finditer(text):
            expansion = _initials_match(match.group(1).split(), raw)
            if expansion:
                found.append(expansion)
    return list(dict.fromkeys(found))


def _initials_match(candidates: list[str], abbreviation: str) -> str | None:
    """The trailing words whose initials spell the abbreviation (small words skipped)."""
    letters = abbreviation.lower()
    for start in range(len(candidates) - 1, -1, -1):
        phrase = candidates[start:]
        initials = "".join(w[0].lower() for w in phrase if w.lower() not in SMALL_WORDS)
        if initials == letters:
            return " ".join(phrase)
    return None
