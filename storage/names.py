"""How a printed name and a typed one are matched: honorifics off, one comparison key.

Pure (no database), so the parsers, the directory and the chat handlers share
one definition of "the same name".
"""

from __future__ import annotations

import re

HONORIFIC_WORDS = (
    r"(?:(?:county|city|borough|district|parish|town|metropolitan)\s+)?"
    r"(?:councillors?|cllrs?|cl1r|mr|mrs|ms|miss|mx|dr|doctor|prof|professor|sir|dame|lord|lady|"
    r"rev|reverend|revd|canon|alderman|aldermen|the\s+rev|the\s+mayor|mayor|deputy\s+mayor|"
    r"(?:lord\s+|depute\s+|deputy\s+)?provost|bailie|baillie|"  # Scottish civic titles
    r"(?:chief\s+)?inspector|(?:chief\s+)?superintendent|sergeant|insp|supt|sgt|pcso|pc)"
)
HONORIFIC = re.compile(rf"^(?:{HONORIFIC_WORDS})\b\.?\s*", re.IGNORECASE)
_POST_NOMINALS = re.compile(r"(?:,?\s+\b(?:OBE|MBE|CBE|JP|DL|KC|QC|MP|MEP|FRSA|PhD)\b\.?)+$")
_PAREN = re.compile(r"\s*\([^()]*\)")
_KEY_DROP = re.compile(r"[^\w'\- ]+")


def strip_honorifics(name: str) -> str:
    """ "Councillor Mrs J Smith (Chair)" → "J Smith"."""
    name = _PAREN.sub("", name).strip(" ,.;:")
    previous = None
    while previous != name:
        previous = name
        name = HONORIFIC.sub("", name, count=1).strip()
    return _POST_NOMINALS.sub("", name).strip(" ,.;:")


def match_key(name: str) -> str:
    """The comparison key: no honorifics or punctuation, lower case ("j a walker")."""
    bare = strip_honorifics(name).replace("’", "'")
    bare = _KEY_DROP.sub(" ", bare.replace(".", " "))
    return " ".join(bare.lower().split())
