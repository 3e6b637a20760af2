"""Sections of a committee report, found by their headings and kept exactly as printed.

Councils word recommendations many ways: a numbered "Recommendations" section,
"The Board is recommended to: (a) … (b) …", "RECOMMENDED that …", "Decision(s)
required", "What is the Board being asked to do?", a recommendations table, a
cover sheet's "Recommended action" (a line, or a table row's cell). Rather than
one council's layout, a section starts at any of those and ends at the next
heading (a known heading word, a short title standing alone, a short line in
capitals, the next top-level number) or where its list or its own sentence ends.
Running headers and footers (page-edge lines repeated across pages or carrying
the page number) are dropped and a page ending mid-sentence runs on, so a
recommendation over a page break is quoted whole. Text is never rewritten: a
quote is the printed lines joined (a table's reason column left out).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

MAX_LINES = 60
# A paragraph ending so goes on into the next.
_RUNS_ON = (":", ";", "and", "or", ",")

_FOOTER = re.compile(r"^\s*(page\s+)?-?\s*\d{1,4}\s*-?(\s*(of|/)\s*\d{1,4})?\s*$", re.I)
_PAGE_AT_END = re.compile(
    r"(?:^|\s)(?:page\s+)?-?\s*(\d{1,4})\s*-?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I
)
_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4})[.)]?\s+(?=\S)")
_MARKER = re.compile(
    r"^\s*(\(?[a-z]{1,3}\)|\(?\d{1,2}(\.\d{1,2})*[.)]|[•·▪\-–*]|\d{1,2}\.\d"
    r"|recommendation\s+\d{1,2}\s*[:.])\s*",
    re.I,
)
_LABELS = (
    r"(?i:(officers?'?s?\s+|summary\s+of\s+)?recommendations?|recommendation\(s\)"
    r"|recommended\s+actions?|decisions?\s+(required|sought|to\s+be\s+(taken|made))"
    r"|decision\(s\)\s+required|action\s+required|proposed\s+decisions?)"
)
# "Recommendations to the Committee", "Recommendation to Council"
_ADDRESSED = r"(?i:\s+(to|for)\s+(the\s+)?(full\s+)?[a-z-]+(\s+[a-z-]+)?)?"
# Plain-English templates ask: "What is the Board being asked to do?"
_ASKED = (
    r"(?i:what\s+(is|are)\s+(the\s+)?[\w -]{2,40}?\s+(being\s+)?asked\s+to\s+(do|decide|agree))"
)
_RECOMMEND_HEADING = re.compile(rf"^({_LABELS}{_ADDRESSED}|{_ASKED})\s*[:?]?\s*$")
_RECOMMEND_LABEL = re.compile(rf"^({_LABELS}|recommendation\s+\d{{1,2}})\s*:\s*\S", re.I)
# A table row: the label in one cell, the recommendation in the next ("Recommended action That …").
_RECOMMEND_CELL = re.compile(rf"^{_LABELS}\s+(?=[A-Z][A-Za-z])")
# Another field of a two-column cover line after the recommendation's sentence ("… approved.
# Key decision: No").
_NEXT_FIELD = re.compile(r"(?<=[.!?])\s+(?=[A-Z][\w'-]*(\s[\w'-]+){0,2}:\s)")
# The words of a recommendations table's header row ("No. | Recommendation | Reason").
_TABLE_HEAD = frozenset(
    (
        "no",
        "no.",
        "number",
        "ref",
        "ref.",
        "#",
        "recommendation",
        "recommendations",
        "reason",
        "reasons",
        "action",
        "by",
        "when",
        "who",
        "decision",
        "comments",
        "owner",
    )
)
_NONE = re.compile(
    r"^(\d{1,2}(\.\d{1,2})*\.?\s+)?(none\b|n/a\b|not\s+applicable|there\s+are\s+no\s+"
    r"(recommendations|decisions?)|no\s+recommendations|(this|the)\s+report\s+is\s+for\s+"
    r"information\b|there\s+is\s+no\s+decision)",
    re.I,
)
_RECOMMEND_INLINE = re.compile(
    r"^((it\s+is\s+)?recommended\s+(to\s+(full\s+)?council\s+)?that\b"
    r"|(the\s+)?[\w&',() -]{2,60}?\b(is|are)\s+(recommended|asked|requested|invited)\s+to\b)",
    re.I,
)
_PURPOSE_HEADING = re.compile(
    r"^(purpose(\s+of\s+(the\s+)?report)?|executive\s+summary|summary|report\s+summary)\s*:?\s*$",
    re.I,
)
_KNOWN = re.compile(
    r"^(purpose|summary|executive summary|introduction|background|reasons?|options?|alternative"
    r"|implications|financial|legal|risk|equalit|consultation|appendi|report author|contact"
    r"|key issues|main issues|details|discussion|conclusion|next steps|wards? affected"
    r"|corporate|climate|human resources|list of background|background papers|comments"
    r"|recommend|decisions? required|information|proposals?|context|issues)\b",
    re.I,
)
_NOTE_ONLY = re.compile(r"\bnot(e|es|ed|ing)\b", re.I)
_DECIDES = re.compile(
    r"\b(approv\w*|agree\w*|adopt\w*|endors\w*|award\w*|delegat\w*|authoris\w*|authoriz\w*"
    r"|decid\w*|resolv\w*|allocat\w*|recommends?\s+to\s+(full\s+)?council|set\w*|appoint\w*"
    r"|accept\w*|confirm\w*|commission\w*)\b",
    re.I,
)

KINDS = (
    ("appendix", re.compile(r"\b(appendix|appendices|annex|enc(losure)?)\b", re.I)),
    ("supplement", re.compile(r"\b(supplement\w*|addendum|late\s+paper|update\s+sheet)\b", re.I)),
    ("presentation", re.compile(r"\b(presentation|slides)\b", re.I)),
    ("minutes", re.compile(r"\bminutes\b", re.I)),
    ("agenda", re.compile(r"\b(agenda|pack)\b", re.I)),
)


@dataclass(frozen=True)
class Section:
    """One section as printed: its opening line, its text, and the pages it spans."""

    kind: str
    heading: str
    text: str
    start_page: int
    end_page: int


def paper_kind(title: str) -> str:
    """A document's kind from its title as listed ("Appendix 1 - …" → appendix)."""
    for kind, pattern in KINDS:
        if pattern.search(title):
            return kind
    return "report"


