"""Reading apologies for absence out of ordinary chat messages (pure text, no database).

Precision comes first: a wrongly recorded apology is worse than asking, so a
message counts only when it pairs an absence ("can't make", "send my
apologies") with a meeting or a date. "Apologies for the delay", "sorry, typo"
and questions about who sent apologies are left alone.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass


class Label(enum.StrEnum):
    APOLOGY = "apology"
    NOT_APOLOGY = "not-apology"
    WITHDRAWAL = "withdrawal"
    ON_BEHALF = "on-behalf"


@dataclass(frozen=True)
class Reading:
    """What a message says about attendance; ``date_phrase`` is as written ("next Tuesday")."""

    label: Label
    date_phrase: str | None = None
    reason: str | None = None
    substitute: str | None = None
    on_behalf: str | None = None
    # "Sorry, I can't make it": an absence naming no meeting at all, confirmed before recording.
    undated: bool = False

    @property
    def is_apology_business(self) -> bool:
        return self.label is not Label.NOT_APOLOGY


NOT_APOLOGY = Reading(Label.NOT_APOLOGY)

_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tues?|weds?|thur?s?|fri)"
)
_WEEKDAY_FULL = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weds)"
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
)
# "May" is also a verb: a month name alone only counts when it is not "may".
_MONTH_ALONE = (
    r"(?:january|february|march|april|june|july|august|september|october|november|december)"
)
_ORD = r"\d{1,2}(?:st|nd|rd|th)?"
_MEETING_NOUN = r"(?:meeting|board|committee|session|panel|cpb|sub-committee|forum)s?"

# Longest forms first, so "Wednesday 7 November" wins over "Wednesday".
_DATE_PATTERNS = [
    rf"(?:{_WEEKDAY}\.?,?\s+)?(?:the\s+)?{_ORD}(?:\s+of)?\s+{_MONTH}\b(?:,?\s+\d{{4}})?",
    rf"(?:{_WEEKDAY}\.?,?\s+)?{_MONTH}\.?\s+{_ORD}\b(?:,?\s+\d{{4}})?",
    r"\d{4}-\d{2}-\d{2}",
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?",
    rf"(?:next|this|last|coming)\s+{_WEEKDAY_FULL}",
    rf"{_WEEKDAY_FULL}\s+week",
    rf"{_WEEKDAY_FULL}(?:'s)?",
    rf"(?:{_WEEKDAY}\s+)?the\s+\d{{1,2}}(?:st|nd|rd|th)",
    r"\d{1,2}(?:st|nd|rd|th)",
    r"today|tomorrow|tonight|yesterday|this\s+(?:afternoon|evening|morning)",
    r"(?:next|this|last)\s+(?:week|month)",
    rf"(?:the\s+)?(?:{_MONTH_ALONE}|may)(?:'s)?\s+{_MEETING_NOUN}",
    rf"(?:the\s+)?{_MONTH_ALONE}(?:\s+\d{{4}})?",
]
_DATE = "(?:" + "|".join(f"(?:{p})" for p in _DATE_PATTERNS) + ")"
_DATE_RE = re.compile(rf"(?<![\w/-])({_DATE})(?![\w/])", re.I)

_HONORIFIC = (
    r"(?:Cllr|Councillor|Coun|Cllr\.|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Rev|Sir|Dame|Lord|Lady)"
)
_CAP_WORD = r"[A-Z][\w'’-]*"
_NAME = rf"(?-i:{_HONORIFIC}\.?\s+(?:[A-Z]\.?\s+)*{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,2}})"
_PLAIN_NAME = rf"(?-i:{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,2}})"
_CALENDAR_WORDS = re.compile(
    rf"^(?:{_WEEKDAY}|{_MONTH}|today|tomorrow|next|this|the|my|me|i|all|everyone|"
    r"board|committee|meeting)$",
    re.I,
)

_CANNOT = (
    r"(?:can't|cant|cannot|can not|won't|wont|will not|shan't|am unable to|'m unable to|"
    r"i'm unable to|unable to|not able to|won't be able to|will not be able to|"
    r"wont be able to|'ll not be able to|(?:am |'m )?not going to(?: be able to)?|"
    r"is unable to|isn't able to|is not able to)"
)
_ABSENCE = re.compile(
    rf"(?:\b{_CANNOT}\s+(?:\w+\s+)?(?:make|attend|come|be there|be present|be at|join|"
    r"be with you|get to|do|manage|be attending|be joining|be coming|be making)\b"
    r"|\bwon't be (?:at|there|attending|joining|coming|making)\b"
    r"|\b(?:will|'ll|going to|have to|must|need to|'m going to|am going to|"
    r"'ll have to|will have to)\s+miss\b"
    r"|\b(?:will|'ll) be (?:absent|away|unavailable)\b"
    r"|\b(?:i'm|i am) (?:away|absent|unavailable|on (?:annual )?leave|on holiday)\b"
    r"|\bnot (?:be )?(?:attending|coming|joining)\b)",
    re.I,
)
_FILLER = (
    r"(?:it|to|on|for|at|in|this|that|the|next|coming|our|my|your|tomorrow's|today's|me|"
    r"this week's|next week's|week's|all|of|until|till|in person|either|any)"
)
# What may follow an absence verb for the message to be about a meeting.
_CLAUSE_END = (
    r"(?:$|[,.;:!?()–—]|\s-\s|\s+(?:as|because|due|sorry|unfortunately|i'm|i am|i have|"
    r"i've|owing|so|but|and|i'll|i will|due|thanks|please|apologies|x+)\b)"
)


def _object_is_meeting(rest: str, board_words: str, *, bare: bool = True) -> bool:
    """True when the words after an absence verb name a meeting, a date, or nothing at all."""
    meeting = rf"(?:{board_words}{_MEETING_NOUN})"
    pattern = (
        rf"^\s*(?:{_FILLER}\s+)*(?:{_FILLER}\s*)?"
        rf"(?:{_DATE}(?![\w/])|(?:\S+(?:'s)?\s+)?{meeting}\b|{meeting}\b)"
    )
    match = re.match(pattern, rest, re.I)
    if match:
        # "the training session", "the call on Wednesday": not the board's meeting.
        return _NOT_MEETING_OBJECT.search(match.group(0)) is None and not re.match(
            rf"^\s*(?:{_FILLER}\s+)*{_DATE}\s+(?:\w+\s+)?(?:call|training|visit|deadline|"
            r"briefing|pre-?meet|work|lunch|drinks)\b",
            rest,
            re.I,
        )
    return bare and re.match(rf"^\s*(?:it\s*)?{_CLAUSE_END}", rest, re.I) is not None


# Words that may stand before "can't make" when the speaker is the one absent.
_FIRST_PERSON_LEAD = re.compile(
    r"(?:^|[,.;:!?–—(-]|\b(?:i|i'm|im|unfortunately|sorry|afraid|really|just|now|so|and|but|"
    r"probably|definitely|still|also|sadly|regret|fear|think|suspect|apologies|honestly|"
    r"though|too|all|folks|everyone|team|yes|no|then|realised|realized|that)\b)\s*$",
    re.I,
)


def _first_person(before: str) -> bool:
    """ "You can't make it", "if I can't make it": someone else, or not a decision."""
    if re.search(r"\bif\b[^,.;:!?–—]*$", before, re.I):
        return False
    if re.search(
        r"\b(?:you|he|she|they|it|who|which|this|anyone|someone|nobody|we)$", before, re.I
    ) and not before.lower().endswith(" i"):
        return False
    return _FIRST_PERSON_LEAD.search(before) is not None


_APOLOGY_WORD = re.compile(r"\b(?:apologies|apology|apologise|apologize)\b", re.I)
_SEND = re.compile(
    r"\b(?:send|sends|sending|sent|give|gives|giving|pass on|passing on|tender|tendering|register|record|"
    r"note|log|put down|add|offer|submit|take|accept|have|with)\s+(?:in\s+)?"
    r"(?:my|our|his|her|their|the|some)?\s*(?:apologies|apology)\b",
    re.I,
)
_APOLOGIES_LEAD = re.compile(r"^\s*(?:my\s+)?(?:apologies|apology)\b", re.I)
_APOLOGIES_FOR = re.compile(r"\b(?:apologies|apology)\s+(?:for|to|from|re|regarding)\b", re.I)
_NOT_MEETING_OBJECT = re.compile(
    r"\b(?:delay|delays|late|lateness|typo|typos|confusion|mix-?up|error|mistake|spam|"
    r"noise|double|short notice|inconvenience|misunderstanding|repost|cross-?post|"
    r"missing|oversight|formatting|call|training|lunch|drinks|visit|webinar|workshop|"
    r"briefing|pre-?meet|pre-?meeting|catch-?up|deadline|party|interview|phone)\b",
    re.I,
)
_QUESTION_START = re.compile(
    r"^\s*(?:who|whom|whose|which|what|how|has|have|had|did|does|do|is|are|was|were|when|"
    r"where|why|any|anyone|anybody|list|show|tell me)\b",
    re.I,
)
_REQUEST_START = re.compile(
    r"^\s*(?:hi\b.*?[,!]\s*)?(?:can|could|would|will)\s+(?:you|someone|somebody|i)\b", re.I
)
_WITHDRAW = re.compile(
    r"\b(?:withdraw|withdrawing|cancel|cancelling|canceling|retract|scrap|ignore|disregard|"
    r"remove|delete|take back|strike|revoke|undo)\s+(?:my|the|our|his|her|their)?\s*"
    r"(?:previous\s+|earlier\s+)?(?:apologies|apology)\b"
    r"|\bno longer (?:need to send |need )?(?:my )?apologies\b"
    r"|\b(?:don't|do not) need (?:my|to send|the) apologies\b",
    re.I,
)
_CAN_ATTEND = re.compile(
    r"\b(?:i can|i could|i'll be able to|i will be able to|i am able to|i'm able to|"
    r"i can now|i'll|i will|i'm|i am|can|will)\s+(?:now\s+)?(?:make it|make|attend|come|"
    r"be there|be attending|be coming|join|be joining|be at)\b",
    re.I,
)
_AFTER_ALL = re.compile(
    r"\b(?:after all|now|again|back on|plans? (?:have |has )?changed|freed up|"
    r"was cancelled|is cancelled|been cancelled)\b",
    re.I,
)
_SUBSTITUTE_PATTERNS = [
    rf"({_NAME}|{_PLAIN_NAME})\s+(?:will|'ll|is going to|can|has agreed to|shall)\s+"
    r"(?:be\s+)?(?:substitute|substituting|sub|deputise|deputize|attend in my place|"
    r"attend instead|come instead|attend for me|stand in|standing in|cover|be my substitute|"
    r"be my sub|attend as (?:my )?substitute|replace me|take my place|go instead)",
    rf"(?:substitute|sub|deputy|replacement|stand-in)(?:\s+will\s+be|\s+is|:|\s*-)\s*"
    rf"({_NAME}|{_PLAIN_NAME})",
    rf"({_NAME})\s+(?:as|is)\s+(?:my\s+)?(?:substitute|sub|deputy)",
    rf"\bin my place,?\s+({_NAME})",
]
_SUBSTITUTE_RES = [re.compile(p, re.I) for p in _SUBSTITUTE_PATTERNS]
_OTHER_PERSON_RES = [
    re.compile(p, re.I)
    for p in (
        rf"\b(?:apologies|apology)\s+(?:for|from)\s+({_NAME})",
        rf"\b(?:apologies|apology)\s+from\s+({_PLAIN_NAME})",
        rf"\bon behalf of\s+({_NAME}|{_PLAIN_NAME})",
        rf"^\s*(?:please\s+(?:note|record)\s+(?:that\s+)?)?({_NAME})\s+(?:sends|has sent|sent|"
        r"asked me to send|gives|offers|has given|tenders|would like to send|wishes to send|"
        r"asks me to pass on|passes on|has asked me to send)\s+(?:his|her|their)?\s*apolog",
        rf"^\s*(?:please\s+(?:note|record)\s+(?:that\s+)?)?(?:(?:just\s+)?(?:fyi|to let you "
        rf"know),?\s+)?({_NAME})\s+{_CANNOT}",
        rf"^\s*(?:please\s+(?:note|record)\s+(?:that\s+)?)?({_NAME})\s+(?:will|'ll|is going "
        r"to|has to)\s+(?:miss|be absent|be away)",
    )
]
_PLEASANTRY = re.compile(
    r"^(?:sorry|so sorry|very sorry|really sorry|apologies|my apologies|many apologies|"
    r"thanks|thank you|many thanks|cheers|best wishes|best|regards|kind regards|"
    r"unfortunately|i'm afraid|afraid|hi|hello|hi all|hello all|morning|morning all|"
    r"good morning|afternoon all|dear all|all|please|team|everyone|folks|x+|ta|"
    r"hope it goes well|hope all goes well|have a good meeting|sorry all|"
    r"i'm so sorry|i am sorry|i'm sorry|sorry everyone|sorry folks)[\s!.]*$",
    re.I,
)
_REASON_LEAD = re.compile(
    r"^(?:and|but|so|as|because of|because|due to|owing to|i'm afraid|unfortunately|sadly|"
    r"reason:|reason is|the reason is|i have got|i have|i've got|i've|i'm|i am|i will be|"
    r"i'll be|i'm going to be|there's|there is|it's|it is|got)\s+",
    re.I,
)
_ARTICLE_LEAD = re.compile(r"^(?:a|an)\s+(?=\w)", re.I)


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"<@[^>]+>", " ", text)  # chat mentions of the bot
    return " ".join(text.split())


def _board_words(board_names: Iterable[str]) -> str:
    names = sorted({n.strip() for n in board_names if n.strip()}, key=len, reverse=True)
    if not names:
        return ""
    return "(?:" + "|".join(re.escape(n) for n in names) + r")\b\s*|"


def find_date_phrase(text: str) -> re.Match[str] | None:
    """The first date-like phrase in ``text`` ("the July meeting", "next Tuesday")."""
    return _DATE_RE.search(text)


def _has_meeting_ref(text: str, board_words: str) -> bool:
    return (
        find_date_phrase(text) is not None
        or re.search(rf"(?:{board_words}\b{_MEETING_NOUN}\b)", text, re.I) is not None
    )


def _absence(text: str, board_words: str) -> bool:
    for match in _ABSENCE.finditer(text):
        before = text[: match.start()].rstrip()
        if _first_person(before) and _object_is_meeting(text[match.end() :], board_words):
            return True
    return False


def _send_apologies(text: str, board_words: str) -> bool:
    """ "Send my apologies", "apologies for the 27th": apologies whose object is a meeting."""
    for pattern in (_SEND, _APOLOGIES_FOR, _APOLOGIES_LEAD):
        for match in pattern.finditer(text):
            rest = text[match.end() :]
            if pattern is _APOLOGIES_FOR:
                # "apologies for" already consumed the preposition.
                rest = " for " + rest
            stripped = re.sub(r"^\s*(?:for|to|from|re|regarding)\s+", " ", rest, flags=re.I)
            if re.match(rf"^\s*(?:{_NAME}|on behalf of)", stripped):
                return True
            # "My apologies, I'll be late": a bare "apologies" must name the meeting at once.
            lead = pattern is _APOLOGIES_LEAD
            if lead:
                stripped = re.sub(r"^\s*[-–—:,]?\s*", " ", stripped)
            if _object_is_meeting(stripped, board_words, bare=not lead):
                return True
    return False


def _clean_name(name: str) -> str:
    """The name without trailing punctuation or a trailing "Wednesday" swept up with it."""
    words = re.sub(r"[\s.,]+$", "", " ".join(name.split())).split()
    while len(words) > 2 and _CALENDAR_WORDS.match(re.sub(r"'s$", "", words[-1])):
        words.pop()
    return " ".join(words)


def _substitute(text: str) -> tuple[str | None, str]:
    """The named substitute, and the text without the substitute clause."""
    for pattern in _SUBSTITUTE_RES:
        match = pattern.search(text)
        if match and not _CALENDAR_WORDS.match(match.group(1).split()[0]):
            name = _clean_name(match.group(1))
            if name.lower() in {"i", "someone", "somebody", "nobody"}:
                continue
            return name, text[: match.start()] + " " + text[match.end() :]
    return None, text


def _other_person(text: str) -> str | None:
    for pattern in _OTHER_PERSON_RES:
        match = pattern.search(text)
        if match is None:
            continue
        name = _clean_name(match.group(1))
        words = name.split()
        # "apologies for July" names a month, not a person.
        if any(_CALENDAR_WORDS.match(re.sub(r"'s$", "", w)) for w in words) or name.lower() in {
            "me",
            "i",
            "us",
        }:
            continue
        return name
    return None


def _segments(text: str) -> list[str]:
    parts = re.split(
        r"\s*[–—;:]\s*|\s+-\s+|(?<=[.!?])\s+|,\s*|\s+(?=(?:due to|because|owing to|as i|as i'm|"
        r"as i've|as we|as my|as there|so i)\b)",
        text,
        flags=re.I,
    )
    return [p.strip(" .!") for p in parts if p and p.strip(" .!")]


_AWAY = re.compile(
    r"\b(?:i'm|i am|i'll be|i will be|will be|be)\s+(away|on (?:annual )?leave|on holiday|abroad|"
    r"unwell|off sick|in hospital)\b",
    re.I,
)


def _reason(text: str, board_words: str) -> str | None:
    """The member's reason in their own words ("hospital appointment"), if they gave one."""
    found = _stated_reason(text, board_words)
    if found is None and (away := _AWAY.search(text)):
        return away.group(1)
    return found


