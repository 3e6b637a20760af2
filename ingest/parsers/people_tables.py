"""Attendance printed as a table of people: ``Name | Organisation / Role | Initials``.

Partnership boards list members in a table under "Attendees" or "Apologies". The
header row names the columns and is never a person; the initials column may carry the
role ("JT (Chair)"), and the organisation/role columns say what the person is there as.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.parsers.attendees import ROLE
from ingest.parsers.people import forename_first, is_no_one, looks_like_name

# Words a header row of a people table is made of ("Name | Organisation / Role | Initials").
_HEADER_WORDS = frozenset(
    [
        "name",
        "names",
        "full",
        "organisation",
        "organisations",
        "organization",
        "agency",
        "representing",
        "role",
        "roles",
        "job",
        "title",
        "position",
        "post",
        "designation",
        "department",
        "service",
        "initials",
        "initial",
        "member",
        "members",
        "councillor",
        "councillors",
        "attendee",
        "attendees",
        "attendance",
        "status",
        "present",
        "apologies",
        "representative",
        "on",
        "behalf",
        "of",
        "and",
    ]
)
# The column holding the person: named so in any header; "Member" or "Councillor" only in a
# header of several columns ("Member | Role"), since alone those words head a list.
_NAME_WORDS = frozenset(["name", "names", "attendee", "attendees"])
_MEMBER_WORDS = frozenset(["member", "members", "councillor", "councillors"])
_STATUS_COLUMN = re.compile(r"^(?:attendance|status|present|apologies)$", re.IGNORECASE)
_INITIALS = re.compile(r"^(?P<initials>[A-Z]{1,4})\b\.?\s*(?P<rest>.*)$")


@dataclass(frozen=True)
class Columns:
    """Which cell holds the name and which the initials (and perhaps the role)."""

    name: int
    initials: int | None


def header_columns(line: str) -> Columns | None:
    """The columns of a people-table header row, or None if ``line`` is not one.

    A header whose columns include attendance ("Name | Role | Attendance") is left to
    the attendance-table rows, which read the status from that column.
    """
    cells = [cell.strip().lower() for cell in line.split("|")]
    words = [w for w in re.split(r"[\s/,&()\-]+", " ".join(cells)) if w]
    if not (_NAME_WORDS & set(words) or (len(cells) > 1 and _MEMBER_WORDS & set(words))):
        return None
    if not all(word in _HEADER_WORDS for word in words) or len(words) > 10:
        return None
    if len(cells) > 1 and any(_STATUS_COLUMN.match(cell) for cell in cells):
        return None
    person = _NAME_WORDS | _MEMBER_WORDS
    name = next((i for i, cell in enumerate(cells) if set(cell.split()) & person), 0)
    initials = next((i for i, cell in enumerate(cells) if cell.startswith("initial")), None)
    return Columns(name, initials)


# A table with no header row: the person first, then what they are there as.
NAME_FIRST = Columns(0, None)


def table_entry(line: str, columns: Columns) -> str | None:
    """A people-table row as an attendance entry: "Jane Thornton (Chair) - Org, Role";
    None when the name cell holds no one or, without a header row, no name."""
    cells = [cell.strip() for cell in line.split("|")]
    if len(cells) <= columns.name or is_no_one(cells[columns.name]):
        return None
    filled = [cell for cell in cells if cell]
    if columns is NAME_FIRST and (
        not looks_like_name(forename_first(cells[0]))
        or (len(filled) > 1 and all(looks_like_name(cell) for cell in filled))  # names in columns
    ):
        return None
    name = cells[columns.name]
    role = ""
    if columns.initials is not None and columns.initials < len(cells):
        initials = _INITIALS.match(cells[columns.initials])
        rest = initials.group("rest") if initials else cells[columns.initials]
        role = rest.strip(" -–—()")
    others = [
        cell
        for index, cell in enumerate(cells)
        if cell and index not in (columns.name, columns.initials)
    ]
    roles = [cell for cell in others if ROLE.match(cell)]  # a "Role" column saying "Chair"
    role = role or (roles[0] if roles else "")
    post = ", ".join(cell for cell in others if cell not in roles)
    entry = f"{name} ({role})" if role else name
    return f"{entry} - {post}" if post else entry