def asks_decision(sections: Sequence[Section]) -> bool:
    """True unless every recommendation only asks members to note something."""
    return any(_DECIDES.search(s.text) or not _NOTE_ONLY.search(s.text) for s in sections)


def recommendations(pages: Sequence[str]) -> list[Section]:
    """Every recommendations section of a report, first to last; [] when it makes none."""
    return _sections(_lines(pages), "recommendations")


def purpose(pages: Sequence[str]) -> Section | None:
    found = _sections(_lines(pages), "purpose")
    return found[0] if found else None


Line = tuple[int, str]  # (page number from 1, text); "" is a paragraph break


def _lines(pages: Sequence[str]) -> list[Line]:
    """The report's lines with running headers, footers and page numbers dropped, pages run
    together."""
    split = [[_strip(line) for line in page.splitlines()] for page in pages]
    edges = Counter(_shape(line) for page in split for line in set(_edges(page)))
    found: list[Line] = []
    for number, page in enumerate(split, 1):
        edge = _edges(page)
        kept: list[Line] = []
        for line in page:
            if line in edge and (
                _FOOTER.match(line)
                or (edges[_shape(line)] > 1 and len(pages) > 1)
                or _numbered_edge(line, number)
            ):
                continue
            kept.append((number, line))
        while kept and not kept[-1][1]:
            kept.pop()
        while kept and not kept[0][1]:
            kept.pop(0)
        # A page that ends mid-sentence runs on into the next; one that ends a sentence ends
        # its paragraph there.
        if found and kept and found[-1][1].endswith((".", "!", "?")):
            found.append((number, ""))
        found.extend(kept)
    return found


