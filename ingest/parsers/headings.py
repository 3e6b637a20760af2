"""Item headings in formal minutes and agendas: "18/9 SIGNS OF SAFETY", "63. Apologies", "(c) Minutes".

Item numbers are recognised only as a consistent, increasing series (the
longest one in the document), so a numbered list inside the discussion or a
line that happens to start with a figure never becomes an item. Letters count
only where nothing is numbered and they run (a), (b), (c) ...
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from ingest.parsers.attendance import is_section_line
from ingest.parsers.decisions import BARE_LABEL, is_decision
from ingest.parsers.item_numbers import fill_gaps, longest_series, number_key
from ingest.parsers.lead_lines import lead_of
from ingest.parsers.people import looks_like_name
from ingest.parsers.prefilter import Gated
from ingest.parsers.records import referenced_subject
from ingest.parsers.titles import clean_title, is_caps, title_like
from storage.names import HONORIFIC

_NUMBERED = re.compile(
    r"^(?:\*\s+)?(?:(?:[Aa]genda\s+)?[Ii]tem\s+(?:[Nn]o\.?\s*)?|[Mm]inute\s+(?:[Nn]o\.?\s*)?"
    r"|[Mm]in\.?\s+)?"
    r"(?P<num>[A-Z]{1,6}/\d{1,3}/\d{2,4}|[A-Z]{1,6}[/.]\d{1,4}(?=[\s.):])|\d{1,3}/\d{1,4}"
    r"|\d{1,3}\.\d{1,2}(?=[\s.])|\d{1,3}\([a-z]\)"
    r"|\d{1,3}[a-z]?|\d{4,5}(?=\s+[A-Z][A-Z\W]+$)|[IVX]{1,5}(?=\s+[A-Z][A-Z\d\W]+$)"
    r"|[A-H]\d{1,2}(?=\.\s))"  # "A1. Apologies", "B1. Fraud Update": items numbered by part
    r"(?P<sep>[.):]?\s*[-–]\s+|[.):]\s*|\s+|(?=[A-Z*]))(?P<title>\S.*)$"
)
# A row of an "Item | Title | Page" agenda table: "3 | Schools Budget 2026-27 | 9".
_TABLE_ROW = re.compile(
    r"^(?P<num>\d{1,3}[a-z]?)\.?\s*\|\s*(?P<title>[^|]*[A-Za-z][^|]*?)\s*"
    r"(?:\|\s*(?:\d{1,3}(?:\s*[-–]\s*\d{1,3})?|[-–])?\s*)?(?:\|[^|]*)?$"  # pages, lead
)
# A timed agenda's row: "09:30 | 1 | Welcome and apologies | Chair | Verbal".
_TIMED_ROW = re.compile(
    r"^\d{1,2}[:.]\d\d\s*\|\s*(?P<num>\d{1,3}[a-z]?)\.?\s*\|\s*(?P<title>[^|]*[A-Za-z][^|]*?)\s*(?:\|.*)?$"
)
# Its match ends the text (or stands before a closing newline): only the tail need be folded.
_PAGES_COLUMN = Gated(re.compile(r"(?:^|\s)pages?$", re.I), lambda t: "page" in t[-6:].lower())
_BARE_PAGES = re.compile(r"\s+\d{1,3}\s*[-–]\s*\d{1,3}$")
# "Agenda Item 4", "Decision 45", "Minute 12" alone on a line: a labelled number over its title.
_ITEM_LABEL = re.compile(
    r"^(?:(?:agenda\s+)?item|decision|minute)\s+(?:no\.?\s*)?(?P<num>\d{1,3}[a-z]?)[.:]?$", re.I
)
# "Lead: Head of Commissioning", "Place: ...": a field of its own, never part of a title.
FIELD = re.compile(r"^[A-Z][A-Za-z ]{1,30}:\s")
LETTERED = re.compile(r"^\((?P<num>[a-z])\)\s+(?P<title>\S.*)$")
_DATE_START = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d\d\b", re.I
)
_TIME_START = re.compile(r"^\d{1,2}\s*(?:[ap]\.?\s?m\b|noon)", re.IGNORECASE)
_FINITE_VERB = re.compile(
    r"\b(?:was|were|is|are|had|has|have|be|been|welcomed|presented|asked|received|noted|agreed|"
    r"reported|gave|said|explained|confirmed|outlined|thanked|discussed|considered|resolved)\b",
    re.IGNORECASE,
)
LABEL_ONLY = re.compile(
    r"^(?:agreed|resolved|ordered|decided|decision|noted|recommended|actions?|minutes|"
    r"actions?\s+(?:arising|agreed|log|list|summary)|summary\s+of\s+actions|action\s+points|"
    r"public|private|part\s+[a-z1-3]|reason\s+for\s+(?:the\s+)?decision)\s*[:\-–]*$",
    re.IGNORECASE,
)
PART_B = re.compile(
    r"^(?:\*+\s*)?(?:part\s+(?:b|2|ii|two)\b|exempt\s+(?:items?|information|business)$|"
    r"confidential\s+(?:items?|business)$|private\s+(?:session|business)$|"
    r"items?\s+(?:taken|considered)\s+in\s+private)",
    re.IGNORECASE,
)
TERMINAL = (".", "!", "?", ":", ";", '"', "'", ")")
# A line ending on a word no sentence ends with ("... presented to the Committee in")
# carries on below, whatever case the next line starts in ("October 2024.").
DANGLING = re.compile(
    r"\s(?:(?i:in|on|by|to|the|of|and|or|an|for|at|with|from|that|be|its|their|this|these|was|were|is|are|been|will|would|shall|which)|a)$"
)
_APOLOGIES_HEADING = re.compile(r"^apologies(?:\s+for\s+absence)?(?:\s+and\s+\w+)?$", re.I)
# Lines that start a sentence or a sub-point of their own, never the rest of a title:
# "Apologies" / "were received from: ...", "5. Highways" / "a) To note the response".
_NOT_A_WRAP = re.compile(r"^(?:were|was|have\s+been|had\s+been)\s|^\(?[a-z][.)]\s")
_ABBREVIATED = re.compile(r"\b(?:etc|[A-Z])\.$")
_CLOSING = re.compile(
    r"\b(?:closed|ended|finished|started|commenced|began|concluded|signed)\b|\.{3}|__", re.I
)


@dataclass
class Heading:
    line: int
    end: int
    number: str | None
    title: str


def _number_articles(lines: list[str], headings: list[Heading]) -> None:
    """Scottish minutes print a caps heading, then the article's number on its first
    paragraph ("DECLARATIONS OF INTEREST" / "1. There were no declarations ..."): when every
    unnumbered heading is followed so, in rising order, the heading takes that number."""
    numbers: list[str] = []
    for heading in headings:
        following = next((line for line in lines[heading.end : heading.end + 3] if line), "")
        match = re.match(r"^(\d{1,3})\.\s+[A-Z]", following)
        if heading.number is not None or match is None:
            return
        numbers.append(match.group(1))
    values = [int(n) for n in numbers]
    if len(values) >= 2 and all(b > a for a, b in pairwise(values)):
        for heading, number in zip(headings, numbers, strict=True):
            heading.number = number


def numbered_heading(line: str, previous: str) -> tuple[str, str] | None:
    """(number, title) when ``line`` reads as a numbered item heading."""
    # A table row holds its cells' bar: every other line is spared both patterns.
    row = (_TIMED_ROW.match(line) or _TABLE_ROW.match(line)) if "|" in line else None
    if row is not None:
        line = f"{row.group('num')} {row.group('title')}"
    match = _NUMBERED.match(line)
    if match is None:
        return None
    number, sep, raw = match.group("num"), match.group("sep"), match.group("title")
    if not sep and "/" not in number:
        return None
    title = clean_title(raw)
    if not title or not _heading_text(title) or _TIME_START.match(title):
        return None
    if (
        previous
        and len(previous) > 60
        and not previous.endswith(TERMINAL)
        and not is_caps(previous)
        and not is_section_line(previous)
        and not is_caps(title)
        and (len(title.split()) > 8 or title.endswith("."))
    ):
        return None  # a wrapped sentence that happens to continue with a figure
    return number, title


def _heading_text(title: str) -> bool:
    if not title_like(title) or title.startswith(("That ", "that ")) or _DATE_START.match(title):
        return False
    if title.endswith(".") and _FINITE_VERB.search(title):
        return False  # "The Chair welcomed everyone." is a numbered paragraph, not a heading
    if not re.search(r"[A-Za-z]{3}", title):
        return False
    if not (title[0].isupper() or title[0].isdigit() or title[0] in "'\"("):
        return False
    return not is_decision(title)


def caps_heading(line: str) -> str | None:
    """An unnumbered upper-case heading ("** SUSPENSION OF COUNCIL PROCEDURE RULE ...")."""
    starred = line.startswith("*")
    if not (is_caps(line) or starred) or is_section_line(line) or LABEL_ONLY.match(line):
        return None
    title = clean_title(line)
    words = title.split()
    if not title or not title_like(title) or (len(words) < 2 and not starred):
        return None
    if sum(ch.isdigit() for ch in title) > len(title) / 3:
        return None
    return title


def find_headings(
    lines: list[str],
    *,
    unnumbered_from: int,
    hints: set[int] | None = None,
    plain: bool = False,
    tight: bool = False,
) -> list[Heading]:
    """Numbered headings (longest consistent series) plus unnumbered ones after the header."""
    candidates, stacked = _numbered_candidates(lines)
    decimal_zero = [c for c in candidates if c[3][0] == "decimal" and c[3][1][1] == 0]
    if len(decimal_zero) >= 2:
        # "1.0 Welcome" numbering: "1.1 The Chair welcomed ..." is a paragraph, not an item.
        candidates = [c for c in candidates if c[3][0] != "decimal" or c[3][1][1] == 0]
    chain = fill_gaps(lines, longest_series(candidates))
    numbered = {c[0]: c for c in chain}
    headings: list[Heading] = []
    first_numbered = chain[0][0] if chain else None
    exempt_from: int | None = None
    for index, line in enumerate(lines):
        if index in numbered:
            _, number, title, _key = numbered[index]
            headings.append(Heading(index, index + stacked.get(index, 1), number, title))
            continue
        if not line or index < unnumbered_from:
            continue
        if first_numbered is not None and index < first_numbered:
            continue
        if PART_B.match(line) and exempt_from is None:
            exempt_from = index
            continue
        unnumbered = caps_heading(line)
        if unnumbered is None and hints and index in hints:
            clean = clean_title(line)
            if _heading_text(clean) and not is_section_line(line) and not LABEL_ONLY.match(line):
                unnumbered = clean
        if unnumbered is not None:
            headings.append(Heading(index, index + 1, None, unnumbered))
    lettered = [] if chain else _lettered_headings(lines, max(unnumbered_from, 1))
    if lettered:
        headings = lettered
    elif plain and not chain and sum(h.number is None for h in headings) < 2:
        start = max(unnumbered_from, 1)
        headings = (
            _plain_headings(lines, start)
            or _blurbed_headings(lines, start)
            or _bulleted_headings(lines, start)
            or headings
        )
    elif tight and not chain and sum(h.number is None for h in headings) < 2:
        headings = _tight_headings(lines, max(unnumbered_from, 1)) or headings
    # Most documents have no line ending "page": their tails, read at once, say so.
    paged = "page" in "\n".join([line[-6:] for line in lines]).lower() and any(
        _PAGES_COLUMN.search(line) for line in lines
    )
    for heading in headings:
        _extend_title(lines, heading)
        if paged:  # "2. Notes of the Last Meeting 3 - 10" under a "Pages" column
            heading.title = _BARE_PAGES.sub("", heading.title)
    headings = _drop_continuations(headings)
    if not chain:
        _number_articles(lines, headings)
    for heading in headings:
        # "1. To receive apologies for absence." on an agenda: the full stop is not the title's
        title = heading.title
        if title.endswith(".") and ". " not in title and not _ABBREVIATED.search(title):
            heading.title = title[:-1]
    return headings


_Candidate = tuple[int, str, str, tuple[str, tuple[int, int]]]
# The lines last searched and what was found: a document is searched twice (header, items).
_last_search: tuple[tuple[str, ...], list[_Candidate], dict[int, int]] = ((), [], {})


def _numbered_candidates(lines: list[str]) -> tuple[list[_Candidate], dict[int, int]]:
    """Every line reading as a numbered heading, and how many lines those stacked over their
    title (or a referenced record's subject) span."""
    global _last_search
    searched, last = tuple(lines), _last_search  # one read: another thread may search meanwhile
    if searched == last[0]:
        return list(last[1]), dict(last[2])
    candidates: list[_Candidate] = []
    stacked: dict[int, int] = {}  # "Agenda Item 4" on one line, its title on the next
    for index, line in enumerate(lines):
        if line:
            found = numbered_heading(line, lines[index - 1] if index else "")
            if found is None and index + 1 < len(lines):
                found = _stacked_heading(line, lines[index + 1])
                if found is not None:
                    stacked[index] = 2
                elif (record := referenced_subject(lines, index)) is not None:
                    found, stacked[index] = record
            key = number_key(found[0]) if found else None
            if found and key:
                candidates.append((index, found[0], found[1], key))
        if len(candidates) > 600:
            break
    _last_search = (searched, list(candidates), dict(stacked))
    return candidates, stacked


def _stacked_heading(line: str, following: str) -> tuple[str, str] | None:
    """ "Agenda Item 4" (or "Item 4") alone on its line with the title on the next."""
    match = _ITEM_LABEL.match(line)
    if match is None or not following:
        return None
    title = clean_title(following)
    if not title or following.endswith(".") or not _heading_text(title):
        return None
    return match.group("num"), title


def _lettered_headings(lines: list[str], start: int) -> list[Heading]:
    """Items lettered "(a) Election of Chair", "(b) Declarations of Interest", ... in a
    document that numbers nothing: a run from (a) with no letter skipped, at least three."""
    found: list[Heading] = []
    for index in range(start, len(lines)):
        match = LETTERED.match(lines[index])
        if match is None or match.group("num") != chr(ord("a") + len(found)):
            continue
        title = clean_title(match.group("title"))
        if title[:1].isupper() and not title.endswith((";", ",", ".")) and _heading_text(title):
            found.append(Heading(index, index + 1, f"({match.group('num')})", title))
    return found if len(found) >= 3 else []


def _plain_headings(lines: list[str], start: int) -> list[Heading]:
    """Unnumbered mixed-case headings ("Fostering Recruitment Update") standing alone between
    blank lines."""

    def alone(index: int) -> bool:
        line = lines[index]
        if not line or lines[index - 1] or len(line) > 90:
            return False
        after = lines[index + 1]
        beyond = lines[index + 2] if index + 2 < len(lines) else ""
        # a title alone, or over its presenter's post ("Police and Crime Commissioner")
        if not after:
            return True
        # a name over a post ("Jane Orme" / "Town Clerk") is a signature, not an item
        return not beyond and lead_of(after) is not None and not looks_like_name(line)

    found = _headings_where(lines, start, alone)
    if len(found) < 3:
        return found
    # Siblings: between the first and last title, another block of the same shape is an
    # item too, though its words read less like a heading ("Planning applications received").
    taken = {heading.line for heading in found}
    for index in range(found[0].line + 1, found[-1].line):
        line = lines[index]
        if index in taken or not alone(index) or not _sibling_title(line):
            continue
        found.append(Heading(index, index + 1, None, clean_title(line)))
    return sorted(found, key=lambda heading: heading.line)


def _sibling_title(line: str) -> bool:
    """A line that could be an item among other items: not a sentence, a label or a list."""
    if line.endswith((".", ":", ";", ",", "!", "?")) or len(line.split()) > 16:
        return False
    if is_section_line(line) or LABEL_ONLY.match(line) or FIELD.match(line):
        return False
    return _heading_text(clean_title(line))


_BULLET = re.compile(r"^[•·▪●◦‣]\s*(?P<title>\S.*)$")


def _bulleted_headings(lines: list[str], start: int) -> list[Heading]:
    """An agenda printed as a bullet list ("• Welcome and apologies"), one title a bullet."""
    found: list[Heading] = []
    for index in range(start, len(lines)):
        match = _BULLET.match(lines[index])
        title = clean_title(match.group("title")) if match else ""
        if title and not title.endswith(".") and _heading_text(title):
            found.append(Heading(index, index + 1, None, title))
    return found if len(found) >= 2 else []


def _blurbed_headings(lines: list[str], start: int) -> list[Heading]:
    """Unnumbered titles each over a one-sentence blurb, blocks apart (a CMIS agenda as text):
    "Confirmation of Minutes" / "To confirm the minutes of the meeting held on ..."."""

    def over_a_blurb(index: int) -> bool:
        following = lines[index + 1]
        after = lines[index + 2] if index + 2 < len(lines) else ""
        return (
            bool(lines[index])
            and not lines[index - 1]
            and bool(following)
            and following[0].isupper()
            and following.endswith(".")
            and not after
        )

    found = _headings_where(lines, start, over_a_blurb)
    return found if len(found) >= 3 else []


def _tight_headings(lines: list[str], start: int) -> list[Heading]:
    """Unnumbered mixed-case headings in text with few blank lines (PDF extracts): a short
    heading-like line after a finished sentence (or a blank), followed by text starting a
    sentence."""

    def between_sentences(index: int) -> bool:
        line, previous, following = lines[index], lines[index - 1], lines[index + 1]
        return (
            bool(line)
            and len(line) <= 70
            and bool(following)
            and " | " not in line
            and (not previous or previous.endswith(TERMINAL))
            and (following[0].isupper() or following[0].isdigit())
        )

    return _headings_where(lines, start, between_sentences)


def _headings_where(lines: list[str], start: int, placed: Callable[[int], bool]) -> list[Heading]:
    """Heading-like lines at places ``placed`` accepts; only when the document has at least
    two, so one short line is never taken for an item."""
    found: list[Heading] = []
    for index in range(start, len(lines) - 1):
        if not placed(index):
            continue
        title = plain_heading(lines[index])
        if title is not None:
            found.append(Heading(index, index + 1, None, title))
        if len(found) > 300:
            break
    return found if len(found) >= 2 else []


def plain_heading(line: str) -> str | None:
    """A short mixed-case line that reads as a heading, not a sentence, a name or a label."""
    if line.endswith((".", ":", ";", ",", "!", "?", "-")) or line[0] in "(-•*":
        return None
    if LABEL_ONLY.match(line) or BARE_LABEL.match(line) or FIELD.match(line):
        return None  # "Contact: Ruth Moss, ..." is a field of the page, not an item
    if re.fullmatch(
        r"(?i:agenda|minutes|decisions|notice\s+of\s+meeting|summons|items|business"
        r"|agenda\s+items|order\s+of\s+business)",
        line,
    ):
        return None
    if is_section_line(line) and not _APOLOGIES_HEADING.match(line):
        return None
    title = clean_title(line)
    words = title.split()
    if not title or len(words) > 10 or not _heading_text(title) or HONORIFIC.match(title):
        return None
    if _FINITE_VERB.search(title) or _CLOSING.search(title) or _TIME_START.match(title):
        return None
    long_words = [word for word in words if len(word) >= 4]
    capitals = sum(word[0].isupper() for word in long_words)
    if capitals >= 0.6 * len(long_words) or len(words) <= 6:
        return title
    return None


def _extend_title(lines: list[str], heading: Heading) -> None:
    """A heading wrapped onto the next line ("... BOARD" / "HELD ON 7 AUGUST 2018")."""
    caps = is_caps(heading.title, min_letters=3)
    first = heading.end  # the line after the heading ("Agenda Item 4" / title: after both)
    last_line = lines[first - 1]
    index = first
    while index < len(lines) and index < first + 2:
        line = lines[index]
        if not line or numbered_heading(line, "") or is_section_line(line):
            break
        if (
            (
                caps
                and is_caps(line, min_letters=3)
                and title_like(line)
                and not LABEL_ONLY.match(line)
            )
            or (
                line[0].islower()
                and not heading.title.endswith(".")
                and not _NOT_A_WRAP.match(line)
                and not last_line.rstrip().endswith(":")  # "Apologies:" / "were ..."
                and len(line) < 80
                and title_like(line[0].upper() + line[1:])
            )
        ):
            pass
        elif index == first and _title_wraps(last_line, line):
            raw = last_line.rstrip()
            joined = f"{raw}{'' if re.search(r'[A-Za-z0-9]-$', raw) else ' '}{line}"
            found = LETTERED.match(joined) or _NUMBERED.match(joined) if heading.number else None
            heading.title = clean_title(found.group("title") if found else joined)
            heading.end = index + 1
            break
        else:
            break
        if index == first and re.search(r"[A-Za-z]-$", last_line):
            heading.title = f"{heading.title}-{clean_title(line)}"  # "SELF-" / "ASSESSMENT"
        else:
            heading.title = f"{heading.title} {clean_title(line)}"
        heading.end = index + 1
        index += 1


def _title_wraps(heading_line: str, line: str) -> bool:
    """The next line ends a title the PDF wrapped: after "Self-", "- Waiting", "... and the"
    or any long heading line, a short line that reads as the rest of a title."""
    open_end = bool(re.search(r"[A-Za-z0-9]-$|\s[-–]\s*[\w-]+$", heading_line)) or bool(
        DANGLING.search(heading_line)
    )
    rest = clean_title(line)  # "Responses (Pages 9 - 40)": the page range is not the title's
    return (
        (open_end or len(heading_line) >= 55)
        and 0 < len(rest) <= 60
        and not rest.endswith(TERMINAL)
        and not is_section_line(line)
        and not LABEL_ONLY.match(line)
        and not FIELD.match(line)
        and title_like(rest)
    )


def _drop_continuations(headings: list[Heading]) -> list[Heading]:
    kept: list[Heading] = []
    for heading in headings:
        if kept and heading.line < kept[-1].end:
            continue
        kept.append(heading)
    return kept
