"""A "PRESENT:" paragraph written as prose, as town and parish clerks often do.

"PRESENT: Councillor R. Hallam (chairman), who presided, Councillors A and B, and the
clerk Mrs A. Gregson. There were apologies from ... There were 5 members of the public
present." Only the first sentence lists those present; officers named in it by their post
("the clerk ...") attend as officials; the later sentences (apologies, the public) are
read by the sentence readers, never as names.
"""

from __future__ import annotations

import re

_NAME = r"(?:(?:Mrs|Mr|Ms|Miss|Dr)\.?\s+)?(?:[A-Z]\.?\s*){1,3}\s*[A-Z][\w'’\-]+"
# ", and the clerk Mrs A. Gregson" / "and the assistant to the clerk J. Thorne"
_OFFICER_CLAUSE = re.compile(
    rf",?\s+(?:and\s+)?the\s+(?P<post>(?i:(?:[a-z]+\s+){{0,4}}?"
    rf"(?:clerk|officer|secretary|manager|assistant)))\s+(?P<who>{_NAME})"
)
_PRESIDED = re.compile(r",?\s+who\s+presided\b\s*,?", re.IGNORECASE)
# Where the list's sentence ends and prose about others begins.
_NEXT_SENTENCE = re.compile(
    r"(?<=[a-z\d)])\.\s+(?=(?:There|Apologies|Also|In\s+attendance|The|[A-Z][a-z]+\s+(?:were|was))\b)"
)


def run_in_present(rest: str) -> tuple[str, list[str]]:
    """The names of those present in ``rest`` and the officers its prose names."""
    first = _NEXT_SENTENCE.split(rest, maxsplit=1)[0]
    first = _PRESIDED.sub(",", first)
    officers = [match.group("who") for match in _OFFICER_CLAUSE.finditer(first)]
    return _OFFICER_CLAUSE.sub("", first).strip(" ,."), officers