def _stated_reason(text: str, board_words: str) -> str | None:
    for segment in _segments(text):
        if _PLEASANTRY.match(segment) or _absence(segment, board_words) or segment == "I":
            continue
        if _SEND.search(segment) or _APOLOGIES_FOR.search(segment) or _WITHDRAW.search(segment):
            continue
        if re.fullmatch(rf"(?:on|for|at|the)?\s*{_DATE}", segment, re.I):
            continue
        reason = segment
        for _ in range(3):
            reason = _REASON_LEAD.sub("", reason)
        reason = _ARTICLE_LEAD.sub("", reason)
        reason = re.sub(rf"\s+(?:on|for|at|this|next)?\s*{_DATE}$", "", reason, flags=re.I)
        reason = re.sub(r"\s+(?:sorry|thanks|x+)$", "", reason, flags=re.I).strip(" .!,")
        if len(reason) >= 3 and not _PLEASANTRY.match(reason):
            return reason[:500]
    return None


def _date_phrase(text: str) -> str | None:
    match = find_date_phrase(text)
    return None if match is None else " ".join(match.group(1).split())


def _says_apology(text: str, board_words: str) -> bool:
    is_absence = _absence(text, board_words)
    if is_absence:
        return _APOLOGY_WORD.search(text) is not None or _has_meeting_ref(text, board_words)
    return _send_apologies(text, board_words)


