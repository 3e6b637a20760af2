"""Which items are exempt (taken in private), and on what printed ground.

An item is exempt when its own text says so ("exempt information", "Schedule 12A"), or
when an "exclusion of the press and public" resolution before it covers it: the items it
names, the one item when it says "the following item", else every later item up to the
press and public being readmitted. Procedural items (date of the next meeting, close)
are never covered: nothing about them is confidential.
"""

from __future__ import annotations

import re

from ingest.parsers.items import RawItem
from ingest.parsers.prefilter import Gated, any_word

_EXEMPT = Gated(
    re.compile(
        r"exempt\s+information|not\s+for\s+publication|schedule\s+12\s?a\b|confidential\s+information|"
        r"\(exempt\)|\bexempt\s+(?:item|report|appendix)|press\s+and\s+public\s+(?:be|were|are)\s+excluded",
        re.IGNORECASE,
    ),
    any_word("exempt", "publication", "schedule", "confidential", "excluded"),
)
_EXEMPT_REASON = re.compile(
    r"[^.]*?(?:paragraphs?\s+[\d,\s and]+\s*of\s+part\s+(?:1|i|one)\s+of\s+schedule\s+12\s?a"
    r"|schedule\s+12\s?a|exempt\s+information|not\s+for\s+publication)[^.]*\.?",
    re.IGNORECASE,
)
_SCHEDULE_12A = re.compile(
    r"[^.]*?paragraphs?\s+[\d,\s and]+\s*of\s+part\s+(?:1|i|one)\s+of\s+schedule\s+12\s?a[^.]*\.?",
    re.IGNORECASE,
)
_EXCLUSION_ITEM = re.compile(
    r"exclusion\s+of\s+(?:the\s+)?(?:press|public)|^(?:exempt|private|confidential)\s+"
    r"(?:business|items?|information)$|^(?:to\s+)?exclude\s+the\s+(?:press|public)",
    re.IGNORECASE,
)
_PROCEDURAL = re.compile(
    r"^(?:(?:the\s+)?(?:date|time|dates)(?:\s+and\s+(?:time|venue))?\s+of\s+(?:the\s+)?next|"
    r"next\s+meeting|future\s+meeting|close\s+of\s+(?:the\s+)?meeting|closure|"
    r"(?:the\s+)?meeting\s+closed)",
    re.IGNORECASE,
)
_ONE_ITEM = re.compile(r"\bfollowing\s+item\b(?!\s*\(s\))(?!\s+and\b)", re.IGNORECASE)
_NAMED_ITEMS = re.compile(
    r"\b(?:agenda\s+)?(?:items?|minutes?)\s+(?:no\.?\s*)?"
    r"(?P<numbers>\d+[a-z]?(?:\s*(?:,|and|&)\s*\d+[a-z]?)*)",
    re.IGNORECASE,
)
_NOTHING_EXCLUDED = re.compile(
    r"\b(?:no|not|nothing)\b[^.]{0,80}\b(?:exclu\w+|exempt|private|confidential)", re.IGNORECASE
)
_EXCLUDED = re.compile(r"\b(?:be|were|was|are)\s+excluded\b|\bto\s+exclude\b", re.IGNORECASE)
# "Item 5 on the agenda (item 4 of these minutes)": the minutes' own number is the one meant.
_THESE_MINUTES = re.compile(r"\bitems?\s+[\d,\sand&]+\s+of\s+these\s+minutes", re.IGNORECASE)
_READMITTED = re.compile(
    r"\bre-?admitted\b|\breturned\s+to\s+(?:the\s+)?(?:meeting|public\s+session)|"
    r"\bpublic\s+session\s+(?:resumed|reconvened)",
    re.IGNORECASE,
)


def exempt_reasons(raws: list[RawItem]) -> list[str | None]:
    """Per item, the printed ground for its exemption, or None if it was in public."""
    reasons: list[str | None] = []
    ground: str | None = None  # the exclusion resolution in force
    left: int | None = None  # items it still covers when it said how many
    named: set[str] = set()
    for raw in raws:
        own = _exempt_reason(raw)
        if own is not None and own == raw.exempt_reason and _PROCEDURAL.match(raw.title):
            own = None  # under a "Part B" heading, but a date of the next meeting is no secret
        if _EXCLUSION_ITEM.search(raw.title) and (raw.minutes or raw.agenda):
            text = " ".join(raw.minutes or raw.agenda)
            if _NOTHING_EXCLUDED.search(text) and not _EXCLUDED.search(text):
                reasons.append(None)  # "There were no items requiring the exclusion of ..."
                continue
            reason = _EXEMPT_REASON.search(text)
            ground = reason.group(0).strip() if reason else raw.title
            named = _named_numbers(_THESE_MINUTES.findall(text) or [text], raws)
            left = 1 if _ONE_ITEM.search(text) and not named else None
            reasons.append(None)
            continue
        texts = " ".join([*raw.minutes[:2], *raw.agenda[:2]])
        if ground is not None and _READMITTED.search(texts) and not own:
            ground = None
        covered = ground is not None and not _PROCEDURAL.match(raw.title)
        if covered and named:
            covered = (raw.number or "").lower() in named
        elif covered and left is not None:
            covered = left > 0
            left -= 1
        reasons.append(own or (ground if covered else None))
    return reasons


def _named_numbers(texts: list[str], raws: list[RawItem]) -> set[str]:
    """Item numbers the resolution names, when they are numbers this document uses."""
    found = {
        number.lower()
        for text in texts
        for match in _NAMED_ITEMS.finditer(text)
        for number in re.findall(r"\d+[a-z]?", match.group("numbers"))
    }
    numbers = {(raw.number or "").lower() for raw in raws}
    return found if found and found <= numbers else set()


def _exempt_reason(raw: RawItem) -> str | None:
    """The printed ground for exemption ("... paragraph 3 of Part 1 of Schedule 12A ...")."""
    if _EXCLUSION_ITEM.search(raw.title):
        return None
    texts = [raw.title, *raw.agenda[:3], *raw.minutes[:2]]
    flagged = [text for text in texts if _EXEMPT.search(text)]
    if not flagged:
        return raw.exempt_reason
    for text in texts:
        schedule = _SCHEDULE_12A.search(text)
        if schedule:
            return " ".join(schedule.group(0).split())
    reason = _EXEMPT_REASON.search(flagged[0])
    return " ".join((reason.group(0) if reason else flagged[0]).split()).strip()
