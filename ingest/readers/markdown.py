"""Markdown as councils' web editors export it: the markup is layout, not words.

"### 4. Food waste" is the item "4. Food waste"; "**Lead:** Head of Operations" is
"Lead: Head of Operations"; a "---" rule is a blank line.
"""

from __future__ import annotations

import re

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_QUOTE = re.compile(r"^\s{0,3}>\s?")


def plain_text(text: str) -> str:
    """``text`` without its Markdown markup, line for line."""
    lines = []
    for line in text.splitlines():
        if _RULE.match(line):
            lines.append("")
            continue
        heading = _HEADING.match(line)
        line = heading.group(1) if heading else _QUOTE.sub("", line)
        lines.append(_STRONG.sub(r"\2", line))
    return "\n".join(lines)
