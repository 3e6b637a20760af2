"""A committee's whole membership printed with a mark on those who came.

"Members of the Committee (* denotes present):" then "*Cllr A Fowler (Chairman)   Cllr C Hext
  *Cllr D Ibbs": a marked member was present, an unmarked one was not (absent, until the
apologies name them).
"""

from __future__ import annotations

import re

from storage.importers.model import AttendanceStatus

# "(* denotes present)", "* = present", "those marked * were present"
MARK_KEY = re.compile(
    r"\*\s*(?:denotes|=|indicates|-)\s*(?:members?\s+)?present|marked\s+\*\s+(?:were\s+)?present",
    re.IGNORECASE,
)
# Where one member ends and the next begins on a line of two or three columns.
_NEXT_MEMBER = re.compile(r"\s+(?=\*|(?:Cllr|Councillor|County\s+Councillor|Mr|Mrs|Ms|Dr)\b)")


def marked_members(lines: list[str]) -> tuple[list[tuple[AttendanceStatus, str]], int]:
    """Each member under a mark key with whether they were present, and how many lines the
    list took (it ends at a blank line or a line naming no member)."""
    members: list[tuple[AttendanceStatus, str]] = []
    used = 0
    for line in lines:
        if not line.strip():
            break
        parts = [part.strip() for part in _NEXT_MEMBER.split(line.strip()) if part.strip()]
        if not all(part.lstrip("*").strip()[:1].isupper() for part in parts):
            break
        for part in parts:
            present = part.startswith("*")
            members.append(("present" if present else "absent", part.lstrip("*").strip()))
        used += 1
    return members, used
