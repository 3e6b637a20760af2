"""A cache for the parsers' pure functions of one text: minutes repeat their labels, lines
and paragraphs from item to item and meeting to meeting, and several readers ask about the
same paragraph, so each text is read once per worker process.

Only texts short enough to repeat are kept (a 20 MB line is read, not kept), and only so
many of them, so the memory a worker holds stays small whatever it imports.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

_T = TypeVar("_T")
# Texts kept per function, and the longest kept (a long paragraph is some 1,000 characters).
_ENTRIES = 2048
_LONGEST = 2000


def text_cache(function: Callable[[str], _T]) -> Callable[[str], _T]:
    """``function`` remembering its answers for recent short texts; it must depend on its
    text alone and return a value no caller changes (a tuple, never a list)."""
    cached = functools.lru_cache(maxsize=_ENTRIES)(function)

    @functools.wraps(function)
    def lookup(text: str) -> _T:
        return cached(text) if len(text) <= _LONGEST else function(text)

    return lookup
