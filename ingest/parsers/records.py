"""Decision records that label their number and subject instead of printing a heading.

"Decision Ref: HB/27/09" then "Subject: North Pier Lighting Replacement" (a blank line
between them or not): the item numbered HB/27/09 with that title, read like "9. North
Pier Lighting Replacement".
"""

from __future__ import annotations

import re

_REFERENCE = re.compile(
    r"^(?:decision\s+|record\s+|minute\s+)?(?:ref(?:erence)?|no|number)\.?(?:\s+no\.?)?\s*:\s*"
    r"(?P<num>[A-Z0-9][A-Za-z0-9]*(?:[/.\-][A-Za-z0-9]+){0,3})$",
    re.IGNORECASE,
)
_SUBJECT = re.compile(r"^(?:subject|title|topic)\s*:\s*(?P<title>\S.{1,200})$", re.IGNORECASE)


def referenced_subject(lines: list[str], index: int) -> tuple[tuple[str, str], int] | None:
    """((number, title), lines the pair spans) when ``lines[index]`` labels a record's
    reference and the next line with text labels its subject."""
    reference = _REFERENCE.match(lines[index])
    if reference is None:
        return None
    for later in range(index + 1, min(index + 3, len(lines))):
        if lines[later]:
            subject = _SUBJECT.match(lines[later])
            if subject is None:
                return None
            title = subject.group("title").strip().rstrip(".")
            return (reference.group("num"), title), later - index + 1
    return None
