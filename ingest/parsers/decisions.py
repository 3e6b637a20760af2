"""Resolutions in minutes: "AGREED that ...", "RESOLVED –", "Decision:", a bare "That ... be noted."

The text is kept as printed (answers quote it, never rephrase it); the only
changes are folding ":-" to ":" and numbering sub-points when the minutes
number some of them and drop the number on others.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.parsers.memo import text_cache
from ingest.parsers.prefilter import Gated, any_string, any_word, folded
from storage.parsed import DecisionKind, ParsedDecision

_UPPER_LABEL = Gated(
    re.compile(r"\b(?P<label>AGREED|RESOLVED|ORDERED|DECIDED|RECOMMENDED|NOTED)\b"),
    any_string("AGREED", "RESOLVED", "ORDERED", "DECIDED", "RECOMMENDED", "NOTED"),
)
_START_LABEL = re.compile(
    r"^(?:(?:it\s+was|(?:the\s+)?(?:(?-i:[A-Z])[\w-]*+\s+){0,3}?"  # "The Integration Joint Board"
    r"(?:board|committee|panel|sub-committee|forum|group|meeting|members|cabinet|partnership|"
    r"council|authority))"
    r"\s+(?:(?:unanimously|further|therefore|then|also)\s+)?)?"
    r"(?P<label>agreed|resolved|ordered|decided|decision|resolutions?)\b"
    r"(?P<after>\s*(?::-|:|-|–|—|,)|\s+(?:that|as\s+follows|(?:not\s+)?to|unanimously)\b)",
    re.IGNORECASE,
)
_MID_LABEL = Gated(
    re.compile(
        r"\b(?:it\s+was\s+|the\s+(?:board|committee|panel|sub-committee|forum|council|cabinet)\s+)"
        r"(?:(?:unanimously|further|therefore|then|also)\s+)?(?P<label>agreed|resolved|decided|voted)\s+"
        r"(?:that|(?:not\s+)?to)\b",
        re.IGNORECASE,
    ),
    any_word("agreed", "resolved", "decided", "voted"),
)
# A label on a line of its own ("Decision", "RESOLVED:-"): the resolution follows it.
BARE_LABEL = re.compile(
    r"^(?:decisions?|resolved|agreed|resolutions?)\s*(?::-|[:\-–—])?\s*$", re.IGNORECASE
)
_RECOMMENDATIONS_AGREED = re.compile(
    r"^(?:the\s+)?recommendations?\s+(?:(?:as\s+set\s+out|set\s+out|contained)\s+in\s+the\s+"
    r"report\s+|in\s+the\s+report\s+)?(?:(?:was|were)\s+)?(?:unanimously\s+)?"
    r"(?:agreed|approved|accepted|endorsed|adopted)\b",
    re.IGNORECASE,
)
_NOTED_LABEL = re.compile(r"^noted\s*(?::|-|–|that\b)", re.IGNORECASE)
_BARE_THAT = re.compile(
    r"^(?:\(?\d{1,2}[.)]\s*|\(?[a-z][.)]\s*)?That\s+\S.{2,}?\bbe\s+[a-z]+", re.S
)
_MINUTES_APPROVED = re.compile(
    r"^the\s+(?:minutes?|notes?)\s+of\b.{0,300}?\b(?:were|was|be)\s+(?:\w+\s+){0,4}?"
    r"(?:approved|accepted|confirmed|agreed|signed|adopted)\b",
    re.IGNORECASE | re.S,
)
# Under a "Minutes" item: "Agreed as an accurate record."
_RECORD_AGREED = re.compile(
    r"^(?:agreed|approved|accepted|confirmed)\s+as\s+(?:an?\s+)?(?:true|correct|accurate|fair)\b",
    re.IGNORECASE,
)
_POINT = re.compile(
    r"^(?:[-•·*o]\s+)?(?P<marker>\(?\d{1,2}[.)]|\(?[a-z][.)](?=\s)|\([ivx]{1,5}\)|[ivx]{1,5}\))?\s*(?P<text>.*)$",
    re.S,
)
_LIST_START = re.compile(
    r"^(?:[-•·*o]\s+|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s|\(?[ivx]{1,5}\)\s|That\s)"
)
_INTRO_END = Gated(
    re.compile(r"(?::-?|–|-|\bas\s+follows\b[:\-–]*|\bthat\b[:\-–]*)\s*$", re.IGNORECASE),
    lambda text: _intro_ending(text.rstrip()),
)
# Where a sentence starts after another (group 1, the space after its stop), found from the
# stop: a pattern opening with a character set is scanned for in C, one opening with a
# look-behind ("(?<=[.!?])\s+") would be tried at every position.
_SENTENCE_BREAK = re.compile(r"[.!?](\s+)(?=[A-Z\"'])")
# The breaks of those before a sentence ``decision_start`` reads: opening "The", "R", "A",
# "O" or "C" (a resolution, an outcome, a conclusion); it skips every other.
_OPENING_BREAK = re.compile(r"[.!?](\s+)(?=T[hH][eE]|[RAOC])")
_STOP_BEFORE_CAPITAL = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_COLON_DASH = re.compile(r"(?<=\w):-(?=\s|$)")
# A sentence opening with the label, as parish minutes print it: "Resolved to accept ...".
_RUN_IN_RESOLVED = re.compile(r"(?:Resolved|RESOLVED|Agreed|AGREED)\s+(?:that|to)\s")
# "continue consideration" is the Scottish form of deferring an item.
_DEFER = Gated(
    re.compile(
        r"\bdefer(?:red|ral)?\b|\bcontinue(?:d)?\s+(?:its\s+|the\s+)?consideration\b",
        re.IGNORECASE,
    ),
    any_word("defer", "consideration"),
)
# Forms that are a decision only as an item's closing sentence, never mid-discussion:
# "The Committee noted the report." and an unlabelled past passive ("The payments
# schedule was approved."). "It was noted that ..." records a remark, not a decision.
_CLOSING_NOTED = re.compile(
    r"^the\s+(?:board|committee|panel|sub-committee|forum|council|cabinet|group)\s+"
    r"(?:formally\s+)?noted\s+(?:the\s+)?(?:\w+\s+){0,6}?(?:report|update|position|minutes|"
    r"presentation|plan|strategy|information|progress|contents?|findings|summary|statement|"
    r"decision|appeal|correspondence)s?\b"
    r"[^.!?]*\.?$",
    re.IGNORECASE,
)
_CLOSING_PASSIVE = re.compile(
    r"^the\s+(?!minutes\b)[a-z][\w'\- ]{2,80}?\s+(?:was|were)\s+(?:unanimously\s+|duly\s+)?"
    r"(?:approved|agreed|adopted|endorsed|accepted|ratified|noted)"
    r"(?:\s+(?:as\s+presented|as\s+circulated|without\s+amendment|by\s+(?:the\s+)?\w+))?\s*\.?$",
    re.IGNORECASE,
)
# "Noted." in a decisions column: the outcome, one word.
_BARE_OUTCOME = re.compile(r"^(?:noted|agreed|approved|endorsed|accepted)\.?$", re.IGNORECASE)
# "The Board approved the outline of the annual report." closing an item.
_CLOSING_ACTIVE = re.compile(
    r"^the\s+(?:board|committee|panel|sub-committee|forum|council|cabinet|group|partnership)\s+"
    r"(?:unanimously\s+)?(?:approved|adopted|endorsed|accepted|ratified|supported)\s+the\b"
    r"[^.!?]*\.?$",
    re.IGNORECASE,
)
# "This item was deferred to the next meeting." closing an item is its outcome.
_CLOSING_DEFERRED = re.compile(
    r"^(?:consideration\s+of\s+)?(?:this|the)\s+(?:item|report|matter|motion|application)\s+"
    r"(?:was|has\s+been|had\s+been)\s+(?:deferred|postponed)\b[^.!?]*\.?$",
    re.IGNORECASE,
)
# Partnership-board minutes: "Outcome:" closes an item's Purpose/Summary/Discussion
# sub-headings. It is a decision only when what follows states one ("The Board approved
# the strategy."), never "Outcome: Discussion held; no decision was required."
_OUTCOME = re.compile(
    r"^(?:outcomes?|result|conclusions?)\s*(?::-|[:\-–—])\s*(?P<body>\S.*)$", re.IGNORECASE | re.S
)
_OUTCOME_RESOLVED = re.compile(
    r"^(?:(?:the\s+)?(?:board|committee|panel|partnership|group|forum|members|partners|meeting)\s+)?"
    r"(?:(?:unanimously|formally|further)\s+)?(?:approved|agreed|resolved|endorsed|adopted|noted|"
    r"ratified|accepted|supported|decided|deferred|recommended)\b",
    re.IGNORECASE,
)
# Health-board minutes print the verb in capitals: "The Board APPROVED the strategy." Each
# verb ends in "ED": without it, "The ..." opening each sentence is not read up to 40 letters.
_BODY_CAPS_VERB = Gated(
    re.compile(
        r"(?i:the\s+(?:board|committee|panel|forum|partnership|group|authority|council)\s+)"
        r"(?:(?i:unanimously|formally)\s+)?(?:APPROVED|ENDORSED|ADOPTED|SUPPORTED|RATIFIED|ACCEPTED|"
        r"RECEIVED|NOTED)\b"
        r"|(?i:the\s+[a-z][\w' ]{2,40}\s+(?:was|were)\s+)(?:APPROVED|ENDORSED|ADOPTED|RATIFIED|AGREED)\b"
    ),
    any_string("ED"),
)
# Parish minutes: "Proposed (EB) & Seconded (DR) that the minutes be approved. Agreed."
_MOVED = Gated(
    re.compile(r"\bproposed\b.{0,80}?\bseconded\b.{0,80}?\bthat\s+\S", re.I | re.S),
    any_word("seconded"),
)
_CARRIED = re.compile(r"\b(?:agreed|carried|resolved)\b", re.IGNORECASE)
_PARAGRAPH_NUMBER = re.compile(r"^\d{1,3}\.\d{1,2}\s+(?=[A-Z])")
# Irish minutes: "On the proposal of Cllr. A, seconded by Cllr. B, the plan was adopted."
_ON_PROPOSAL = Gated(
    re.compile(r"\bon\s+the\s+(?:proposal|motion)\s+of\b.{0,80}?\bseconded\s+by\b", re.IGNORECASE),
    any_word("seconded"),
)
_PASSED = re.compile(
    r"\b(?:was|were)\s+(?:\w+\s+)?(?:confirmed|adopted|approved|agreed|accepted|noted|granted|"
    r"refused|carried)\b|\bit\s+was\s+(?:agreed|resolved|decided)\b",
    re.IGNORECASE,
)
_TRAILER = re.compile(
    r"^(?:the\s+meeting\s+(?:closed|ended|finished|concluded|terminated)\b|"
    r"there\s+being\s+no\s+further\s+business|page\s+\d|.*\s\|\s|"
    r"summary\s+of\s+actions|actions?\s+(?:arising|log|list|summary)$|"
    r"decisions?\s+published|call-?in\s+(?:period|deadline)|[^.]{3,60}\s[–-]\s\d{1,2}\s\w+\s\d{4}$)",
    re.IGNORECASE,
)
# "RESOLVED: to buy a cabinet. The Clerk to place the order.": the order is a follow-up.
_FOLLOW_UP = re.compile(
    r"(?<=[.!?])\s+(?=(?:The\s+)?(?:(?:Town|Parish|Deputy|Assistant)\s+)?(?:Clerk|Chair(?:man)?|RFO)"
    r"\s+to\s+[a-z]|[A-Z][a-z]+\s+[A-Z][\w'\-]+\s+(?:will|would)\s+[a-z]"  # "Ian Hollis will ..."
    r"|(?:Proposed|Seconded|Moved)(?:\s+by)?\s*:?\s+[A-Z(])"  # who moved it, after the resolution
)
_NO_DECISION = re.compile(r"\bno\s+(?:decisions?|resolutions?)\b|\bfor\s+information\b", re.I)
_KIND: dict[str, DecisionKind] = {
    "agreed": "agreed",
    "resolved": "resolved",
    "resolution": "resolved",
    "resolutions": "resolved",
    "decided": "resolved",
    "decision": "resolved",
    "recommended": "resolved",
    "ordered": "ordered",
    "voted": "resolved",
    "noted": "noted",
}


# Minutes repeat their paragraphs ("That the report be noted."), and a paragraph is asked
# again by each reader of it (kind, decisions, headings): the answer depends on it alone.
@text_cache
def decision_start(paragraph: str) -> int | None:
    """Where a resolution starts in ``paragraph`` (a sentence start), or None."""
    text = paragraph.strip()
    if not text:
        return None
    if _START_LABEL.match(text) or _NOTED_LABEL.match(text) or _BARE_THAT.match(text):
        return 0
    if (
        _MINUTES_APPROVED.match(text)
        or _BODY_CAPS_VERB.match(text)
        or (_MOVED.search(text) and _CARRIED.search(text))
        or _RECOMMENDATIONS_AGREED.match(text)
        or _RECORD_AGREED.match(text)
    ):
        return 0
    if BARE_LABEL.match(text):
        return 0
    outcome = _OUTCOME.match(text)
    if outcome is not None:
        return 0 if _states_resolution(outcome.group("body")) else None
    for match in _OPENING_BREAK.finditer(text):
        start, end = match.span(1)
        # Both patterns open with a word: "The ...", "Outcome:", "Result:", "Conclusion:".
        if start and text[end : end + 3].lower() == "the" and _BODY_CAPS_VERB.match(text, end):
            return end  # "JT presented the report. The Board RECEIVED and NOTED it."
        if start and text[end : end + 1] in "RA" and _RUN_IN_RESOLVED.match(text, end):
            return end  # "Three quotes were considered. Resolved to accept ..."
        opens = start and text[end : end + 1] in "oOrRcC"
        outcome = _OUTCOME.match(text[end:]) if opens else None
        if outcome is not None and _states_resolution(outcome.group("body")):
            return end  # "Tom presented the results. Conclusion: the Group agreed ..."
    proposal = _ON_PROPOSAL.search(text)
    if proposal and _PASSED.search(text, proposal.end()):
        return _sentence_start(text, proposal.start())
    upper = _UPPER_LABEL.search(text)
    mid = _MID_LABEL.search(text)
    hits = [m.start() for m in (upper, mid) if m is not None]
    if upper is not None and upper.group("label") == "NOTED" and upper.start() > 0:
        hits.remove(upper.start())
    if not hits:
        return None
    return _sentence_start(text, min(hits))


def _sentence_start(text: str, position: int) -> int:
    start = 0
    for _start, end in _sentence_starts(text):
        if end > position:
            break
        start = end
    return start


def _sentence_starts(text: str) -> Iterator[tuple[int, int]]:
    """Where each sentence of ``text`` starts: (0, 0), then (start, end) of each break."""
    yield 0, 0
    for match in _SENTENCE_BREAK.finditer(text):
        yield match.span(1)


def _states_resolution(body: str) -> bool:
    body = body.strip()
    if _NO_DECISION.search(body):
        return False
    return bool(
        _OUTCOME_RESOLVED.match(body)
        or decision_start(body) == 0
        or _CLOSING_PASSIVE.match(body)
        or _CLOSING_DEFERRED.match(body)
    )


def is_decision(paragraph: str) -> bool:
    return decision_start(paragraph) is not None


def kind_of(text: str) -> DecisionKind:
    if _DEFER.search(text):
        return "deferred"
    outcome = _OUTCOME.match(text)
    if outcome is not None:
        body = outcome.group("body")
        if _START_LABEL.match(body) or _BARE_THAT.match(body):
            return kind_of(body)
        return "noted" if re.match(r"^(?:\w+\s+){0,3}?noted\b", body, re.I) else "agreed"
    label = _START_LABEL.match(text) or _UPPER_LABEL.search(text) or _MID_LABEL.search(text)
    if label is not None and not label.group("label").lower().startswith(
        ("decision", "resolution")
    ):
        return _KIND.get(label.group("label").lower(), "agreed")
    if _NOTED_LABEL.match(text):
        return "noted"
    if re.search(r"\bbe\s+noted\b", text, re.IGNORECASE) and not re.search(
        r"\bbe\s+(?:approved|agreed|endorsed|adopted|accepted)\b", text, re.IGNORECASE
    ):
        return "noted"
    return "resolved" if label is not None else "agreed"


def find_decisions(paragraphs: list[str]) -> list[ParsedDecision]:
    """Every resolution in an item's minutes, sub-points folded into their resolution."""
    decisions: list[ParsedDecision] = []
    narrative: set[str] = set()
    index = 0
    last = len(paragraphs) - 1
    while last > 0 and _TRAILER.match(paragraphs[last].strip()):
        last -= 1  # "The meeting closed at 7.40 pm." after the item's closing decision
    while index < len(paragraphs):
        # "4.1 Full Council ... Proposed ... that ...": the paragraph's number is not the text
        paragraph = paragraphs[index].strip()
        if paragraph[:1].isdigit():
            paragraph = _PARAGRAPH_NUMBER.sub("", paragraph)
        start = decision_start(paragraph)
        if start is None:
            if index == last and closing_decision(paragraph, sole=len(paragraphs) == 1):
                decisions.append(ParsedDecision(text=paragraph, kind=_closing_kind(paragraph)))
            index += 1
            continue
        for sentence in _STOP_BEFORE_CAPITAL.split(paragraph[:start].strip()):
            # "The bank reconciliation was approved. It was resolved to pay ...": both decided
            if sentence and (_CLOSING_PASSIVE.match(sentence) or _CLOSING_NOTED.match(sentence)):
                decisions.append(ParsedDecision(text=sentence, kind=_closing_kind(sentence)))
                narrative.add(sentence)
        head = paragraph[start:]
        points: list[str] = []
        index += 1
        if _INTRO_END.search(head) or (
            index < len(paragraphs) and _is_point(paragraphs[index]) and not _BARE_THAT.match(head)
        ):
            while index < len(paragraphs) and _is_point(paragraphs[index]):
                points.append(paragraphs[index].strip())
                index += 1
        elif _BARE_THAT.match(head):
            # A run of bare "That ..." paragraphs is one resolution.
            while index < len(paragraphs) and _BARE_THAT.match(paragraphs[index].strip()):
                points.append(paragraphs[index].strip())
                index += 1
            if points:
                points.insert(0, head)
                head = ""
        text = _FOLLOW_UP.split(render(head, points), maxsplit=1)[0]
        if BARE_LABEL.match(head) and not points:
            if index >= len(paragraphs) or decision_start(paragraphs[index].strip()) is not None:
                continue  # the label alone, or followed by a resolution found on its own
            body, index = paragraphs[index].strip(), index + 1
            while index < len(paragraphs) and _is_point(paragraphs[index]):
                points.append(paragraphs[index].strip())
                index += 1
            label = " ".join(head.split())
            text = render(f"{label} {body}" if label[-1] in ":-–—" else body, points)
            decisions.append(ParsedDecision(text=text, kind=kind_of(f"{label} {text}")))
            continue
        if text:
            decisions.append(ParsedDecision(text=text, kind=kind_of(text)))
            if start > 0 and _MID_LABEL.match(head) and not _UPPER_LABEL.search(head[:30]):
                narrative.add(text)
    if len(narrative) < len(decisions):
        # "It was agreed that a breakdown would be circulated" beside a formal RESOLVED is
        # the discussion's agreement; only where nothing is resolved formally is it the decision.
        decisions = [d for d in decisions if d.text not in narrative]
    return decisions


