"""Item headings run in with their text: "126/25 Apologies: Cllr. A Edwards sent his apologies."

Community and parish clerks often type the heading and the minute on one line. When a
document does this for several items, each such line is read as the heading on a line
of its own with the minute below it, so the title is only what comes before the colon.
"""

from __future__ import annotations

import re

_RUN_IN = re.compile(
    r"^(?P<head>(?:\d{1,3}/\d{2,4}|\d{1,3}[.)]?)\s+[A-Z][^:]{2,80}?)\s*:\s+(?P<body>\S.*\S)$"
    # "3 Crisis café pilot. IJ gave an update": a short title, then a full stop or a dash
    r"|^(?P<head2>\d{1,3}\s+[A-Z][^.:–]{2,50}?)(?:\.|\s[–-])\s+(?P<body2>[A-Za-z].*\S)$"
)
_VERB = re.compile(r"\b(?:was|were|is|are|had|has|have|be|been|gave|agreed|noted|welcomed)\b", re.I)
_MIN_LINES = 3  # a habit of the document, not one heading that happens to hold a colon


# "Item | Subject | Decision": a record of decisions kept as one table.
_DECISION_HEADER = re.compile(
    r"^(?:item|no\.?|ref\.?|minute)\s*\|\s*(?:subject|title|item|report)\s*\|\s*"
    r"(?:decisions?|outcome|resolution|resolved)$",
    re.IGNORECASE,
)
_DECISION_ROW = re.compile(
    r"^(?P<num>[A-Z]{0,6}[/.]?\d{1,4}[a-z]?)\s*\|\s*(?P<title>[^|]+?)\s*\|\s*(?P<text>[^|]+)$"
)


def split_run_in_headings(lines: list[str]) -> list[str]:
    """``lines`` with each run-in heading split from its text (when the document uses them),
    and each row of a decisions table as its item's heading over the decision."""
    if any(_DECISION_HEADER.match(line) for line in lines if "|" in line):
        lines = _decision_rows(lines)
    parts = [_parts(line) for line in lines]
    if len(parts) - parts.count(None) < _MIN_LINES:
        return lines
    out: list[str] = []
    for line, part in zip(lines, parts, strict=True):
        out.extend(part or (line,))
    return out


def _decision_rows(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        row = _DECISION_ROW.match(line)
        if _DECISION_HEADER.match(line):
            continue
        out.extend([f"{row['num']} {row['title']}", row["text"], ""] if row else [line])
    return out


def _parts(line: str) -> tuple[str, str] | None:
    # Each heading opens with its number: most lines are turned away without the pattern.
    match = _RUN_IN.match(line) if line[:1].isdigit() else None
    if match is None:
        return None
    head = match.group("head") or match.group("head2")
    body = match.group("body") or match.group("body2")
    if match.group("head2") and _VERB.search(head):
        return None
    return head, body[:1].upper() + body[1:]  # the minute now starts a sentence of its own
