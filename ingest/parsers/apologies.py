"""Apologies and substitutes given in sentences rather than lists.

"Apologies for absence were submitted on behalf of Councillors A and B (substitute: C)."
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from ingest.parsers.attendees import (
    REASON_SPLIT,
    SUB_BY,
    attendee,
    dedupe,
    distribute_honorifics,
    strip_parens,
)
from ingest.parsers.people import (
    GROUP_LABEL,
    forename_first,
    looks_like_name,
    split_list,
)
from storage.names import match_key
from storage.parsed import ParsedAttendee

APOLOGY_SENTENCE = re.compile(
    r"\b(?:apologies|an\s+apology)(?:\s+for\s+absence)?\s+(?:(?:were|was|had\s+been|have\s+been|are)\s+)?(?:also\s+)?"
    r"(?:(?:received|noted|submitted|given|tendered|reported|presented|recorded)"
    r"(?:\s+and\s+(?:accepted|approved|noted))?\s+)?"
    r"(?:from|on\s+behalf\s+of|by|for(?!\s+(?:absence|lateness)\b))\s+"
    r"(?P<list>(?:(?!\bapolog(?:ies|y)\b).)+)",  # up to the next "Apologies ..." sentence
    re.IGNORECASE,
)
# "...; and for lateness from Councillors A and B": those came late, they were not absent.
# A full stop after a word or bracket, found from the stop (a pattern opening with the
# look-behind would be tried at every position).
_SENTENCE_STOP = re.compile(r"\.(?<=[a-z)]\.)\s+")
_LATENESS = re.compile(r"[;,]?\s*(?:and\s+)?(?:apologies\s+)?for\s+lateness\b", re.IGNORECASE)
_UNTIL_NEXT = r"(?=\s*(?:[,;]|\band\s+(?=[A-Z])|$))"
_SUBSTITUTED_BY = re.compile(
    rf",?\s+who\s+(?:was|were)\s+substituted\s+by\s+(?P<who>[^,;()]+?){_UNTIL_NEXT}"
)
_WHO_CLAUSE = re.compile(rf",?\s+(?P<why>who\s+(?:was|were|is|had|has)\b[^,;()]*?){_UNTIL_NEXT}")
# A councillor as a sentence names one: honorific, initials, a surname (maybe two words).
_MEMBER = (
    r"(?:(?:County\s+)?Councillor|Cllr\.?)\s+(?:(?:Mrs|Mr|Ms|Dr)\.?\s+)?(?:[A-Z]\.?\s+){0,3}"
    r"[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+)?"
)
# "Councillor S Tee attended as substitute for Councillor P Ray."
_SUBSTITUTE_SENTENCE = re.compile(
    rf"(?P<sub>{_MEMBER})\s+(?:(?:attended|was\s+present|sat)\s+as\s+(?:a\s+)?substitute\s+for|"
    r"substituted\s+for|deputised\s+for)\s+"
    rf"(?P<for>{_MEMBER})",
)
# "Cllr Ames was substituted by Cllr Crane."
_SUBSTITUTED_SENTENCE = re.compile(
    rf"(?P<for>{_MEMBER})\s+(?:was|had\s+been)\s+(?:substituted|replaced)\s+by\s+(?P<sub>{_MEMBER})"
)
# "Councillor A Smith, with Councillor B Jones attending as substitute": the bracket form.
_WITH_SUBSTITUTE = re.compile(
    r",?\s+with\s+(?P<who>[^,;()]+?)\s+(?:attending|present|sitting)\s+as\s+"
    r"(?:a\s+|the\s+|their\s+|his\s+|her\s+)?substitute(?:\s+for\s+[^,;()]+)?",
    re.IGNORECASE,
)

# "Councillor Collins, for whom Councillor Wood was substitute;"
_FOR_WHOM = re.compile(
    r",?\s+for\s+whom\s+(?P<who>[^,;()]+?)\s+(?:was|were|attended\s+as|acted\s+as|sat\s+as)\s+"
    r"(?:a\s+|the\s+)?substitute\b",
    re.IGNORECASE,
)


# "Cllr. N Bevan and Cllr. O Griffiths sent their apologies."
_SENT_APOLOGIES = re.compile(
    r"\s+(?:had\s+|have\s+)?(?:sent|gave|given|tendered|offered)\s+(?:their|his|her)\s+apologies\b.*$",
    re.IGNORECASE,
)


def apology_clauses(listed: str) -> str:
    """An apology list without "sent their apologies", substitutes in the bracket form."""
    listed = _SENT_APOLOGIES.sub("", listed)
    listed = _FOR_WHOM.sub(lambda m: f" (substitute: {m.group('who').strip()})", listed)
    listed = _WITH_SUBSTITUTE.sub(lambda m: f" (substitute: {m.group('who').strip()})", listed)
    return _SUBSTITUTED_BY.sub(lambda m: f" (substituted by {m.group('who').strip()})", listed)


def apologies_from_sentences(paragraphs: Iterable[str]) -> list[ParsedAttendee]:
    """ "Apologies for absence were submitted on behalf of Councillors A and B (sub: C)."""
    people: list[ParsedAttendee] = []
    for paragraph in paragraphs:
        for sentence in _SENTENCE_STOP.split(paragraph):
            sent = _SENT_APOLOGIES.search(sentence)
            if sent and not APOLOGY_SENTENCE.search(sentence):
                people.extend(_apology_entries(sentence[: sent.start()]))
        for match in APOLOGY_SENTENCE.finditer(paragraph):
            if re.search(r"\b(?:no|not)\s+apologies|lateness", match.group(0)[:40], re.I):
                continue
            listed = _LATENESS.split(_until_sentence_end(match.group("list")), maxsplit=1)[0]
            people.extend(_apology_entries(listed))
        substitutions = [
            *_SUBSTITUTE_SENTENCE.finditer(paragraph),
            *_SUBSTITUTED_SENTENCE.finditer(paragraph),
        ]
        for match in substitutions:
            sub = match.group("sub").strip()
            people.append(
                ParsedAttendee(
                    name=sub,
                    match_key=match_key(sub),
                    status="substitute",
                    substitute_for=match.group("for").strip(),
                )
            )
    return dedupe(people)