_BARE_ABSENCE = re.compile(
    rf"^(?:(?:so |really |very )?sorry|afraid|unfortunately|i'm afraid|apologies|hi all|"
    rf"hi|hello)?[\s,.!–—-]*(?:but\s+)?(?:i\s+)?{_CANNOT}\s+(?:make|attend|come|be there|"
    r"make it)(?:\s+(?:it|this time|after all|in person))?"
    r"(?:[\s,.!–—-]*(?:sorry|i'm afraid|unfortunately|x+))?[\s.!]*$",
    re.I,
)


# "Sorry, I can't make it – hospital appointment": a bare absence, then a dash (or "because")
# and the reason.
_THEN_REASON = re.compile(
    r"^(?P<absence>.+?)\s*(?:\s[–—-]+\s|[:;]\s*|,?\s+(?:because|as|due to)\s+)"
    r"(?P<reason>[^–—:;]{3,200}?)[\s.!]*$",
    re.I,
)


def _undated_absence(text: str) -> bool:
    """ "Sorry, I can't make it": the whole message is a first-person absence and nothing else."""
    return _BARE_ABSENCE.match(text) is not None


def _undated_with_reason(text: str) -> str | None:
    """The reason of "Sorry, I can't make it – hospital appointment", which names no meeting."""
    split = _THEN_REASON.match(text)
    if split is None or not _undated_absence(split.group("absence")):
        return None
    reason = split.group("reason").strip(" .!,")
    return reason if not _PLEASANTRY.match(reason) else None