def _strip(line: str) -> str:
    """A line without its margins, keeping the tab the reader puts before a cell beside."""
    return ("\t" if line.startswith("\t") and line.strip() else "") + line.strip()


def _edges(page: list[str]) -> list[str]:
    """The first two and last two printed lines of a page, where running chrome sits."""
    printed = [line for line in page if line]
    return printed[:2] + printed[-2:]


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line)


def _numbered_edge(line: str, number: int) -> bool:
    """A top or bottom line carrying this page's number: "Council | Page 3", "OFFICIAL 3"."""
    match = _PAGE_AT_END.search(line)
    if match is None:
        return False
    return int(match[1]) == number and not line.endswith((".", ";", ":"))


def _bare(line: str) -> tuple[str | None, str]:
    """A line's own number (if it starts with one) and the rest."""
    match = _NUMBER.match(line)
    if match is None:
        return None, line.strip()
    return match[1], line[match.end() :].strip()


def _is_heading(
    line: str, number_of_section: str | None, after_gap: bool, listing: bool = False
) -> bool:
    """Whether ``line`` starts another section; ``after_gap``: a paragraph's first line;
    ``listing``: its number may be the next item of a list the section is in."""
    number, rest = _bare(line)
    if not rest or rest[0] in "(•·-–*" or rest.lower().startswith(("that ", "to ")):
        return False
    words = rest.split()
    short = len(words) <= 10 and not rest.endswith((".", ";", ",", "and", "or", ":"))
    if _KNOWN.match(rest) and (short or re.match(r"^[\w ]{3,40}:", rest)):
        return True
    if short and rest.isupper() and len(words) <= 8 and not _RECOMMEND_INLINE.match(rest):
        return True
    titled = short and len(words) <= 6 and rest[0].isupper()
    numbered = number is not None and number.isdigit() and not listing
    if titled and (numbered or (after_gap and not _MARKER.match(line))):
        return not _RECOMMEND_INLINE.match(rest)  # a short title standing alone
    if number is not None and number_of_section is not None and "." not in number:
        own = number_of_section.split(".")[0]
        return short and number.isdigit() and own.isdigit() and int(number) > int(own)
    return False


def _opens(line: str, kind: str) -> str | None:
    """How ``line`` opens a section of ``kind``: "bare" (a heading over it), "inline" (its own
    first line), "cell" (a table row: label cell, then the text), or None."""
    _, rest = _bare(line)
    if kind == "purpose":
        return "bare" if _PURPOSE_HEADING.match(rest) else None
    if _RECOMMEND_HEADING.match(rest):
        return "bare"
    if _RECOMMEND_LABEL.match(rest) or _RECOMMEND_INLINE.match(rest):
        return "inline"
    cell = _RECOMMEND_CELL.match(rest)
    if cell and not set(rest.lower().split()) <= _TABLE_HEAD:
        return "cell"
    return None


def _sections(lines: list[Line], kind: str) -> list[Section]:
    found: list[Section] = []
    index = 0
    while index < len(lines):
        page, line = lines[index]
        mode = _opens(line, kind) if line else None
        if mode is None:
            index += 1
            continue
        number, _ = _bare(line)
        body, end = _collect(lines, index, number, mode)
        text = "\n".join(" ".join(line.strip() for line in paragraph) for paragraph in body)
        if body and not _NONE.match(text):
            last_page = lines[end - 1][0]
            bare = mode == "bare"
            heading = line.strip() if bare else ""
            first_page = page if not bare else _first_page(lines, index + 1, page)
            if not any(s.text == text for s in found):
                found.append(Section(kind, heading, text, first_page, last_page))
        index = max(end, index + 1)
    return found


def _first_page(lines: list[Line], start: int, default: int) -> int:
    for page, line in lines[start:]:
        if line and not set(line.lower().split()) <= _TABLE_HEAD:
            return page
    return default


