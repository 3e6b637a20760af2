"""Who presents an item: "Kathy Peacock, Youth Voice officer and Xavier Davies, ... will provide".

Read from the first sentence of the agenda blurb (or of the minutes when there
is no blurb). A later name counts only when a job title follows it, so a phrase
like "Head of Quality Standards and Initial Response, made a presentation"
never yields a person called "Initial Response".
"""

from __future__ import annotations

import re

from ingest.parsers.memo import text_cache
from ingest.parsers.people import looks_like_name
from storage.names import strip_honorifics

_NAME = (
    r"(?:(?:Councillor|Cllr\.?|Mr|Mrs|Ms|Miss|Dr|Professor|Prof\.?)\s+)?"
    r"(?:[A-Z]\.?\s+){0,3}[A-Z][a-zA-Z'\-]+(?:\s+[A-Z][a-zA-Z'\-]+){0,2}"
)
_LEAD = re.compile(rf"^(?P<name>{_NAME})\s*(?:,|\s[-–]\s|\()")
_LEAD_VERB = re.compile(
    rf"^(?P<name>{_NAME})\s+(?:presented|introduced|gave|provided|updated|reported|outlined|explained|"
    r"delivered|spoke|attended|was\s+in\s+attendance|will\s+(?:present|provide|update|attend|give|"
    r"introduce|deliver|report|be\s+in\s+attendance))\b"
)
_MORE = re.compile(
    rf"(?:\band\s+|,\s*(?:and\s+)?)(?P<name>{_NAME})\s*(?P<sep>,|\s[-–]\s|\()\s*(?P<next>\S+)?"
)
_PRESENTED_BY = re.compile(
    rf"\b(?i:presented|introduced|delivered)\s+by\s+(?:the\s+\w[^,(]*?\s*\(\s*)?(?P<name>{_NAME})"
)
# "The Director of Children's Services (J Smith) presented ...": the name in brackets.
_TITLE_THEN_NAME = re.compile(
    rf"^(?:the\s+)?[A-Z][\w'&,\- ]{{2,80}}?\s*\(\s*(?P<name>{_NAME})\s*\)"
)
# "The Virtual School Headteacher, Neil Osborne, presented ...": the name between commas.
_TITLE_COMMA_NAME = re.compile(
    rf"^(?P<title>(?:the\s+)?[A-Z][\w'&\- ]{{2,80}}?),\s*(?P<name>{_NAME})\s*,?\s*$"
)
_VERBS = re.compile(
    r"\b(?:present(?:ed|s|ing|ation)?|provided?|provides|updated?|report(?:ed|s)?|introduc(?:e|ed|es)|"
    r"attend(?:ed|ance|s)?|circulated|gave|give|outlined|deliver(?:ed|s)?|video|spoke|explain(?:ed|s)?|"
    r"talk(?:ed)?)\b",
    re.IGNORECASE,
)
_FIRST_SENTENCE = re.compile(r"^(.+?[a-z)][.!?])(?:\s+[A-Z]|$)")
_NOT_PEOPLE = re.compile(
    r"^(?:The|This|That|These|A|An|It|There|Members?|Officers?|Councillors|Chair|Board|Committee)\b"
)
_VERB_START = re.compile(
    r"^(?:made|was|were|will|would|provided|presented|gave|gives|circulated|introduced|outlined|"
    r"updated|reported|attended|spoke|delivered|has|had|is|are)\b"
)


def presenters(paragraph: str | None) -> tuple[str, ...]:
    """Names (honorifics dropped) of the people presenting, in the order printed."""
    return _presenters(paragraph) if paragraph else ()


# An officer presents item after item in the same words: each opening is read once.
@text_cache
def _presenters(paragraph: str) -> tuple[str, ...]:
    sentence = _first_sentence(paragraph)
    verb = _VERBS.search(sentence)
    if verb is None:
        return ()
    by = _PRESENTED_BY.search(sentence)
    if by and looks_like_name(by.group("name")):
        return (strip_honorifics(by.group("name")),)
    subject = sentence[: verb.start()]
    bracketed = _TITLE_THEN_NAME.match(subject)
    if bracketed and len(bracketed.group("name").split()) >= 2:
        name = bracketed.group("name")
        return (strip_honorifics(name),) if looks_like_name(name) else ()
    between = _TITLE_COMMA_NAME.match(subject)
    if between and not looks_like_name(between.group("title")):
        name = between.group("name")
        if len(strip_honorifics(name).split()) >= 2 and looks_like_name(name):
            return (strip_honorifics(name),)
    lead = _LEAD.match(subject) or _LEAD_VERB.match(sentence)
    if lead is None or _NOT_PEOPLE.match(lead.group("name")):
        return ()
    first = lead.group("name")
    if not looks_like_name(first, allow_single=bool(re.match(r"(?:Councillor|Cllr)", first))):
        return ()
    names = [strip_honorifics(first)]
    for more in _MORE.finditer(subject, lead.end("name")):
        name = more.group("name")
        following = more.group("next") or ""
        if len(strip_honorifics(name).split()) < 2 or _VERB_START.match(following):
            continue
        if looks_like_name(name) and not _NOT_PEOPLE.match(name):
            names.append(strip_honorifics(name))
    return tuple(dict.fromkeys(names))


_REPORT_OF = re.compile(r"^(?:a\s+|the\s+)?report\s+(?:of|by|from)\b[^.]*\.\s+", re.IGNORECASE)


def _first_sentence(paragraph: str) -> str:
    """The sentence that names the presenter: after a "Report of the Director." line, the next."""
    text = paragraph.strip()
    author = _REPORT_OF.match(text)
    if author and author.end() < len(text):
        text = text[author.end() :]
    match = _FIRST_SENTENCE.match(text)
    return match.group(1) if match else text
