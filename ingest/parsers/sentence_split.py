"""Sentences of a paragraph, for the readers that look for one kind of sentence in it."""

from __future__ import annotations

import re

from ingest.parsers.memo import text_cache

# A sentence break (group 1) after its stop, found from the stop: a pattern opening with a
# character set is scanned for in C, one opening with a look-behind tried at every position.
_SENTENCE_END = re.compile(
    r"[.!?](?<!\b[A-Z]\.)(?<!\bNo\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bCllr\.)(?<!\bDr\.)"
    r"(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bSt\.)(\s+)(?=[A-Z\"'(\d])"
)


def sentences(paragraph: str) -> list[str]:
    """The sentences of ``paragraph``, without the space between them."""
    return list(split_sentences(paragraph))


# A paragraph is split again by each reader, and minutes repeat paragraphs: split each once.
@text_cache
def split_sentences(paragraph: str) -> tuple[str, ...]:
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(paragraph):
        parts.append(paragraph[start : match.start(1)])
        start = match.end(1)
    parts.append(paragraph[start:])
    return tuple(s.strip() for s in parts if s.strip())