def closing_decision(paragraph: str, *, sole: bool = False) -> bool:
    """An item's last sentence recording what the meeting did without a label.

    When it is the item's only paragraph, only a deferral counts: a lone "The report
    was noted." may as well be an agenda blurb.
    """
    text = " ".join(paragraph.split())
    if len(text) > 220 or re.search(r"[.!?]\s+[A-Z\"']", text):
        return False
    forms = (
        (_CLOSING_DEFERRED, _BARE_OUTCOME)
        if sole
        else (_CLOSING_NOTED, _CLOSING_PASSIVE, _CLOSING_DEFERRED, _CLOSING_ACTIVE, _BARE_OUTCOME)
    )
    return any(form.match(text) for form in forms)


def _closing_kind(text: str) -> DecisionKind:
    if _DEFER.search(text):
        return "deferred"
    return "noted" if re.search(r"\bnoted\b", text, re.IGNORECASE) else "agreed"


def _is_point(paragraph: str) -> bool:
    text = paragraph.strip()
    return bool(_LIST_START.match(text)) and len(text) > 3 and not _sub_heading(text)


def _sub_heading(text: str) -> bool:
    """ "(b) Growth and Falling Rolls Fund": a lettered sub-item's heading, not a sub-point."""
    match = _POINT.match(text)
    if match is None or not match.group("marker"):
        return False
    body = match.group("text").strip()
    words = body.split()
    if not words or len(words) > 12 or body.endswith((".", ";", ":", ",", "!", "?")):
        return False
    if words[-1].lower() in {"and", "or"} or not body[0].isupper():
        return False
    if len(words) <= 8 and not re.search(
        r"\b(?:be|that|is|are|was|were|to|has|have|will)\b", body, re.IGNORECASE
    ):
        return True  # "(b) Responsible investment policy": no verb, so a heading
    long_words = [word for word in words if len(word) >= 4]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)


def render(head: str, points: list[str]) -> str:
    """The label line plus its sub-points, numbered where the minutes number any."""
    head = _COLON_DASH.sub(":", head.strip())  # "resolved:-" → "resolved:"
    parsed = [_POINT.match(point) for point in points]
    numbered = any(
        m is not None and m.group("marker") and m.group("marker")[0].isdigit() for m in parsed
    )
    parts: list[str] = [head] if head else []
    for position, match in enumerate(parsed, start=1):
        if match is None:
            continue
        marker = match.group("marker")
        body = match.group("text").strip()
        if marker:
            parts.append(f"{marker} {body}")
        elif numbered:
            parts.append(f"{position}. {body}")
        else:
            parts.append(body)
    return " ".join(" ".join(parts).split())


def _intro_ending(text: str) -> bool:
    """Whether ``text`` (trailing space stripped) may end as ``_INTRO_END`` needs: a colon or
    dash, or "follows" or "that" before them (searching a long paragraph for an ending
    tries every position)."""
    end = text.rstrip(":-–")
    return end != text or folded(end[-8:]).endswith(("follows", "that"))
