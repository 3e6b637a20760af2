"""Conservation of text: every content line of a document is placed somewhere, or named.

A line counts as placed when the words that carry its meaning (four letters or more, or
any number) are found in what the parse kept: titles, blurbs, minutes, decisions, people,
header fields, actions. Page furniture ("Present:", "Agenda", "Page 3 of 9", the
meeting's own date) carries none. What is left is returned as unplaced passages, so an
import can say what it could not place instead of dropping it in silence.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import filterfalse

from ingest.parsers.prefilter import Gated, any_word, folded
from storage.parsed import ParsedDocument

# Share of a line's meaningful words that must be found for the line to count as placed.
PLACED_SHARE = 0.75
# Possessive: a word too short is given up at once, not shortened letter by letter to fail.
_WORD = re.compile(r"[^\W\d_][\w'’\-]{3,}+", re.UNICODE)
# The same, in lower-cased ASCII text (twice as fast).
_ASCII_WORD = re.compile(r"[a-z][\w'\-]{3,}+", re.ASCII)
# Links to a meeting's papers and site furniture ("Minutes pdf icon PDF 132 KB", "(Pages 3 - 9)",
# "View directions"): the papers are not the meeting's record, so never missing from it.
# Each alternative comes with a word every match of it holds: a line is searched only for
# the ones it can hold, with the same matches (the address pattern, tried at every position
# of a long paragraph with no "@" in it, cost more than all the rest of the line's work).
_LINK_PARTS = (
    ("pdf", r"\bpdf\s+icon\b|\bPDF\s*[\d.]+\s*[KM]B\b"),
    ("page", r"\(\s*pages?\s+[\d\s\-–]+\)"),
    ("view", r"\bview\s+directions\b"),
    ("@", r"[\w.+\-]{1,64}@[\w\-]{1,63}\.\w{1,24}"),
    ("0", r"\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b"),
)
# Where a telephone number can start ("0" and three more digits).
_PHONE_START = re.compile(r"0\d{3}")
_LINK = re.compile("|".join(part for _word, part in _LINK_PARTS), re.IGNORECASE)
# Words of page furniture and labels: no line is unplaced for missing these.
_FURNITURE = frozenset(
    [
        "agenda",
        "minutes",
        "item",
        "items",
        "title",
        "page",
        "pages",
        "present",
        "apologies",
        "absence",
        "absent",
        "councillor",
        "councillors",
        "cllr",
        "cllrs",
        "members",
        "member",
        "officers",
        "officer",
        "officials",
        "attendance",
        "also",
        "attending",
        "held",
        "meeting",
        "meetings",
        "date",
        "time",
        "venue",
        "place",
        "contact",
        "public",
        "part",
        "notice",
        "hereby",
        "given",
        "summons",
        "committee",
        "board",
        "panel",
        "council",
        "welcome",
        "none",
        "received",
        "from",
        "with",
        "chair",
        "chairman",
        "chairperson",
        "vice-chair",
        "vice-chairman",
        "convener",
        "report",
        "reports",
        "number",
        "decision",
        "decisions",
        "resolved",
        "agreed",
        "noted",
        "resolution",
        "action",
        "actions",
        "owner",
        "deadline",
        "due",
        "status",
        "note",
        "notes",
        "open",
        "closed",
        "confirmed",
        "draft",
        "signed",
        "dated",
        "enquiries",
        "email",
        "telephone",
        "tel",
        "phone",
        "view",
        "directions",
        "webcast",
        "watch",
        "media",
        "link",
        "links",
        "additional",
        "documents",
        "appendix",
        "supporting",
        "background",
        "papers",
        "printed",
        "frontsheet",
        "pack",
        "icon",
        "verbal",
        "paper",
        "lead",
        "subject",
        "attended",
        "attendee",
        "expected",
        "role",
        "name",
        "designation",
        "organisation",
        "representing",
        "initials",
        "minute",
        # Function words: they carry no meaning of their own.
        "that",
        "this",
        "there",
        "were",
        "been",
        "have",
        "their",
        "they",
        "them",
        "which",
        "would",
        "will",
        "into",
        "upon",
        "whom",
        "following",
        # The vocabulary of attendance, interests and summonses, around the names it reads.
        "behalf",
        "submitted",
        "tendered",
        "apology",
        "substitute",
        "substitutes",
        "substituting",
        "substituted",
        "reserve",
        "sent",
        "presided",
        "joined",
        "left",
        "arrived",
        "during",
        "provided",
        "declarations",
        "declaration",
        "interest",
        "interests",
        "published",
        "publication",
        "summoned",
        "attend",
        "welcome",
        "information",
        "discussion",
        "approval",
        "clerk",
        "quorum",
        "reference",
        "call-in",
        "purpose",
        "transacting",
        "business",
        "below",
        "virtually",
        "remotely",
        "details",
        "borough",
        "county",
        "district",
        "parish",
        # Numbers in words, as the figures are ("Three members of the public").
        "three",
        "four",
        "five",
        "seven",
        "eight",
        "nine",
        "eleven",
        "twelve",
        # Dates: the day and month are dates, as the numbers are (Welsh as well as English).
        *(day.casefold() for day in calendar.day_name),
        *(month.casefold() for month in calendar.month_name[1:]),
        "dydd",
        "llun",
        "mawrth",
        "mercher",
        "gwener",
        "sadwrn",
        "ionawr",
        "chwefror",
        "ebrill",
        "mehefin",
        "gorffennaf",
        "awst",
        "medi",
        "hydref",
        "tachwedd",
        "rhagfyr",
        # Welsh labels of the same furniture ("PRESENNOL / PRESENT", "Cynghorydd / Councillor").
        "presennol",
        "cynghorydd",
        "cynghorwyr",
        "cadeirydd",
        "is-gadeirydd",
        "ymddiheuriadau",
        "cyfarfod",
        "siambr",
        "cyngor",
    ]
)
# A line that only links to a paper ("Appendix 1 - Summary pdf icon PDF 1 MB") or is the
# site's own furniture (cookies, copyright): the papers and the site are not the record.
_FURNITURE_LINE = Gated(
    re.compile(
        r"\bpdf\s+icon\b|\bPDF\s*[\d.]+\s*[KM]B\b|\bcookies\b|©|\bview\s+the\s+full\s+minutes\s+text\b",
        re.IGNORECASE,
    ),
    any_word("pdf", "cookies", "©", "view"),
)
# The same alternatives apart, each tried only on a line holding its words: "view" alone
# lets through every line that mentions a review, and trying the whole pattern at every
# position of such a line cost more than the rest of the line's reading.
_PDF_LINK = re.compile(r"\bpdf\s+icon\b|\bPDF\s*[\d.]+\s*[KM]B\b", re.IGNORECASE)
_COOKIES = re.compile(r"\bcookies\b", re.IGNORECASE)
_FULL_TEXT = re.compile(r"\bview\s+the\s+full\s+minutes\s+text\b", re.IGNORECASE)


def _furniture_line(line: str) -> bool:
    """Whether ``_FURNITURE_LINE`` finds anything in ``line``."""
    low = folded(line)
    return (
        "©" in line
        or ("pdf" in low and _PDF_LINK.search(line) is not None)
        or ("cookies" in low and _COOKIES.search(line) is not None)
        or ("full" in low and "view" in low and _FULL_TEXT.search(line) is not None)
    )


@dataclass(frozen=True)
class Coverage:
    """How many content lines a parse placed, and the passages it could not."""

    lines: int
    placed: int
    unplaced: tuple[str, ...]

    @property
    def share(self) -> float:
        return self.placed / self.lines if self.lines else 1.0


def words(text: str) -> list[str]:
    if text.isascii():  # the same words, folded in one call instead of one a word
        return _ASCII_WORD.findall(text.lower())
    return [w.casefold().replace("’", "'") for w in _WORD.findall(text)]


class _Words:
    """The words of each text of one document, read once: the paragraphs the parse kept are
    mostly the document's own lines, and boilerplate lines recur."""

    def __init__(self) -> None:
        self._words: dict[str, list[str]] = {}
        self._content: dict[str, tuple[str, ...]] = {}

    def of(self, text: str) -> list[str]:
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = words(text)
        return found

    def content(self, line: str) -> tuple[str, ...]:
        """The words of ``line`` that carry meaning; none for a link to a paper or the
        site's furniture."""
        found = self._content.get(line)
        if found is None:
            # ``filterfalse`` tests each word in C: a line of discussion holds a hundred.
            meaningful = tuple(filterfalse(_FURNITURE.__contains__, self.of(_without_links(line))))
            found = () if not meaningful or _furniture_line(line) else meaningful
            self._content[line] = found
        return found