def _apology_entries(listed: str) -> list[ParsedAttendee]:
    listed = forename_first(listed)
    listed = apology_clauses(listed)
    # "Councillor Smith who was on holiday and Councillor Brown": the clause is a reason.
    listed = _WHO_CLAUSE.sub(lambda m: f" ({m.group('why').strip()})", listed)
    people: list[ParsedAttendee] = []
    # "from County Councillors A, B and C and from Helen Price and Jo Lyle": two groups.
    groups = re.split(
        r",?\s+(?:and|as\s+well\s+as)\s+(?:also\s+)?(?:from|on\s+behalf\s+of)\s+"
        r"|;\s*(?:and\s+)?(?:from|on\s+behalf\s+of)\s+",
        listed,
    )
    entries = [
        entry
        for group in groups
        for entry in distribute_honorifics(split_list(GROUP_LABEL.sub("", group)))
    ]
    for entry in entries:
        bare = strip_parens(entry)
        head = REASON_SPLIT.split(bare, maxsplit=1)[0]
        if not looks_like_name(head):
            continue
        person = attendee(entry, "apologies", None, None)
        split = _with_substitute(person)
        if split is None and SUB_BY.match(person.reason or ""):
            split = [replace(person, reason=None)]  # a substitute not named as a person
        people.extend(split or [person])
    return people


def _with_substitute(person: ParsedAttendee) -> list[ParsedAttendee] | None:
    """An apology whose note names a substitute ("Councillor C substituting"): the apology
    without the note, then C as the substitute; None when it names none."""
    sub = SUB_BY.match(person.reason or "") if person.status == "apologies" else None
    who = (sub.group("who") or sub.group("who2") or "").strip() if sub else ""
    if sub is None or not who or not looks_like_name(who):
        return None
    substitute = ParsedAttendee(
        name=who,
        match_key=match_key(who),
        status="substitute",
        substitute_for=(sub.group("for") or person.name).strip(),
    )
    return [replace(person, reason=None), substitute]


def _until_sentence_end(text: str) -> str:
    """Cut at the first full stop that is not an initial's ("J. Smith")."""
    for match in re.finditer(r"\.(?=\s|$)", text):
        before = text[: match.start()].split()
        if before and len(before[-1]) == 1 and before[-1].isupper():
            continue
        return text[: match.start()]
    return text


def with_substitutes_from_apologies(people: list[ParsedAttendee]) -> list[ParsedAttendee]:
    """An apology "(substitute: Councillor C)" also records C as the substitute."""
    out: list[ParsedAttendee] = []
    for person in people:
        out.extend(_with_substitute(person) or [person])
    return out
