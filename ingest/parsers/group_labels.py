"""A group's label run in before its names inside an attendance list.

"Secretary of State Members: Mrs E Cardew, Dr M Olowe", "Group B (Church of England):
Canon M Whitfield (Vice-Chair), Mrs H Greenaway": the names are those present (the list's
heading says so), the label is kept as each person's note, never read as a name.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.parsers.attendees import ROLE, strip_parens
from ingest.parsers.people import PLURAL_HONORIFIC, looks_like_name, split_list
from storage.parsed import ParsedAttendee

_RUN_IN = re.compile(r"^(?P<label>[^:|;,]{3,90}?)\s*:\s+(?P<rest>\S.*)$")
# A label naming a group of members; any other ("Independent Adviser") is a post in attendance.
_MEMBERS = re.compile(
    r"\b(?:members?|group|representatives?|councillors?|trustees?|governors?|aldermen)\b", re.I
)


def run_in_group(line: str) -> tuple[str, str] | None:
    """(label, names) when ``line`` is a group's label followed by its names."""
    match = _RUN_IN.match(line.strip())
    if match is None:
        return None
    label, rest = " ".join(match.group("label").split()), match.group("rest")
    bare = strip_parens(label)
    if (
        looks_like_name(bare)
        or PLURAL_HONORIFIC.match(bare)
        or ROLE.match(bare)
        or any(ch.isdigit() for ch in bare)
    ):
        return None
    first = split_list(rest)
    return (label, rest) if first and looks_like_name(strip_parens(first[0])) else None


def labelled(people: list[ParsedAttendee], label: str) -> list[ParsedAttendee]:
    """``people`` with the group's label added to each one's note; those under a post's
    label in a list of those present ("Independent Adviser: Mr C Lomas") attend, not sit."""
    post = not _MEMBERS.search(label)
    return [
        replace(
            p,
            note="; ".join(filter(None, (p.note, label))),
            status="in_attendance" if post and p.status == "present" else p.status,
        )
        for p in people
    ]
