"""Who leads an agenda item, when the agenda prints it on a line of its own under the title.

"Director of Public Health", "Presented by: Chair", "Report of the Treasurer", "Lead:
Head of Rail": a short line, not a sentence, that is a post or a name (or is labelled
as the presenter). The line names the item's presenter; it stays in the blurb as printed
(as a "Lead:" line always has). A sentence ("Report by the Head of Early Years.") names
no presenter: it is prose about the report.
"""

from __future__ import annotations

import re

from ingest.parsers.people import is_post

_LABELLED = re.compile(
    r"^(?:presented\s+by|presenter|lead(?:\s+officer)?|report\s+(?:of|by|from))\s*:?\s+"
    r"(?:the\s+)?(?P<who>[^.;:]+?)$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;:]$")


def lead_of(line: str) -> str | None:
    """The presenter a lone line names, or None when the line is prose or a blurb."""
    text = line.strip()
    if not text or _SENTENCE_END.search(text) or len(text.split()) > 12:
        return None
    if any(ch.isdigit() for ch in text):  # "Resources Board - 13 July 2027": a page's title
        return None
    labelled = _LABELLED.match(text)
    if labelled:
        return labelled.group("who").strip()
    if text[:1].isupper() and is_post(text.split(",")[0]) and not _verb_led(text):
        return text
    return None


def _verb_led(text: str) -> bool:
    """ "To note the report": a purpose line, not a post."""
    return bool(re.match(r"(?i)^(?:to|for|this|the\s+report|a\s+report)\b", text))


def leads(agenda: list[str]) -> tuple[str, ...]:
    """The presenter named by the first line of the blurb's first paragraph, or by a
    labelled line ("Lead: Head of Operations") anywhere in the blurb."""
    if not agenda:
        return ()
    lead = lead_of(agenda[0].split("\n")[0])
    if lead:
        return (lead,)
    for line in (line for paragraph in agenda for line in paragraph.split("\n")):
        if _LABELLED.match(line.strip()) and (labelled := lead_of(line)):
            return (labelled,)
    return ()
