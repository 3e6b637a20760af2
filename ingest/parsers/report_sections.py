"""A report's other sections, as printed: its purpose, the reasons for its recommendations,
its author, and its own words when it makes no recommendation.

Found by structure, not one council's template: a section opens at a heading line
("2. Purpose of Report", "REASONS FOR RECOMMENDATION", "Report Author") or a label
with its text after it ("Reason for decision: …", "Contact Officer: …"), and runs to
the next heading: a top-level number other than its own, a short line in capitals, a
short known heading, or another label. Page footers and running headers are dropped,
so a section that runs over a page break is quoted whole with both pages. An author
section keeps only the lines of a name and contact details. Text is never rewritten.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.parsers.papers import Section, recommendations

MAX_LINES = 40
AUTHOR_LINES = 6

Line = tuple[int, str]  # (page from 1, text); "" is a paragraph break

_FOOTER = re.compile(r"^\s*(page\s+)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\s*$", re.I)
_NUMBER = re.compile(r"^\s*((\d{1,2})(?:\.\d{1,2})*|[IVX]{1,4})[.)]?\s+(?=\S)")
_OPT_S = r"(?:s|\(s\))?"
_PURPOSE = (
    r"(?:purpose(?:\s+(?:of|for)\s+(?:the\s+|this\s+)?(?:report|paper))?"
    r"(?:\s+(?:and|&)\s+(?:executive\s+)?summary)?"
    r"|(?:executive\s+|report\s+)?summary(?:\s+(?:of|and)\s+(?:the\s+)?(?:report|purpose))?"
    r"|purpose\s+and\s+summary|summary\s+and\s+purpose)"
)
_REASONS = (
    rf"(?:reason{_OPT_S}\s+for\s+(?:the\s+)?(?:proposed\s+)?"
    rf"(?:recommendation{_OPT_S}|decision{_OPT_S}|recommending))"
)
_AUTHOR = (
    rf"(?:report\s+author{_OPT_S}|author{_OPT_S}|contact\s+officer{_OPT_S}|lead\s+officer{_OPT_S}"
    r"|contact(?:\s+details)?|officer\s+contact|for\s+further\s+information(?:\s+please)?"
    r"\s+contact)"
)
_HEADING_OF = {
    "purpose": re.compile(rf"^{_PURPOSE}\s*:?$", re.I),
    "reasons": re.compile(rf"^{_REASONS}\s*:?$", re.I),
    "author": re.compile(rf"^{_AUTHOR}\s*:?$", re.I),
}
_LABEL_OF = {
    "purpose": re.compile(rf"^{_PURPOSE}\s*:\s*\S", re.I),
    "reasons": re.compile(rf"^{_REASONS}\s*:\s*\S", re.I),
    # A cover sheet's table row comes out as the label, a wide gap, and the name.
    "author": re.compile(rf"^{_AUTHOR}(\s*:\s*|\s{{2,}}|\t)\S", re.I),
}
# "Report title: …", "Wards affected: …": a cover sheet's next field ends a labelled section.
_ANY_LABEL = re.compile(r"^[A-Z][\w()/' -]{2,40}:\s*\S")
_KNOWN = re.compile(
    r"^(purpose|summary|executive summary|introduction|background|reasons?|options?|other options"
    r"|alternative|implications|financial|legal|risk|equalit|consultation|appendi|report author"
    r"|contact|key issues|main issues|main report|details|discussion|conclusion|next steps"
    r"|wards? affected|corporate|climate|human resources|list of background|background papers"
    r"|comments|recommend|decisions? required|information|proposals?|context|issues"
    r"|site description|lead officer)",
    re.I,
)
_CONTACT_DETAIL = re.compile(
    r"@|\b(tel|telephone|phone|mobile|e-?mail|ext(ension)?|direct\s+line)\b|\d{4,}[\s\d]{4,}", re.I
)
_NONE_SAID = re.compile(
    r"\b(th(is|e)\s+report\s+is\s+(for\s+(information|noting)|to\s+note|an?\s+(information|update))"
    r"|for\s+information\s+only|there\s+are\s+no\s+recommendations?|no\s+recommendations?\s+(is|are)"
    r"\s+made|makes\s+no\s+recommendations?|no\s+decisions?\s+(is|are)\s+(required|needed|sought))\b",
    re.I,
)
_RUNS_ON = frozenset({"and", "or", "to", "of", "the"})
_RECOMMENDATIONS_HEADING = re.compile(
    r"^(\d{1,2}(\.\d{1,2})*\.?\s+)?recommendations?\s*:?\s*$", re.I
)
_NONE_TEXT = re.compile(r"^(\d{1,2}(\.\d{1,2})*\s+)?(none|n/?a|not\s+applicable|nil)\b", re.I)


@dataclass(frozen=True)
class ReportSections:
    """What a report says it is for, asks, why, and who wrote it; None where it does not say."""

    recommendations: tuple[Section, ...]
    purpose: Section | None
    reasons: Section | None
    author: Section | None
    # The report's own words when it asks for nothing ("This report is for information only").
    no_recommendations: Section | None

    @property
    def recommends(self) -> bool:
        return bool(self.recommendations)


def report_sections(pages: Sequence[str]) -> ReportSections:
    """Every section of one report's pages (page 1 first)."""
    lines = report_lines(pages)
    found: list[Section] = []
    said: list[Section] = []
    for section in recommendations(pages):
        first = section.text.split("\n", 1)[0]
        empty = _NONE_TEXT.match(first) or _NONE_SAID.search(first)
        (said if empty else found).append(section)
    return ReportSections(
        recommendations=tuple(found),
        purpose=_first(lines, "purpose"),
        reasons=_first(lines, "reasons"),
        author=_first(lines, "author"),
        no_recommendations=None if found else _none_said(lines, said),
    )


