"""An agenda pack split into its items' papers: which pages belong to which item.

A pack is the agenda, then each item's report in agenda order. Three structures say
where each report starts, tried in turn:

1. the contents (the agenda's own lines with page references: "5. Sufficiency Strategy
   (Pages 12 - 40)", "5 Sufficiency Strategy ........ 12"), the printed page numbers
   read against the packs' own page footers ("Page 12") for any offset;
2. the stamp ModernGov and others print at the top of an item's first page ("Agenda
   Item 5");
3. the agenda's numbered titles found again at the top of a later page.

Nothing here reads a PDF or a database: pages of text in, page ranges out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

CONTENTS_PAGES = 10
TOP_LINES = 6

_TO = r"(?:\s*(?:-|–|to)\s*(?P<{}>\d{{1,4}}))?"
# "(Pages 12 - 40)", "Pages 12 - 40", "........ 12": where an item's papers are.
_PAGE_REF = re.compile(
    r"\s*(?:\(\s*pages?\s+(?P<a>\d{1,4})" + _TO.format("b") + r"\s*\)"
    r"|pages?\s+(?P<c>\d{1,4})"
    + _TO.format("d")
    + r"|\.{3,}\s*(?P<e>\d{1,4})"
    + _TO.format("f")
    + r")\s*$",
    re.I,
)
_ENTRY = re.compile(
    r"^(?P<num>\d{1,3}(?:\.\d{1,2})?[a-z]?|[A-Z]{1,4}/\d{1,3}(?:/\d{1,3})?)[.)]?\s+(?P<title>\S.*)$"
)
_FOOTER = re.compile(r"^\s*page\s+(?P<n>\d{1,4})\s*$", re.I)
_STAMP = re.compile(r"^agenda\s+item\s+(?P<num>[\w/]{1,12}?)\.?$", re.I)


@dataclass(frozen=True)
class PackItem:
    """One item's papers: its number and title as the pack prints them, and its pages
    (pack pages, from 1, inclusive)."""

    number: str | None
    title: str
    first_page: int
    last_page: int


@dataclass(frozen=True)
class PackSplit:
    items: tuple[PackItem, ...]
    # How the items were found: "contents", "stamps", "titles", or "" (not at all).
    by: str

    @property
    def agenda_pages(self) -> int:
        """The pages before the first item's papers: the agenda itself."""
        return self.items[0].first_page - 1 if self.items else 0


def without_page_ref(line: str) -> str:
    """A contents line without its page reference ("(Pages 12 - 40)", "…… 12")."""
    return _PAGE_REF.sub("", line).rstrip(" .")


def split_pack(pages: Sequence[str]) -> PackSplit:
    """The pack's items and the pages each one's papers take up."""
    for by, finder in (("contents", _by_contents), ("stamps", _by_stamps), ("titles", _by_titles)):
        starts = finder(pages)
        if starts:
            return PackSplit(_ranges(starts, len(pages)), by)
    return PackSplit((), "")


Start = tuple[str | None, str, int, int | None]  # number, title, first page, last page if printed


def _lines(page: str) -> list[str]:
    return [" ".join(line.split()) for line in page.splitlines() if line.strip()]


def _ranges(starts: list[Start], total: int) -> tuple[PackItem, ...]:
    ordered = sorted(starts, key=lambda s: s[2])
    found: list[PackItem] = []
    for index, (number, title, first, last) in enumerate(ordered):
        following = ordered[index + 1][2] - 1 if index + 1 < len(ordered) else total
        end = min(last, following) if last is not None and last >= first else following
        found.append(PackItem(number, title, first, max(first, min(end, total))))
    return tuple(found)


def _offset(pages: Sequence[str]) -> int:
    """Pack page minus printed page, by the footers that print one (0 when none do)."""
    votes: Counter[int] = Counter()
    for index, page in enumerate(pages, 1):
        lines = _lines(page)
        for line in lines[:2] + lines[-2:]:
            match = _FOOTER.match(line)
            if match:
                votes[index - int(match["n"])] += 1
                break
    return votes.most_common(1)[0][0] if votes else 0


def _by_contents(pages: Sequence[str]) -> list[Start]:
    offset = _offset(pages)
    starts: list[Start] = []
    pending: tuple[str, str] | None = None
    for index, page in enumerate(pages[:CONTENTS_PAGES], 1):
        if starts and index >= min(s[2] for s in starts):
            break  # the papers have begun: their own page references are not contents
        pending = None
        for line in _lines(page):
            if _FOOTER.match(line):  # the page's own number, not a reference
                continue
            ref = _PAGE_REF.search(line)
            entry = _ENTRY.match(line)
            if ref is None:
                pending = (entry["num"], entry["title"]) if entry else pending
                continue
            first = int(ref["a"] or ref["c"] or ref["e"]) + offset
            to = ref["b"] or ref["d"] or ref["f"]
            last = int(to) + offset if to else None
            if entry is not None and without_page_ref(entry["title"]):
                number, title = entry["num"], without_page_ref(entry["title"])
            elif pending is not None and not without_page_ref(line):
                number, title = pending  # the reference on its own line under the title
            else:
                continue
            pending = None
            if 1 <= first <= len(pages) and all(s[0] != number for s in starts):
                starts.append((number, title, first, last))
    return starts


def _by_stamps(pages: Sequence[str]) -> list[Start]:
    starts: list[Start] = []
    for index, page in enumerate(pages, 1):
        lines = _lines(page)[:TOP_LINES]
        for at, line in enumerate(lines):
            match = _STAMP.match(line)
            if match and all(s[0] != match["num"] for s in starts):
                title = next((t for t in lines[at + 1 :] if not _FOOTER.match(t)), "")
                starts.append((match["num"], title, index, None))
                break
    return starts


def _by_titles(pages: Sequence[str]) -> list[Start]:
    """The agenda's numbered lines on the first pages, each found again atop a later page."""
    agenda: list[tuple[str, str]] = []
    for page in pages[:2]:
        for line in _lines(page):
            entry = _ENTRY.match(line)
            if entry and len(entry["title"]) >= 4 and entry["num"].isdigit():
                agenda.append((entry["num"], entry["title"]))
    if not agenda:
        return []
    starts: list[Start] = []
    wanted = 0
    for index, page in enumerate(pages[1:], 2):
        if wanted >= len(agenda):
            break
        tops = {_fold(line) for line in _lines(page)[:TOP_LINES]}
        for later in range(wanted, len(agenda)):
            number, title = agenda[later]
            if _fold(title) in tops or _fold(f"{number}. {title}") in tops:
                starts.append((number, title, index, None))
                wanted = later + 1
                break
    return starts


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()
