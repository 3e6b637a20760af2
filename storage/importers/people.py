"""People's names as minutes print them: honorifics, initials, lists and match keys.

"Councillor M Carr (Chair)" is stored as printed, but two documents agree it
is the same person only through the match key "m carr" (``storage.directory``,
which the chat handlers use too).
"""

from __future__ import annotations

import re

from storage.directory import HONORIFIC, strip_honorifics


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PLURAL_HONORIFIC = re.compile(
    r"^(?P<prefix>(?:(?:county|city|borough|district|parish|town|metropolitan)\s+)?)"
    r"(?P<word>councillors|cllrs|aldermen)\b\.?\s*",
    re.IGNORECASE,
)
_SPLIT_LIST = re.compile(r"\s*(?:[,;]\s*and\s+|,|;|\s+and\s+|\s+&\s+)\s*", re.IGNORECASE)
_INITIAL = re.compile(r"^[A-Z]\.?$|^[A-Z]\.(?:[A-Z]\.)+$|^[A-Z]{2,3}$")
# Accented Latin letters count ("Siân", "Renée", "Zoë", "Łucja"): Latin-1 and Latin Extended-A.
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_LOWER = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f"
_WORD = re.compile(
    rf"^(?:Mc|Mac|O'|D')?[{_UPPER}\u0100-\u017f][{_LOWER}{_UPPER}'’\-]*[{_LOWER}]"
    rf"[{_LOWER}{_UPPER}'\-]*$|^[A-Z][a-z]?'[A-Z][a-z]+$"
)
_PARTICLES = frozenset(
    ["de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "bin", "al", "el", "st"]
)
_DASH_SPLIT = re.compile(r"\s+[-–—]\s+|\s*[-–—]\s+(?=[A-Z])|,\s+(?=[A-Z])")

# Words that mark a job title or organisation rather than part of a name.
CAPACITY_WORDS = _words(
    """
    director head manager officer chief executive assistant deputy principal lead senior
    service services health care social children children's adult adults finance governance
    audit communities communications culture public nhs bbc reporter democracy democratic
    team coordinator co-ordinator advisor adviser representative member members clerk
    council county borough school schools virtual education safeguarding partnership trust
    police commissioning commissioner independent reviewing corporate parenting
    participation youth foster fostering adoption leaving leaver leavers group board
    committee panel forum authority department unit engagement strategic operations
    operational specialist practice practitioner consultant legal solicitor monitoring
    scrutiny cabinet portfolio holder executive chair chairman chairperson vice governor
    governors inspector ofsted cafcass agency university college hospital icb ccg local
    democracy voice child apprentice worker workers nurse doctor designated teacher teachers
    coordinator manager's initial response quality standards development strategy strategic
    performance improvement support inclusion learning skills resources housing planning
    transformation families family people help business intelligence customer digital data
    equality diversity wellbeing welfare looked after permanence placements placement
    sufficiency residential relational restorative influence influencer training employment
    justice integration affairs policy programme project projects office officers
    partnerships
    """
)
_NOT_NAMES = _words(
    """
    the a an this that these those it there they we our their his her its all any each every
    no none nil other others members member minutes item items board committee chair officer
    officers present apologies absent also attendance in and of for to with from by on at as
    substitute substitutes official officials note noted agreed resolved
    """
)


def is_initial(token: str) -> bool:
    return bool(_INITIAL.match(token))


def is_name_word(token: str) -> bool:
    return bool(_WORD.match(token)) and token.lower() not in CAPACITY_WORDS


def looks_like_name(text: str, *, allow_single: bool = True) -> bool:
    """True for "J A Walker", "Kathy Peacock", "Leadbetter", "Julie O'Connor"."""
    bare = strip_honorifics(text)
    tokens = bare.split()
    if not tokens or len(tokens) > 5 or "&" in bare or any(ch.isdigit() for ch in bare):
        return False
    if (tokens[0].lower() in _NOT_NAMES and not is_initial(tokens[0])) or (
        tokens[-1].lower() in _NOT_NAMES
    ):
        return False
    if len(tokens) == 1:
        return allow_single and is_name_word(tokens[0])
    if not is_name_word(tokens[-1]):
        return False
    for token in tokens[:-1]:
        if not (is_initial(token) or is_name_word(token) or token in _PARTICLES):
            return False
    return True


def shape(name: str) -> str:
    """ "initials" (J A Walker), "surname" (Leadbetter) or "full" (Paul Armitage)."""
    tokens = strip_honorifics(name).split()
    if len(tokens) <= 1:
        return "surname"
    return "initials" if is_initial(tokens[0]) else "full"


def split_list(text: str) -> list[str]:
    """Split "A, B and C (Chair); D" at top-level commas, semicolons and "and"."""
    parts: list[str] = []
    depth = 0
    start = 0
    index = 0
    length = len(text)
    while index < length:
        ch = text[index]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            match = _SPLIT_LIST.match(text, index)
            if match and match.end() > index and (ch in ",;" or ch.isspace()):
                parts.append(text[start:index])
                start = index = match.end()
                continue
        index += 1
    parts.append(text[start:])
    return [part.strip(" .;:,") for part in parts if part.strip(" .;:,-–")]


def split_name_capacity(entry: str) -> tuple[str, str | None]:
    """ "A Allen - Director of Culture" or "J Bromily Director of Finance" → (name, capacity)."""
    entry = entry.strip(" -–—•·*").strip()
    parts = _DASH_SPLIT.split(entry, maxsplit=1)
    if len(parts) == 2 and looks_like_name(parts[0]):
        return parts[0].strip(), parts[1].strip(" ,.") or None
    prefix = ""
    honorific = HONORIFIC.match(entry)
    rest = entry
    while honorific:
        prefix += honorific.group(0)
        rest = rest[honorific.end() :]
        honorific = HONORIFIC.match(rest)
    tokens = rest.split()
    taken: list[str] = []
    for token in tokens:
        clean = token.strip(",")
        if is_initial(clean) and not any(not is_initial(t) for t in taken):
            taken.append(clean)
            continue
        # After initials only a surname follows ("J Bromily"); else a forename and surname.
        words_allowed = 1 if any(is_initial(t) for t in taken) else 2
        if is_name_word(clean) and len([t for t in taken if not is_initial(t)]) < words_allowed:
            taken.append(clean)
            if token.endswith(","):
                break
            continue
        break
    if not taken or all(is_initial(t) for t in taken):
        return entry, None
    name = (prefix + " ".join(taken)).strip()
    capacity = " ".join(tokens[len(taken) :]).strip(" ,-–") or None
    return name, capacity