def read(text: str, board_names: Iterable[str] = ()) -> Reading:
    """Classify a chat message and pull out its meeting date, reason, substitute and person.

    ``board_names`` (names, short names, aliases) let "can't make the CPB" count.
    """
    clean = _normalise(text)
    if not clean:
        return NOT_APOLOGY
    board_words = _board_words(board_names)
    is_request = _REQUEST_START.match(clean) is not None
    if not is_request and (_QUESTION_START.match(clean) or clean.endswith("?")):
        return NOT_APOLOGY
    if _WITHDRAW.search(clean) or (
        _CAN_ATTEND.search(clean)
        and _AFTER_ALL.search(clean)
        and not re.search(rf"\b{_CANNOT}\b", clean, re.I)
    ):
        return Reading(
            Label.WITHDRAWAL, date_phrase=_date_phrase(clean), on_behalf=_other_person(clean)
        )
    substitute, rest = _substitute(clean)
    other = _other_person(rest)
    # "Cllr Walker can't make Wednesday" reads like "I can't make Wednesday" for someone else.
    probes = [rest.replace(other, "I", 1), rest.replace(other, "me", 1)] if other else [rest]
    if not any(_says_apology(probe, board_words) for probe in probes):
        if other is None and substitute is None and _undated_absence(clean):
            return Reading(Label.APOLOGY, undated=True)
        if other is None and substitute is None and (reason := _undated_with_reason(clean)):
            return Reading(Label.APOLOGY, reason=reason, undated=True)
        return NOT_APOLOGY
    if other:
        rest = re.sub(rf"\b(?:on behalf of\s+)?{re.escape(other)}", "I", rest, flags=re.I)
    return Reading(
        Label.ON_BEHALF if other else Label.APOLOGY,
        date_phrase=_date_phrase(rest),
        reason=_reason(rest, board_words),
        substitute=substitute,
        on_behalf=other,
    )


def read_command(text: str) -> Reading:
    """The arguments of ``/apologies [for NAME] [meeting] [reason]``: everything else is the reason."""
    clean = _normalise(text)
    substitute, rest = _substitute(clean)
    other = None
    name = re.match(rf"^\s*(?:for|from|on behalf of)\s+({_NAME})", rest)
    if name:
        other = _clean_name(name.group(1))
        rest = rest[name.start(1) + len(other) :]
    match = find_date_phrase(rest)
    phrase = None
    if match is not None and match.start() <= 12:
        phrase = " ".join(match.group(1).split())
        rest = rest[: match.start()] + " " + rest[match.end() :]
    rest = re.sub(r"^\s*(?:for|on|at|meeting|the meeting)?\s*[-–—:,]?\s*", "", rest, flags=re.I)
    reason = rest.strip(" .,-–—") or None
    return Reading(
        Label.ON_BEHALF if other else Label.APOLOGY,
        date_phrase=phrase,
        reason=reason,
        substitute=substitute,
        on_behalf=other,
    )
