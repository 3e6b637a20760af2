"""Text from outside (chat now, email later) made safe to store, log and print.

Applied once, where ``IncomingMessage`` is built, so nothing downstream meets a
NUL (PostgreSQL refuses it in text, with the statement's parameters in the error),
a lone surrogate (no UTF-8 encoder accepts it) or a terminal escape sequence.
Newline and tab are kept; a carriage return before a newline is dropped with it.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and UTF-16 surrogates on their own.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without NUL, lone surrogates and control characters other than newline and tab."""
    return _UNWANTED.sub("", text.replace("\r\n", "\n"))


def clean_optional(text: str | None) -> str | None:
    return None if text is None else clean_text(text)


def visible(text: str) -> str:
    """Control characters as escapes (ESC as ``\\x1b``), for printing stored text to a terminal."""
    return _UNWANTED.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
