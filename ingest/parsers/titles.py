"""Item and board titles: cleaning web-page noise and telling a heading from a sentence."""

from __future__ import annotations

import re

from ingest.parsers.prefilter import Gated, any_word

# Opening with white space, it is tried at every position of a title: only a title naming a
# file type is searched.
_PDF_NOISE = Gated(
    re.compile(
        r"\s*(?:\(\s*)?(?:pdf\s+icon\s*)?\b(?:pdf|docx?|xlsx?|pptx?)\b,?\s*[\d.,]+\s*[kmg]b\s*\)?\s*$"
        r"|\s*pdf\s+icon\s*$",
        re.IGNORECASE,
    ),
    any_word("pdf", "doc", "xls", "ppt"),
)
_PDF_NOISE_GLUED = re.compile(r"(?<=[a-z)])PDF\s*[\d.,]+\s*[KMG]B\s*$")
_UPPER = re.compile(r"[A-Z\u00c0-\u00de]")
# "... the minutes. The Chair": a sentence runs on after a full stop.
_RUN_ON = re.compile(r"[a-z]{2}\.\s+[A-Z]")
_LOWER = re.compile(r"[a-z\u00df-\u00ff]")
_LEADING_MARKS = re.compile(r"^(?:\*+|#+|[-•·]+)\s*")
_SMALL = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "via",
        "per",
        "vs",
    ]
)
_BODY = re.compile(
    r"\b(?:board|committee|sub-committee|panel|forum|partnership|group|cabinet|commission|"
    r"assembly|executive|network|council|authority|meeting)\b",
    re.IGNORECASE,
)
_BODY_NOT_COUNCIL = re.compile(
    r"\b(?:board|committee|sub-committee|panel|forum|partnership|group|cabinet|commission|"
    r"assembly|network)\b",
    re.IGNORECASE,
)
_ENDS_WITH_BODY = re.compile(
    r"\b(?:board|committee|sub-committee|panel|forum|partnership|group|cabinet|commission|"
    r"assembly|executive|network|council|authority|board\s+of\s+(?:trustees|governors|directors)|"
    r"(?:council|committee|commission)\s+on\s+(?-i:[A-Z])[\w ]{2,60}?)"  # "… Council on Religious …"
    r"(?:\s*\([^()]*\))?$",
    re.IGNORECASE,
)
# Words after a board's name in a title line: "... Board held on", "... Board on Thursday".
# What follows the board's name in a title line; "meeting of the X" leads up to it instead.
_BODY_TAIL = re.compile(
    r"\s+(?:held|on(?!\s+(?-i:[A-Z])[a-z]+\s+(?-i:[A-Z])[a-z]+(?:\s+\(|$))|at|(?:meeting|minutes|agenda)"
    r"(?!\s+(?:of|for)\s+(?:(?:the|an?)\s+)?(?!meeting\b)(?-i:[A-Z])))\b.*$|\s+\d.*$",
    re.IGNORECASE,
)
STANDARD_TITLE = re.compile(
    r"^(?:apologies|declarations?\s+of\s+(?:interests?|pecuniary)|disclosures?\s+of\s+interest|"
    r"minutes\b|(?:any\s+)?other\s+(?:urgent\s+)?(?:business|items?)|urgent\s+(?:business|items?)|"
    r"any\s+other|date\s+(?:and\s+time\s+)?of\s+(?:the\s+)?next|exclusion\s+of\s+(?:the\s+)?press|"
    r"welcome\b|introductions?\b|matters\s+arising|action\s+(?:log|tracker|points)|"
    r"chair'?s?\s+(?:announcements|update|welcome)|public\s+questions|forward\s+plan|"
    r"work\s+programme|membership\b|substitut)",
    re.IGNORECASE,
)


# An agenda's page reference after a title: "Minutes (Pages 5 - 12)", "Report Pages 13 - 28".
_PAGE_RANGE = re.compile(
    r"\s*(?:\(\s*(?:pages?|pp?\.?)\s*\d+(?:\s*[-–]\s*\d+)?\s*\)|\bpages\s+\d+\s*[-–]\s*\d+)\s*$",
    re.IGNORECASE,
)


# What the agenda asks of an item, printed in a right-hand column ("For decision"), in
# brackets or after a dash. Set apart like that, or with a capital "For", it is a tag; run
# on in lower case it is the title's own words ("Budget 2027/28 for approval").
_PURPOSE = (
    r"for\s+(?:decision|information|noting|approval|discussion|comment|assurance|"
    r"endorsement|agreement)"
)
_PURPOSE_TAG = Gated(
    re.compile(
        rf"(?:\s*\(\s*{_PURPOSE}\s*\)|(?:\s{{2,}}|\s*[-–—|]\s*|\s+(?=(?-i:F))){_PURPOSE}\.?)$",
        re.IGNORECASE,
    ),
    any_word("for"),
)


def clean_title(title: str) -> str:
    """Drop "pdf icon PDF 839 KB", "(Pages 5 - 12)", "For decision" and leading "** " marks."""
    title = _PDF_NOISE_GLUED.sub("", title)
    previous = None
    while previous != title:
        previous = title
        title = _PDF_NOISE.sub("", title).strip()
    title = _LEADING_MARKS.sub("", _PURPOSE_TAG.sub("", _PAGE_RANGE.sub("", title)))
    return " ".join(title.split()).strip(" -–:")


