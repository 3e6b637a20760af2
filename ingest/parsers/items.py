"""Formal minutes and agendas cut into items at their headings, each item's lines into paragraphs.

PDF text is first rejoined where the page width wrapped it; a resolution's lettered
part wrapped mid-clause stays one paragraph, so no stored resolution ends mid-sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.parsers.attendance import is_section_line
from ingest.parsers.decisions import BARE_LABEL
from ingest.parsers.headings import (
    DANGLING,
    FIELD,
    LETTERED,
    PART_B,
    TERMINAL,
    find_headings,
    numbered_heading,
)
from ingest.parsers.people import forename_first
from ingest.parsers.titles import clean_title, is_caps

_SIGNED = re.compile(
    r"^[A-Z][\w.' -]{1,40},\s+(?:(?:town|parish|deputy)\s+)?(?:clerk|proper\s+officer|chief\s+"
    r"executive|monitoring\s+officer|head\s+of\s+democratic\s+services)\b[\w ]*\.?$",
    re.IGNORECASE,
)
# "Contact: Ruth Moss, Committee Services" at the foot of an agenda: page furniture
_CONTACT_FOOT = re.compile(r"^(?:contact(?:\s+officer)?|enquiries(?:\s+to)?)\s*:\s*\S", re.I)
_BULLET_START = re.compile(
    r"^(?:[-•·*▪◦●o]\s+|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s|\([ivx]{1,5}\)\s|[ivx]{1,5}\)\s)"
)
# A cover page's signature and publication lines: never the end of the sentence above.
_STANDS_ALONE = re.compile(
    r"^(?:published|issued|despatched|dispatched|date\s+of\s+publication)\b|^(?:chief\s+executive|"
    r"monitoring\s+officer|(?:town|parish)\s+clerk|clerk\s+to\s+the\s+\w+|head\s+of\s+(?:democratic|"
    r"legal)\s+services)\.?$",
    re.IGNORECASE,
)
# A heading naming the body ("... Overview and Scrutiny Committee"): never run on.
_BOARD_LINE = re.compile(
    r"^[A-Z][\w'’ ,:&-]*\b(?:committee|board|panel|council|forum|cabinet|partnership|commission)$",
    re.IGNORECASE,
)


@dataclass
class RawItem:
    """An item as found, before decisions, actions and presenters are read from it."""

    number: str | None
    title: str
    agenda: list[str] = field(default_factory=list)
    minutes: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    truncated: bool = False
    exempt_reason: str | None = None


@dataclass
class Segmented:
    preamble_end: int
    items: list[RawItem]


def unwrap_lines(lines: list[str]) -> list[str]:
    """Rejoin lines a PDF wrapped at the page width, keeping headings and list entries apart."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 5:
        return lines
    width = lengths[int(len(lengths) * 0.9)]
    out: list[str] = []
    for line in lines:
        if (
            out
            and line
            and out[-1]
            and len(out[-1]) >= 0.7 * width
            and not out[-1].endswith(TERMINAL)
            and not is_caps(out[-1])
            and not _BULLET_START.match(line)
            and not is_section_line(line)
            and not numbered_heading(line, "")
            and not numbered_heading(out[-1], "")  # a wrapped title is _extend_title's
            and not LETTERED.match(out[-1])
            and not _BOARD_LINE.search(out[-1])
            and not is_caps(line)
            and " | " not in line
            and " | " not in out[-1]
            and forename_first(line) == line  # "Yilmaz, E.  Head of ..." starts an entry
            and not FIELD.match(line)  # "Place: ...", "Enquiries to: ..." start a field
            and not _STANDS_ALONE.match(line)
        ):
            out[-1] = _join_hyphens(f"{out[-1]} {line}")
        else:
            out.append(line)
    return out


def split_paragraphs(lines: list[str], *, wrapped: bool) -> list[str]:
    """Join lines into paragraphs; ``wrapped`` text (PDF) joins lines that continue a sentence."""
    paragraphs: list[str] = []
    current: list[str] = []
    blank_before = False
    for line in lines:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            blank_before = True
            continue
        if current:
            previous = current[-1]
            if (
                _BULLET_START.match(line)
                or (previous.endswith(TERMINAL) and (line[0].isupper() or line[0].isdigit()))
                or (len(current) == 1 and BARE_LABEL.match(previous))
                or (" | " in line and " | " in previous)
            ):
                paragraphs.append(" ".join(current))
                current = [line]
            elif (
                wrapped
                or line[0].islower()
                or previous.endswith((",", "-", "–", "&"))
                or DANGLING.search(previous)
                or _part_continues(current, previous)
            ):
                current.append(line)
            else:
                paragraphs.append(" ".join(current))
                current = [line]
        elif (
            paragraphs
            and blank_before
            and line[0].islower()
            and not paragraphs[-1].endswith((".", ":", "!", "?"))
        ):
            # A paragraph broken by a page break carries on in lower case.
            current = [paragraphs.pop(), line]
        else:
            current = [line]
        blank_before = False
    if current:
        paragraphs.append(" ".join(current))
    return [_join_hyphens(p) for p in paragraphs]


def _part_continues(current: list[str], previous: str) -> bool:
    """A resolution's lettered part "(b) a report ... be presented" wrapped mid-clause."""
    return (
        bool(_BULLET_START.match(current[0]))
        and previous[-1:].islower()
        and any(" be " in line for line in current)
    )


# "well- being" joined from two lines: found from the hyphen (a pattern opening with the
# look-behind would be tried at every position of the paragraph).
_HYPHEN_BREAK = re.compile(r"-(?<=[a-z]-) (?=[a-z])")


def _join_hyphens(paragraph: str) -> str:
    if "- " not in paragraph:
        return paragraph
    return _HYPHEN_BREAK.sub("-", paragraph)


def segment_formal(
    lines: list[str], *, header_end: int, wrapped: bool, hints: set[int] | None = None
) -> Segmented:
    """Items of formal minutes or an agenda; the lines before the first item are the preamble."""
    headings = find_headings(
        lines,
        unnumbered_from=header_end,
        hints=hints,
        plain=not wrapped and not hints,
        tight=wrapped and not hints,
    )
    if not headings:
        return Segmented(len(lines), [])
    # Where the private part opens ("PART B", "Exempt items"): each line is read once.
    private = {index for index, line in enumerate(lines) if PART_B.match(line)}
    exempt_line = min((index for index in private if index >= headings[0].line), default=None)
    items: list[RawItem] = []
    for position, heading in enumerate(headings):
        end = headings[position + 1].line if position + 1 < len(headings) else len(lines)
        body = [
            line
            for index, line in enumerate(lines[heading.end : end], heading.end)
            if index not in private
        ]
        while (
            position + 1 == len(headings)
            and body
            and (not body[-1] or _SIGNED.match(body[-1]) or _CONTACT_FOOT.match(body[-1]))
        ):
            body.pop()  # the clerk's signature closing an agenda is not the last item's text
        item = RawItem(
            heading.number, heading.title, minutes=split_paragraphs(body, wrapped=wrapped)
        )
        if exempt_line is not None and heading.line > exempt_line:
            item.exempt_reason = clean_title(lines[exempt_line])
        items.append(item)
    return Segmented(headings[0].line, items)
