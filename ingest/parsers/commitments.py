"""Whether a sentence could commit someone to a follow-up: the cheap test before the
detailed patterns of ``followups`` run, itself gated and run on lower-cased ASCII for speed."""

from __future__ import annotations

import re

from ingest.parsers.prefilter import folded

# A cheap test that a sentence could hold a commitment, before the detailed patterns run.
TRIGGER = re.compile(
    r"\bbe\s+(?:\w+\s+)?(?:circulat|distribut|e-?mail|forward|fed|shar|sent|provid|present|brought|"
    r"report|submit|made|arrang|added|schedul|given|complet|publish|finali|updat|review|develop|"
    r"produc|prepar|draft|refresh|undertak|implement|deliver|display)"
    r"|\bundertook\s+to\s+"
    r"|\b(?:agreed|undertook|offered|would|will|asked|requested)\s+(?:to\s+)?(?:circulate|provide|"
    r"share|send|forward|report|bring|present|feed|arrange|investigate|look|follow|liaise|write|"
    r"email|explore|confirm|check|update|contact|obtain|seek|prepare|organi[sz]e|publish|chase|put)",
    re.IGNORECASE,
)
# Every match of TRIGGER holds "undertook", or "be" or one of the modals, and one of the
# stems or verbs: most sentences hold none and skip the search (at every position).
_LEADS = ("be", "agreed", "undertook", "offered", "would", "will", "asked", "requested")
_WORDS = (
    *("circulat", "distribut", "mail", "forward", "fed", "shar", "sent", "provid", "present"),
    *("brought", "report", "submit", "made", "arrang", "added", "schedul", "given", "complet"),
    *("publish", "finali", "updat", "review", "develop", "produc", "prepar", "draft", "refresh"),
    *("undertak", "implement", "deliver", "display", "send", "bring", "feed", "investigate"),
    *("look", "follow", "liaise", "write", "explore", "confirm", "check", "contact", "obtain"),
    *("seek", "organi", "chase", "put"),
)


def may_commit(text: str) -> bool:
    """Whether ``text`` holds the words every match of ``TRIGGER`` needs."""
    low = folded(text)
    return any(lead in low for lead in _LEADS) and any(w in low for w in _WORDS)


# TRIGGER's words are all lower case: on ASCII text it may run case-sensitive on
# the text lower-cased, with the same answer in about half the time.
_TRIGGER_ASCII = re.compile(TRIGGER.pattern)


def commits(text: str) -> bool:
    """Whether ``TRIGGER`` finds anything in ``text`` holding the words ``may_commit`` needs.

    Whatever a sentence commits to, its paragraph does too: a sentence is a stretch of its
    paragraph between spaces, and both tests find in the paragraph whatever they find in it.
    """
    # The pattern on lower-cased text costs less than the word test, and rarely matches.
    if text.isascii():
        found = _TRIGGER_ASCII.search(text.lower()) is not None
    else:
        found = may_commit(text) and TRIGGER.search(text) is not None
    # The word test still has the last word: it turns away "undertook to ask" (no stem).
    return found and may_commit(text)