def _collect(
    lines: list[Line], start: int, number: str | None, mode: str
) -> tuple[list[list[str]], int]:
    """The paragraphs of a section opening at ``start``, and the index just past them."""
    bare = mode == "bare"
    first = lines[start][1]
    if mode == "cell":
        rest = _bare(first)[1]
        first = rest[_RECOMMEND_CELL.match(rest).end() :]  # type: ignore[union-attr]
    if not bare and _NEXT_FIELD.search(first):
        return [[_NEXT_FIELD.split(first, maxsplit=1)[0]]], start + 1
    paragraphs: list[list[str]] = [] if bare else [[first]]
    columns: list[str] = []
    index, count, new_paragraph = start + 1, 0, bare
    while index < len(lines) and count < MAX_LINES:
        line = lines[index][1]
        if not line:
            new_paragraph = True
            index += 1
            continue
        # A cell beside (after the reader's tab) belongs to its row, whatever it starts with.
        marked = not line.startswith("\t") and (
            bool(_MARKER.match(line)) or line.lower().startswith("that ")
        )
        listing = _next_in_list(line, paragraphs)
        if _is_heading(line, number, new_paragraph and bool(paragraphs), listing) or (
            bare and not marked and _opens(line, "recommendations") and count
        ):
            break
        if bare and not paragraphs and set(line.lower().split()) <= _TABLE_HEAD:
            columns = line.lower().split()  # a recommendations table's header row
            index += 1
            continue
        if new_paragraph:
            runs_on = paragraphs and paragraphs[-1][-1].rstrip().endswith(_RUNS_ON)
            listed = any(_MARKER.match(p[0]) for p in paragraphs) or _worded(paragraphs)
            # An inline recommendation runs on only through its listed parts; a list ends
            # at the first paragraph that is not part of it.
            if paragraphs and not marked and not runs_on and (not bare or listed):
                break
            paragraphs.append([line])
            new_paragraph = False
        elif marked and paragraphs:
            paragraphs.append([line])
        else:
            if not paragraphs:
                paragraphs.append([])
            paragraphs[-1].append(line)
        index += 1
        count += 1
    while index > start + 1 and not lines[index - 1][1]:
        index -= 1
    return _recommendation_column(paragraphs, columns), index


def _recommendation_column(paragraphs: list[list[str]], columns: list[str]) -> list[list[str]]:
    """A table's rows cut to the recommendation column when other columns (a reason, an
    owner) follow it; rows whose cells do not line up with the header are kept whole."""
    wanted = [n for n, word in enumerate(columns) if word.startswith("recommendation")]
    if not wanted or wanted[0] == len(columns) - 1:
        return paragraphs
    kept: list[list[str]] = []
    for paragraph in paragraphs:
        rows: list[list[list[str]]] = []  # rows of cells of lines
        for line in paragraph:
            if line.startswith("\t") and rows:
                rows[-1].append([line])
            elif not rows or len(rows[-1]) > 1:
                rows.append([[line]])
            else:
                rows[-1][-1].append(line)
        for row in rows:
            kept.append(row[wanted[0]] if len(row) == len(columns) else [x for c in row for x in c])
    return kept


def _worded(paragraphs: list[list[str]]) -> bool:
    """Whether a section's first paragraph is itself a whole recommendation ("That …",
    "Members are recommended to …"), so the prose after it is not part of it."""
    if not paragraphs or not paragraphs[0]:
        return False
    first = paragraphs[0][0].strip()
    return first.lower().startswith("that ") or _opens(first, "recommendations") == "inline"


def _next_in_list(line: str, paragraphs: list[list[str]]) -> bool:
    """Whether a numbered line may be the next item of the section's list: the section's
    first line, or one more than the last numbered paragraph ("2." after "1.")."""
    number, _ = _bare(line)
    if number is None or not number.isdigit():
        return False
    if not paragraphs:
        return True
    last = [_bare(p[0])[0] for p in paragraphs if p]
    numbers = [int(n) for n in last if n is not None and n.isdigit()]
    return bool(numbers) and int(number) == numbers[-1] + 1
