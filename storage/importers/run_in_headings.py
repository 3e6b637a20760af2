"""Item headings run in with their text: "126/25 Apologies: Cllr. A Edwards sent his apologies."

Community and parish clerks often type the heading and the minute on one line. When a
document does this for several items, each such line is read as the heading on a line
of its own with the minute below it, so the title is only what comes before the colon.
"""

from __future__ import annotations

import re

_RUN_IN = re.compile(
    r"^(?P<head>(?:\d{1,3}/\d{2,4}|\d{1,3}[.)]?)\s+[A-Z][^:]{2,80}?)\s*:\s+(?P<body>\S.*\S)$"
)
_MIN_LINES = 3  # a habit of the document, not one heading that happens to hold a colon


def split_run_in_headings(lines: list[str]) -> list[str]:
    """``lines`` with each run-in heading split from its text (when the document uses them)."""
    matches = [_RUN_IN.match(line) for line in lines]
    runs = [m for m in matches if m is not None and len(m.group("body").split()) >= 2]
    if len(runs) < _MIN_LINES:
        return lines
    out: list[str] = []
    for line, match in zip(lines, matches, strict=True):
        if match is not None and len(match.group("body").split()) >= 2:
            out.extend((match.group("head"), match.group("body")))
        else:
            out.append(line)
    return out
