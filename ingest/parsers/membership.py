"""The board's membership as an agenda prints it: who is called, not who came.

"Membership: Councillors J Aldous (Chair), K Brightwell (Vice-Chair), S Dunmore," /
"M Farrant and R Glover.": a labelled list, wrapped across lines, read like a list of
those present and stored as the board's members (see storage/persist/people.py).
"""

from __future__ import annotations

import re

from ingest.parsers.attendees import dedupe, people_from_line
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
