"""Cheap substring tests that rule text out before an expensive pattern runs on it.

Python's ``re`` tries a pattern that opens with ``\\b`` or an alternation at every
position of the text; a plain substring test is many times faster. A pattern can only
match text holding its literal words, so text lacking all of them is skipped, with
exactly the same result as running the pattern.
"""

from __future__ import annotations

# Case-insensitive matching in ``re`` also takes "ı" and "İ" for "i" and "ſ" for "s";
# ``str.lower`` leaves the first and third alone and turns "İ" into "i" plus a dot.
_SPECIAL = str.maketrans({"ı": "i", "ſ": "s", "\u0307": None})


def folded(text: str) -> str:
    """``text`` lower-cased so that any ASCII word a ``re.IGNORECASE`` pattern finds in it is
    a plain substring of the result (it may hold more, never less)."""
    low = text.lower()
    return low if low.isascii() else low.translate(_SPECIAL)


def holds_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` may hold any of ``words`` (lower-case ASCII) in any letter case."""
    low = folded(text)
    return any(word in low for word in words)