def report_lines(pages: Sequence[str]) -> list[Line]:
    """The report's lines with footers and running headers dropped, pages run together."""
    split = [[line.strip() for line in page.splitlines()] for page in pages]
    counts = Counter(line for page in split for line in set(page) if line)
    repeated = {line for line, n in counts.items() if len(pages) >= 3 and n > len(pages) / 2}
    return [
        (number, line)
        for number, page in enumerate(split, 1)
        for line in page
        if not (_FOOTER.match(line) or line in repeated)
    ]


def _bare(line: str) -> tuple[str | None, str]:
    """A line's top-level number ("2" of "2.1 …"), if it starts with one, and the rest."""
    match = _NUMBER.match(line)
    if match is None:
        return None, line.strip()
    return match[2] or match[1], line[match.end() :].strip()


def _is_heading(line: str, own_number: str | None) -> bool:
    number, rest = _bare(line)
    if not rest or rest[0] in "(•·-–*":
        return False
    words = rest.split()
    short = len(words) <= 10 and not rest.endswith((".", ";", ",")) and words[-1] not in _RUNS_ON
    if number is not None and own_number is not None and number != own_number:
        whole = line.split()[0].rstrip(".)")
        top_level = whole.isdigit() or whole.endswith(".0") or not whole[:1].isdigit()
        return short and top_level
    if _KNOWN.match(rest) and (short or _ANY_LABEL.match(rest) is not None):
        return True
    return short and rest.isupper() and len(words) <= 8


def _first(lines: list[Line], kind: str) -> Section | None:
    for index, (page, line) in enumerate(lines):
        if not line:
            continue
        number, rest = _bare(line)
        if _HEADING_OF[kind].match(rest):
            body = _body(lines, index + 1, number, kind)
            if body:
                return _section(kind, line, body)
        elif _LABEL_OF[kind].match(rest):
            body = [(page, line), *_label_runs_on(lines, index + 1, kind)]
            return _section(kind, "", body)
    return None


def _section(kind: str, heading: str, body: list[Line]) -> Section:
    paragraphs: list[list[str]] = [[]]
    for _, line in body:
        if not line:
            paragraphs.append([])
        else:
            paragraphs[-1].append(line)
    joiner = "\n" if kind == "author" else " "
    text = "\n".join(joiner.join(p) for p in paragraphs if p)
    if kind != "author":
        text = "\n".join(_split_numbered(text))
    printed = [p for p, line in body if line]
    return Section(kind, heading, text, printed[0], printed[-1])


def _split_numbered(text: str) -> list[str]:
    """Numbered paragraphs printed on consecutive lines stay one to a line."""
    return re.split(r"\s(?=\d{1,2}\.\d{1,2}\s)", text)


def _body(lines: list[Line], start: int, number: str | None, kind: str) -> list[Line]:
    """The lines under a heading, up to the next heading (or, for an author, the details)."""
    body: list[Line] = []
    for page, line in lines[start : start + MAX_LINES * 2]:
        if not line:
            if body and body[-1][1]:
                if kind == "author":
                    break
                body.append((page, ""))
            continue
        author = kind == "author"
        ends = _is_heading(line, number) or (author and _ANY_LABEL.match(_bare(line)[1]))
        if ends and not (author and _CONTACT_DETAIL.search(line)):
            break
        if kind == "author" and len(body) >= AUTHOR_LINES:
            break
        body.append((page, line))
        if sum(1 for _, text in body if text) >= MAX_LINES:
            break
    while body and not body[-1][1]:
        body.pop()
    return body


def _label_runs_on(lines: list[Line], start: int, kind: str) -> list[Line]:
    """A label's text runs on over its wrapped lines, and an author's over contact details."""
    more: list[Line] = []
    for page, line in lines[start : start + AUTHOR_LINES]:
        if not line or (_ANY_LABEL.match(line) and not _CONTACT_DETAIL.search(line)):
            break
        if kind == "author" and not _CONTACT_DETAIL.search(line):
            break
        if kind != "author" and (_is_heading(line, None) or line[:1].isupper()):
            break
        more.append((page, line))
    return more


def _none_said(lines: list[Line], said: list[Section]) -> Section | None:
    """The report's own words saying it asks for no decision, as printed: its
    recommendations section ("None.", "No decision is required."), else a line that says so."""
    if said:
        return dataclasses.replace(said[0], kind="no-recommendations")
    for index, (page, line) in enumerate(lines):
        if line and _NONE_SAID.search(line):
            return Section("no-recommendations", "", line, page, page)
        if line and _RECOMMENDATIONS_HEADING.match(line):
            at, text = next(((p, text) for p, text in lines[index + 1 :] if text), (page, ""))
            if _NONE_TEXT.match(text):  # "Recommendations" then "None."
                return Section("no-recommendations", line, text, at, at)
    return None
