"""Cheap substring tests that rule text out before an expensive pattern runs on it.

Python's ``re`` tries a pattern that opens with ``\\b`` or an alternation at every
position of the text; a plain substring test is many times faster. A pattern can only
match text holding its literal words, so text lacking all of them is skipped, with
exactly the same result as running the pattern (tests/ingest/test_prefilter.py checks
every gate against the fixtures).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator

# The text last folded and its folding: the gates of one paragraph's patterns fold it once.
_last: tuple[str, str] = ("", "")


def folded(text: str) -> str:
    """``text`` lower-cased so that any ASCII word a ``re.IGNORECASE`` pattern finds in it is
    a plain substring of the result (it may hold more, never less)."""
    global _last
    last = _last  # one read: another thread may fold meanwhile
    if text is last[0]:
        return last[1]
    low = text.lower()
    if not low.isascii():
        # Case-insensitive matching in ``re`` also takes "ı" and "İ" for "i" and "ſ" for "s";
        # ``str.lower`` leaves the first and third alone and turns "İ" into "i" and a dot.
        low = low.replace("ı", "i").replace("ſ", "s").replace("\u0307", "")
    _last = (text, low)
    return low


def _holds(text: str, strings: tuple[str, ...]) -> bool:
    # A loop, not any() over a generator: a gate runs on every paragraph, and the generator
    # costs as much as the substring tests.
    for string in strings:  # noqa: SIM110
        if string in text:
            return True
    return False


def holds_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` may hold any of ``words`` (lower-case ASCII) in any letter case."""
    return _holds(folded(text), words)


def any_word(*words: str) -> Callable[[str], bool]:
    """A gate for a case-insensitive pattern every match of which holds one of ``words``."""
    return lambda text: holds_any(text, words)


def any_string(*strings: str) -> Callable[[str], bool]:
    """A gate for a case-sensitive pattern every match of which holds one of ``strings``."""
    return lambda text: _holds(text, strings)


class Gated:
    """A compiled pattern that runs only on text its gate lets through.

    ``gate(text)`` must be true of every text the pattern matches anywhere in; the
    methods then answer exactly as the pattern's own.
    """

    def __init__(self, pattern: re.Pattern[str], gate: Callable[[str], bool]) -> None:
        self.compiled = pattern
        self.gate = gate
        self.pattern = pattern.pattern

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos) if self.gate(string) else None

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos) if self.gate(string) else None

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string) if self.gate(string) else iter(())

    def sub(self, repl: str, string: str) -> str:
        return self.compiled.sub(repl, string) if self.gate(string) else string