def smart_title(text: str) -> str:
    """ "CORPORATE PARENTING BOARD" → "Corporate Parenting Board"."""
    words = text.lower().split()
    out: list[str] = []
    for index, word in enumerate(words):
        if index and word in _SMALL:
            out.append(word)
        else:
            out.append(
                re.sub(
                    r"(^|[-(/]|(?<=^o)')([a-z])", lambda m: m.group(1) + m.group(2).upper(), word
                )
            )
    return " ".join(out)


def is_caps(text: str, *, min_letters: int = 6) -> bool:
    """Mostly upper-case letters ("SIGNS OF SAFETY"); long lines are never headings."""
    if len(text) > 240:
        return False
    upper, lower = _letter_cases(text)
    if upper + lower < min_letters:
        return False
    return upper / (upper + lower) >= 0.85


def _letter_cases(text: str) -> tuple[int, int]:
    """Upper- and lower-case letters in ``text`` (``_UPPER`` and ``_LOWER``, counted in C)."""
    if text.isascii():
        data = text.encode("ascii")
        return (
            len(data) - len(data.translate(None, _UPPER_BYTES)),
            len(data) - len(data.translate(None, _LOWER_BYTES)),
        )
    return len(_UPPER.findall(text)), len(_LOWER.findall(text))


_UPPER_BYTES, _LOWER_BYTES = bytes(range(65, 91)), bytes(range(97, 123))


def title_like(text: str) -> bool:
    """Short, not a sentence run-on, not a list lead-in: could be an item heading."""
    text = text.strip()
    if not text or len(text) > 160 or text.endswith((":", ",", ";", ":-")):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "*'\"("):
        return False
    words = text.split()
    if len(words) > 25:
        return False
    if _RUN_ON.search(text):
        return False
    return not (text.endswith(".") and len(words) > 16)


def is_standard_title(text: str) -> bool:
    return bool(STANDARD_TITLE.match(clean_title(text)))


def mentions_body(text: str) -> bool:
    return bool(_BODY.search(text))


def _comma_lists_joined(segments: list[str], title: str) -> list[str]:
    """ "Education, Children and Families Committee" is one name: a comma-separated piece
    with no body word, followed (after the comma) by the piece that names the body."""
    out: list[str] = []
    for segment in segments:
        # "MINUTE of MEETING of the EDUCATION": the words after "of the" begin the name
        head = (
            re.sub(r"^.*\b(?:of|for)\s+(?:the\s+)?", "", out[-1], flags=re.IGNORECASE)
            if out
            else ""
        )
        if (
            out
            and f"{out[-1]}, {segment}" in title
            and head
            and not _BODY.search(head)
            and not re.search(r"\b(?:minutes?|agenda|meeting|notice)\b", head, re.IGNORECASE)
            and len(head.split()) <= 3
            and _ENDS_WITH_BODY.search(segment)
        ):
            out[-1] = f"{out[-1]}, {segment}"
        else:
            out.append(segment)
    return out


def board_from_title(title: str) -> str | None:
    """The board's name inside a printed title ("You Matter to Us - Corporate Parenting Board")."""
    title = clean_title(title)
    segments = _comma_lists_joined(
        [s.strip() for s in re.split(r"\s+[-–—|/]\s+|:\s+|,\s+", title) if s.strip()], title
    )
    segments = [_BODY_TAIL.sub("", s).strip() for s in segments]
    preferred = [s for s in segments if _BODY_NOT_COUNCIL.search(s) and _ENDS_WITH_BODY.search(s)]
    fallback = [
        s
        for s in segments
        if _ENDS_WITH_BODY.search(s) and not re.search(r"\bmeeting\b", s, re.IGNORECASE)
    ]
    if not (preferred or fallback):
        return None
    chosen = (preferred or fallback)[-1]
    chosen = re.sub(
        r"^(?:(?:the\s+)?(?:draft\s+|confirmed\s+|unconfirmed\s+)?(?:minutes?|agenda|notice|summons)"
        r"(?:\s+and\s+(?:minutes|decisions))?\s+(?:of|for)\s+(?:an?\s+|the\s+)?(?:(?:ordinary|special|"
        r"extraordinary|virtual|remote|informal)\s+)?(?:meeting\s+of\s+(?:the\s+)?)?)",
        "",
        chosen,
        flags=re.IGNORECASE,
    )
    # "NOTICE IS HEREBY GIVEN that a meeting of the X": the body follows the formula
    chosen = re.sub(r"^.{0,60}?\bthat\s+(?=an?\s+meeting\s+of\b)", "", chosen, flags=re.I)
    chosen = re.sub(
        r"^(?:at\s+)?(?:an?\s+)?meeting\s+of\s+(?:the\s+)?|^(?:all\s+)?members\s+of\s+",
        "",
        chosen,
        flags=re.IGNORECASE,
    )
    chosen = re.sub(r"^the\s+", "", chosen, flags=re.IGNORECASE)
    on_date = r"on(?!\s+(?-i:[A-Z])[a-z]+\s+(?-i:[A-Z])[a-z]+(?:\s+\(|$))"  # not "on Religious …"
    chosen = re.sub(rf"\s+(?:held|{on_date}|at|to\s+be)\b.*$", "", chosen, flags=re.I).strip(
        " .,-–"
    )
    if not chosen or not _BODY.search(chosen):
        return None
    if not chosen.isupper():
        return chosen
    # "(SACRE)": an acronym in brackets stays as printed
    return re.sub(r"\(([A-Za-z]{2,8})\)", lambda m: f"({m[1].upper()})", smart_title(chosen))
