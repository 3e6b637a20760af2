"""Attendance printed as marks against names, with a key saying what each mark means.

"Members of the Committee (* denotes present):" then "*Cllr A Fowler (Chairman)   Cllr C Hext
  *Cllr D Ibbs": a marked member was present, an unmarked one was not (absent, until the
apologies name them). "Attendance (P = present, A = apologies)" then "Cllr M Ashdown  P".
"""

from __future__ import annotations

import re

from storage.parsed import AttendanceStatus

# "(* denotes present)", "* = present", "those marked * were present"
MARK_KEY = re.compile(
    r"\*\s*(?:denotes|=|indicates|-)\s*(?:members?\s+)?present|marked\s+\*\s+(?:were\s+)?present",
    re.IGNORECASE,
)
# Where one member ends and the next begins on a line of two or three columns.
_NEXT_MEMBER = re.compile(
    r"(?<!County)\s+(?=\*|(?:Cllr|Councillor|County\s+Councillor|Mr|Mrs|Ms|Dr)\b)"
)


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


_LEGEND_CODE = re.compile(
    r"\b(?P<code>[A-Z])\s*=\s*(?P<word>present|attended|apologies|absent|substitute|in\s+attendance)",
    re.IGNORECASE,
)
CODED_ROW = re.compile(r"^(?P<name>\S.{2,80}?)\s+(?P<code>[A-Z])$")


def legend_codes(line: str) -> dict[str, AttendanceStatus]:
    """The codes an attendance grid's key defines ("P = present, A = apologies, X = absent")."""
    found = list(_LEGEND_CODE.finditer(line))
    if len(found) < 2:
        return {}
    words: dict[str, AttendanceStatus] = {
        "present": "present",
        "attended": "present",
        "apologies": "apologies",
        "absent": "absent",
        "substitute": "substitute",
    }
    return {
        m.group("code").upper(): words.get(m.group("word").lower(), "in_attendance") for m in found
    }
