"""People's names as minutes print them: honorifics, initials, lists and match keys.

"Councillor M Carr (Chair)" is stored as printed, but two documents agree it
is the same person only through the match key "m carr" (``storage.directory``,
which the chat handlers use too).
"""

from __future__ import annotations

import functools
import re

from storage.names import HONORIFIC, HONORIFIC_WORDS, strip_honorifics


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PLURAL_HONORIFIC = re.compile(
    r"^(?P<prefix>(?:(?:county|city|borough|district|parish|town|metropolitan)\s+)?)"
    r"(?P<word>councillors|cllrs|aldermen|bailies|baillies)\b\.?\s*",
    re.IGNORECASE,
)
_SPLIT_LIST = re.compile(r"\s*(?:[,;]\s*and\s+|,|;|\s+and\s+|\s+&\s+|\s+[•·]\s+)\s*", re.IGNORECASE)
_LIST_MARK = re.compile(r"[()\[\],;\s]")
_INITIAL = re.compile(r"^[A-Z]\.?$|^[A-Z]\.(?:[A-Z]\.)+$|^[A-Z]{2,3}$")
# Accented Latin letters count ("Siân", "Renée", "Zoë", "Łucja"): Latin-1 and Latin Extended-A.
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_LOWER = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f"
_WORD = re.compile(
    rf"^(?:Mc|Mac|O'|D')?[{_UPPER}\u0100-\u017f][{_LOWER}{_UPPER}'’\-]*[{_LOWER}]"
    rf"[{_LOWER}{_UPPER}'\-]*$|^[A-Z][a-z]?'[A-Z][a-z]+$"
)
# Lower-case particles, and the Irish ones ("Seán Ó Briain", "Máire Ní Bhriain").
_PARTICLES = frozenset(
    ["de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "bin", "al", "el", "st"]
) | frozenset(["Ó", "Ní", "Nic", "Mac", "Uí", "Ua"])
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
    partnerships convener convenor depute provost bailie
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


# Entries that say nobody was there: "None", "None provided", "Nil", "No apologies were received".
NO_ONE = re.compile(
    r"^(?:none|nil|n/?a|not\s+applicable|nobody|no\s+one)"
    r"(?:\s+(?:were|was|had\s+been|have\s+been|has\s+been))?(?:\s+(?:provided|received|submitted|"
    r"recorded|given|noted|reported|tendered|to\s+report|declared|this\s+time))?[.!]?$"
    r"|^(?:there\s+were\s+)?no\s+(?:other\s+)?apologies\b.*$|^there\s+were\s+no(?:ne)?\b.*$",
    re.IGNORECASE,
)
# Table headers and signature lines that a list or table may carry: never a person.
_FURNITURE_WORDS = re.compile(
    r"^(?:name|names|initials?|organisation|organization|role|post|title|attendees?|"
    r"chair(?:man|woman|person)?|vice[\s-]?chair(?:man|person)?|(?:vice[\s-]?)?conven[eo]r|"
    r"signed|signature|date|dated|"
    r"clerk|minute[\s-]?taker)\b[\s\W]*(?:[\s/|&,]+(?:name|organisation|organization|role|"
    r"initials?|post|title)\b[\s\W]*)*$|^(?:signed|signature|dated?)\b.*[._]{3,}",
    re.IGNORECASE,
)


# "Two members of the public", "One member of the press": counted, never named.
_PUBLIC = re.compile(
    r"^(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a\s+number\s+of)"
    r"\s+(?:members?\s+of\s+(?:the\s+)?(?:public|press)|residents?|observers?|visitors?"
    r"|(?:[\w-]+\s+){0,2}(?:officials|officers|staff(?:\s+members?)?))\b",  # "Two Board Officials"
    re.IGNORECASE,
)


def counts_the_public(text: str) -> bool:
    """ "Two members of the public": a count, never a person."""
    return bool(_PUBLIC.match(text.strip()))


def is_no_one(text: str) -> bool:
    """True for what a list prints instead of people (a count of the public too), or a
    table header or signature line."""
    bare = " ".join(text.strip(" .:;-–—•*").split())
    return not bare or bool(
        NO_ONE.match(bare) or _FURNITURE_WORDS.match(bare) or _PUBLIC.match(bare)
    )


# A label over a list of people, not part of the first name: "co-opted members Helen Price
# and Sam Okoro", "Young Ambassadors Leah and Tom".
GROUP_LABEL = re.compile(
    r"^(?:the\s+)?(?:(?:co-?opted|independent|parent\s+governor|church|diocesan|voting|"
    r"non-voting|lay|external)\s+(?:members?|representatives?|persons?)|(?:young|youth)\s+"
    r"(?:ambassadors?|advisers?|advisors?|inspectors?|people|representatives?|champions?))\s+",
    re.IGNORECASE,
)


def is_initial(token: str) -> bool:
    return bool(_INITIAL.match(token))


def is_name_word(token: str) -> bool:
    low = token.lower()
    return (
        bool(_WORD.match(token))
        and low not in CAPACITY_WORDS
        and not all(part in CAPACITY_WORDS for part in low.split("-"))  # "Vice-Chair"
    )


def looks_like_name(text: str, *, allow_single: bool = True) -> bool:
    """True for "J A Walker", "Kathy Peacock", "Leadbetter", "Julie O'Connor"."""
    if len(text) > 100:  # no name runs this long: not worth keeping
        return _looks_like_name(text, allow_single)
    return _judged(text, allow_single)


def _looks_like_name(text: str, allow_single: bool) -> bool:
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
    if not is_name_word(tokens[-1]) and not _caps_surname(tokens):
        return False
    for token in tokens[:-1]:
        if not (is_initial(token) or is_name_word(token) or token in _PARTICLES):
            return False
    return True


# Each reader of a list asks again of the same entries, and members attend meeting after
# meeting: each short entry is judged once.
_judged = functools.lru_cache(maxsize=4096)(_looks_like_name)


def _caps_surname(tokens: list[str]) -> bool:
    """ "Alan NAIRN": Scottish minutes print the surname in capitals after the forename."""
    last = tokens[-1]
    return (
        len(last) >= 3
        and last.isalpha()
        and last.isupper()
        and is_name_word(tokens[0])
        and not tokens[0].isupper()
    )


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
    # Only brackets and where a separator can start matter: the letters between are skipped.
    while mark := _LIST_MARK.search(text, index):
        index = mark.start()
        ch = text[index]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:  # "," or ";" or white space
            match = _SPLIT_LIST.match(text, index)
            if match and match.end() > index:
                parts.append(text[start:index])
                start = index = match.end()
                continue
        index += 1
    parts.append(text[start:])
    return [part.strip(" .;:,") for part in parts if part.strip(" .;:,-–")]


def is_post(text: str) -> bool:
    """ "Solicitor to the Council", "Licensing Manager": a job title, not a name."""
    words = text.lower().split()
    return bool(words) and any(word in CAPACITY_WORDS for word in words)


def split_name_capacity(entry: str) -> tuple[str, str | None]:
    """ "A Allen - Director of Culture" or "J Bromily Director of Finance" → (name, capacity)."""
    entry = entry.strip(" -–—•·*").strip()
    parts = _DASH_SPLIT.split(entry, maxsplit=1)
    if len(parts) == 2 and looks_like_name(parts[0]):
        return parts[0].strip(), parts[1].strip(" ,.") or None
    if len(parts) == 2 and looks_like_name(parts[1]) and is_post(parts[0]):
        return parts[1].strip(" ,."), parts[0].strip()  # "Licensing Manager - Karen Upton"
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
        named = is_name_word(clean) or (len(taken) == 1 and _caps_surname([taken[0], clean]))
        if named and len([t for t in taken if not is_initial(t)]) < words_allowed:
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


# "Akhtar, S. (Chair)" / "Pemberton-Hall, R.": a surname, then its initials after a comma.
_SURNAME_FIRST = re.compile(
    rf"(?P<hon>(?i:{HONORIFIC_WORDS})\.?\s+)?"
    # a surname of up to three words: particles ("van der", "ap", "Ó") or capitalised words
    # ("St John-Smythe", "De Souza"), then the last word, which has a lower-case letter
    r"(?P<sur>(?:(?:de|da|di|du|van|von|der|den|la|le|ap|ab|[A-ZÀ-Ý][\w'’]*[a-zß-ÿ][\w'’]*|Ó)\s+){0,2}"
    r"(?:Mc|Mac|O'|D')?[A-ZÀ-Ý][\w'’\-]*[a-zß-ÿ][\w'’\-]*),\s*"
    r"(?P<ini>[A-Z](?:\.|\b)(?:\s?[A-Z](?:\.|\b)){0,2})"
    r"(?P<tail>(?:\s*\([^()]*\))*)"
)
# What may stand between two surname-first names on one line (two columns leave only a space).
_BETWEEN = re.compile(r"\s*(?:[,;]\s*(?:and\s+)?|\s(?:and|&)\s+)?\s*$|\s+$", re.IGNORECASE)


def forename_first(line: str) -> str:
    """ "Akhtar, S. (Chair)  Pemberton-Hall, R." → "S. Akhtar (Chair); R. Pemberton-Hall".

    Only a line made wholly of surname-first names (after an optional honorific) is
    rewritten, so "Councillors M Carr, J Brunton Dobson" (a list) stays as it is; an
    officer's post may follow a single name ("Okafor, J.  Head of Service, Early Help").
    """
    if "," not in line:
        return line
    prefix = _honorific_prefix(line)
    rest = line[len(prefix) :]
    # The first name opens the rest (white space apart) or the line stays as it is: looking
    # there first spares a search at every position of a line that holds no such name.
    lead = len(rest) - len(rest.lstrip())
    if not any(_SURNAME_FIRST.match(rest, start) for start in range(lead + 1)):
        return line
    names: list[str] = []
    separators: list[str] = []
    position = 0
    for match in _SURNAME_FIRST.finditer(rest):
        gap = rest[position : match.start()]
        if (names and not _BETWEEN.fullmatch(gap)) or (not names and gap.strip()):
            return line
        separators.append(gap)
        honorific = match.group("hon") or ""
        names.append(f"{honorific}{match.group('ini')} {match.group('sur')}{match.group('tail')}")
        position = match.end()
    if not names:
        return line
    tail = rest[position:].strip().lstrip("-–—|").strip()  # "Okafor, J. | Head of ..."
    if tail:
        post = tail.split(",")[0]
        if len(names) > 1 or not tail[:1].isupper() or looks_like_name(post) or not is_post(post):
            return line  # "Councillors Smith, J Brown and K White" is a list, not a post
        return f"{prefix}{names[0]} - {tail}"
    out = prefix + names[0]
    for gap, name in zip(separators[1:], names[1:], strict=True):
        out += (gap if gap.strip() else "; ") + name
    return out


def _honorific_prefix(line: str) -> str:
    match = PLURAL_HONORIFIC.match(line) or HONORIFIC.match(line)
    return match.group(0) if match else ""


_SURNAME_FORENAME = re.compile(
    r"^(?P<sur>(?:Mc|Mac|O'|D')?[A-Z][A-Za-z'’\-]*[a-z]),\s+(?P<fore>[A-Z][a-z][A-Za-z'’\-]*)"
    r"(?P<tail>(?:\s*\([^()]*\))*)\.?$"
)


def forenames_first(lines: list[str]) -> list[str]:
    """ "Brown, John (Chair)" / "Smith, Mary", one a line → "John Brown (Chair)", "Mary Smith".

    Only when every line of the list has that shape (two or more lines), since one
    "Brown, Smith" line alone could as well be two surnames.
    """
    matches = [_SURNAME_FORENAME.match(line) for line in lines if line]
    if len(matches) < 2 or not all(matches):
        return lines
    out: list[str] = []
    for line in lines:
        match = _SURNAME_FORENAME.match(line)
        if match and is_name_word(match.group("fore")) and is_name_word(match.group("sur")):
            line = f"{match.group('fore')} {match.group('sur')}{match.group('tail')}"
        out.append(line)
    return out


# A second honorific inside a line: where the next column's name starts.
_INNER_HONORIFIC = re.compile(
    r"\s+(?=(?:(?:County|City|Borough|District|Parish|Town)\s+)?(?:Councillor|Cllr\.?)\s+[A-Z])"
)


def columns_apart(line: str) -> str:
    """Names printed in columns on one line, each a whole name, as a "; " list:
    "Councillor A Bee (Chair) | Councillor C Dee" or "Councillor G Gee  Councillor H Aitch"."""
    cells = [cell.strip(" ,;") for cell in line.split(" | ")] if " | " in line else []
    if len(cells) < 2:
        cells = [part.strip(" ,;") for part in _INNER_HONORIFIC.split(line)]
    if len(cells) > 1 and all(looks_like_name(cell) for cell in cells if cell):
        return "; ".join(cell for cell in cells if cell)
    return line
