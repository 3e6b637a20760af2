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


# "..., Mrs B & Mr C (Clerk)": the clerk listed last among the councillors.
_CLERK_LISTED = re.compile(
    r"(?:,\s*|\s+(?:&|and)\s+)(?P<who>[^,&()]+?)\s*\((?P<post>[\w/ ]*\b(?i:clerk|rfo)\b[\w/ ]*)\)"
)
_ALSO = re.compile(r"^Also(?:\s+present|\s+in\s+attendance|\s+attending)?\s*:?\s*", re.IGNORECASE)


def run_in_present(rest: str) -> tuple[str, list[str], str]:
    """The names of those present in ``rest``, the officers its prose names, and the
    others its "Also: ..." sentence names."""
    sentences = _NEXT_SENTENCE.split(rest)
    first = _PRESIDED.sub(",", sentences[0])
    officers = [match.group("who") for match in _OFFICER_CLAUSE.finditer(first)]
    first = _OFFICER_CLAUSE.sub("", first)
    officers += [match.group("who").strip() for match in _CLERK_LISTED.finditer(first)]
    first = _CLERK_LISTED.sub("", first)
    also = next((_ALSO.sub("", s) for s in sentences[1:] if _ALSO.match(s)), "")
    return first.strip(" ,."), officers, also.strip(" ,.")
