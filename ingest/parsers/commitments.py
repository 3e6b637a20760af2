"""Whether a sentence could commit someone to a follow-up: the cheap test before the
detailed patterns of ``followups`` run, itself gated and run on lower-cased ASCII for speed."""

from __future__ import annotations

import re

from ingest.parsers.memo import text_cache
from ingest.parsers.prefilter import folded

# What is to be done: the stem after "be", the verb after a modal or "agreed (to)".
_STEMS = (
    r"(?:circulat|distribut|e-?mail|forward|fed|shar|sent|provid|present|brought|"
    r"report|submit|made|arrang|added|schedul|given|complet|publish|finali|updat|review|develop|"
    r"produc|prepar|draft|refresh|undertak|implement|deliver|display)"
)
_VERBS = (
    r"(?:circulate|provide|share|send|forward|report|bring|present|feed|arrange|investigate|look|"
    r"follow|liaise|write|email|explore|confirm|check|update|contact|obtain|seek|prepare|"
    r"organi[sz]e|publish|chase|put)"
)
_MODALS = ("agreed", "undertook", "offered", "would", "will", "asked", "requested")
# A cheap test that a sentence could hold a commitment, before the detailed patterns run.
TRIGGER = re.compile(
    rf"\bbe\s+(?:\w+\s+)?{_STEMS}|\bundertook\s+to\s+|\b(?:{'|'.join(_MODALS)})\s+(?:to\s+)?{_VERBS}",
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
# Its alternatives apart, each opening with its word and checking the boundary before it
# only once the word is found: ``re`` scans quickly for a pattern's opening literal, but
# tries one opening with ``\b`` or an alternation at every position of the text. Each match
# of these holds a lead and a word of ``may_commit``'s ("be" and "circulat", "will" and
# "send"), so text they find passes the word test without it.
_WORDED = tuple(
    re.compile(pattern)
    for pattern in (
        rf"be(?<!\wbe)\s+(?:\w+\s+)?{_STEMS}",
        *(rf"{lead}(?<!\w{lead})\s+(?:to\s+)?{_VERBS}" for lead in _MODALS),
    )
)
# The one that holds no such word ("undertook to ask").
_UNDERTOOK_TO = re.compile(r"undertook(?<!\wundertook)\s+to\s+")


# A paragraph that may commit is read twice, sentence by sentence: once to know whether
# any of its sentences yields a follow-up (``followups._quiet``), and again to find them.
@text_cache
def commits(text: str) -> bool:
    """Whether ``TRIGGER`` finds anything in ``text`` holding the words ``may_commit`` needs.

    Whatever a sentence commits to, its paragraph does too: a sentence is a stretch of its
    paragraph between spaces, and both tests find in the paragraph whatever they find in it.
    """
    # The pattern on lower-cased text costs less than the word test, and rarely matches.
    if text.isascii():
        low = text.lower()
        for pattern in _WORDED:  # a loop, not any(): every paragraph and sentence passes here
            if pattern.search(low) is not None:
                return True
        found = _UNDERTOOK_TO.search(low) is not None
    else:
        found = may_commit(text) and TRIGGER.search(text) is not None
    # The word test still has the last word: it turns away "undertook to ask" (no stem).
    return found and may_commit(text)
