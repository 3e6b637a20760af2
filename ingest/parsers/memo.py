"""A cache for the parsers' pure functions of one text: several readers ask about the same
line or paragraph of a document, and minutes repeat their labels and boilerplate ("That the
report be noted.") from item to item, so such a text is read once per worker process.
Discussion itself does not repeat: the import benchmark's corpus repeats only such
boilerplate, never a paragraph of discussion, so what this saves there is what it saves on
real minutes.

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
