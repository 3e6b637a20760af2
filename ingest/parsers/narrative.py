"""Commitments the narrative of minutes makes: undertakings, and things agreed after a request.

"Councillor Everett undertook to meet the Youth Council" is a task whatever the verb;
"Members asked for figures by locality, and the Head of Service agreed to provide them"
gives "them" its meaning from the request.
"""

from __future__ import annotations

import re

from ingest.parsers.prefilter import Gated, any_string

# "Councillor Everett undertook to meet the Youth Council": an undertaking, whatever the verb.
UNDERTOOK = Gated(
    re.compile(
        r"\b(?P<owner>(?:the\s+)?[A-Z][\w'\-]*(?:\s+(?:of|for|and|[A-Z][\w'\-]*)){0,7})\s+"
        r"undertook\s+to\s+(?P<verb>[a-z]+)\b(?P<rest>[^.;]*)"
    ),
    any_string("undertook"),
)
# "Members asked for figures by locality, and the Head of Service agreed to provide them":
# what "them" is.
ASKED_FOR = re.compile(
    r"\b(?:asked|requested|pressed|called)\s+for\s+(?P<np>[^,;.]+?)(?=,|\s+and\b|$)",
    re.IGNORECASE,
)
OBJECT_PRONOUN = re.compile(r"^\s*(?:them|it|this|these|those|that)\s*$", re.IGNORECASE)

# What "this" or "the figures" refers to: the subject asked about before.
PRONOUN = re.compile(
    r"^(?:this|it|that|these|they|this\s+information|the\s+information|this\s+data)$",
    re.IGNORECASE,
)

VAGUE = re.compile(
    r"^(?:the|these|those|this|a|an|any|further)\s+(?:figures|details|data|numbers|response|"
    r"answer|written\s+response|information|breakdown|statistics)$",
    re.IGNORECASE,
)

ABOUT = re.compile(
    r"\b(?:about|regarding|surrounding|concerning|on|into|re)\s+(?P<np>(?:the|a|an|any|how|what|"
    r"whether)\s+[^,;.]+)",
    re.IGNORECASE,
)

ASKED_ABOUT = re.compile(
    r"\b(?:question|query|queries|request|enquiry|concern|information)s?\s+(?:was\s+raised\s+)?"
    r"(?:surrounding|about|regarding|on|concerning|relating\s+to|in\s+relation\s+to)\s+"
    r"(?P<np>.+?)\s+(?:was|were|had\s+been)\b"
    r"|\b(?:asked|enquired|queried|requested)\s+(?:about\s+|for\s+|regarding\s+)?"
    r"(?P<np2>(?:how|what|whether|when|why|which|the|a|an)\b[^.;]+)",
    re.IGNORECASE,
)


def requested(before: str, previous: str, rest: str) -> str | None:
    """What a pronoun object ("provide them") stands for: the thing asked for just before."""
    if not OBJECT_PRONOUN.match(rest):
        return None
    asked = ASKED_FOR.search(before) or ASKED_FOR.search(previous)
    return asked.group("np").strip() if asked is not None else None