def _without_links(text: str) -> str:
    """``_LINK.sub(" ", text)``, trying only the alternatives ``text`` can hold."""
    low = folded(text)
    parts: list[str] = []
    for word, part in _LINK_PARTS:  # a loop, not a generator: every line of a document is read
        if (
            word in low
            # "view" is in every review and "0" in most dates: look for what follows them.
            and (word != "view" or "directions" in low)
            and (word != "0" or _PHONE_START.search(text) is not None)
        ):
            parts.append(part)
    return _link_pattern(tuple(parts)).sub(" ", text) if parts else text


@functools.cache
def _link_pattern(parts: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(parts), re.IGNORECASE)


def kept_text(doc: ParsedDocument) -> Iterable[str]:
    """Everything the parse kept, as text."""
    yield from (doc.board_name or "", doc.title_as_printed or "", doc.venue or "")
    yield from (doc.contact or "", doc.declarations_of_interest or "")
    yield from _date_words(doc.date, doc.time)
    if doc.next_meeting is not None:
        yield from _date_words(doc.next_meeting.date, doc.next_meeting.time)
    for item in doc.items:
        yield from (item.number or "", item.title, item.agenda_text or "", item.minutes_text or "")
        yield from (item.exempt_reason or "", *item.presenters)
        yield from (decision.text for decision in item.decisions)
    for person in (*doc.attendance, *doc.membership):
        yield from (person.name, person.role_as_printed or "", person.substitute_for or "")
        yield from (person.reason or "", person.note or "")
    for action in doc.actions:
        yield from (action.text, action.owner or "")


