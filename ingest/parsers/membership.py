"""The board's membership as an agenda prints it: who is called, not who came.

"Membership: Councillors J Aldous (Chair), K Brightwell (Vice-Chair), S Dunmore," /
"M Farrant and R Glover.": a labelled list, wrapped across lines, read like a list of
those present and stored as the board's members (see storage/persist/people.py). The
clerk who signs the agenda is the board's clerk.
"""

from __future__ import annotations

import re

from ingest.parsers.attendees import attendee, dedupe, people_from_line
from ingest.parsers.people import looks_like_name
from storage.parsed import ParsedAttendee

_MEMBERSHIP = re.compile(r"^membership(?:\s+of\s+the\s+[\w ]{3,60})?\s*:\s*(?P<rest>\S.*)$", re.I)


def agenda_membership(preamble: list[str]) -> list[ParsedAttendee]:
    """The members a "Membership:" line (and the lines it wraps onto) names."""
    for index, line in enumerate(preamble):
        labelled = _MEMBERSHIP.match(line)
        if labelled is None:
            continue
        text = labelled.group("rest").strip()
        later = index + 1
        while later < len(preamble) and preamble[later] and re.search(r"(?:,|\band)$", text):
            text = f"{text} {preamble[later].strip()}"
            later += 1
        return dedupe(people_from_line(text, "present", None, many=False))
    return []


_SIGNED_BY_CLERK = re.compile(
    r"^(?:signed\s*:?\s*)?(?P<name>[A-Z][\w.'\- ]{1,40}?),\s*(?P<post>(?:(?:deputy|assistant|town|"
    r"parish|community)\s+)?clerk(?:\s+to\s+the\s+(?:council|committee|board|panel))?)\b",
    re.IGNORECASE,
)


def agenda_clerk(lines: list[str]) -> list[ParsedAttendee]:
    """The clerk who signs an agenda or summons ("S. Okonjo, Clerk to the Council"): the
    board's clerk, an official."""
    for line in lines:
        signed = _SIGNED_BY_CLERK.match(line.strip())
        if signed and looks_like_name(signed.group("name")):
            return [attendee(signed.group("name"), "in_attendance", "official", signed["post"])]
    return []