def _date_words(date: dt.date, time: dt.time | None) -> Iterable[str]:
    yield date.strftime("%A %B")


def measure(lines: list[str], doc: ParsedDocument, preamble_end: int = 0) -> Coverage:
    """Which of ``lines`` (the document as read) the parse ``doc`` placed.

    Short headings above the first item ("BRACKENSHIRE COUNTY COUNCIL", "RECORD OF
    DECISIONS") are the page's letterhead, not part of the record.
    """
    known = _Words()
    kept: set[str] = set()
    for text in kept_text(doc):
        for paragraph in text.split("\n\n"):  # no word spans white space: read each apart
            kept.update(known.of(paragraph))
    kept |= {part for word in kept if "-" in word for part in word.split("-")}  # "Self-" wraps
    content = 0
    placed = 0
    unplaced: list[str] = []
    passage: list[str] = []
    for index, line in enumerate(lines):
        if index < preamble_end and _letterhead(line):
            continue
        meaningful = known.content(line)
        if meaningful and doc.contact and doc.contact in line:
            meaningful = ()  # the contact field
        if not meaningful:
            if not line.strip() and passage:
                unplaced.append(" ".join(passage))
                passage = []
            continue
        content += 1
        # Most lines are all kept, which ``issuperset`` finds in C.
        missing = [] if kept.issuperset(meaningful) else [w for w in meaningful if w not in kept]
        if missing:
            found = len(meaningful) - sum(word.rstrip("s") not in kept for word in missing)
        if not missing or found >= PLACED_SHARE * len(meaningful):
            placed += 1
            if passage:
                unplaced.append(" ".join(passage))
                passage = []
        else:
            passage.append(" ".join(line.split()))
    if passage:
        unplaced.append(" ".join(passage))
    return Coverage(content, placed, tuple(unplaced))


def _letterhead(line: str) -> bool:
    text = line.strip()
    return (
        # "CYNGOR SIR Y FRO / VALE OF TYWI COUNTY COUNCIL": each language's half counts alone
        0 < max(len(half.split()) for half in text.split(" / ")) <= 8
        and not text.endswith((".", ",", ";"))
        and not any(c.isdigit() for c in text)
    )
