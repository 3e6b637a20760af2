"""Who was there: PRESENT / ALSO IN ATTENDANCE / OFFICIALS / APOLOGIES lists and sentences.

A heading with nothing under it records nobody: an empty list is stored as
empty, never filled by guessing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from storage.directory import HONORIFIC, match_key
from storage.importers.model import AttendanceStatus, BoardRole, ParsedAttendee
from storage.importers.people import (
    PLURAL_HONORIFIC,
    looks_like_name,
    shape,
    split_list,
    split_name_capacity,
)

SECTION = re.compile(
    r"^(?:[-•*]\s*)?(?P<label>"
    r"(?:(?:board|committee|panel)\s+)?members(?:\s+of\s+the\s+(?:board|committee|panel))?\s+present"
    r"|councillors\s+present|present|councillors|cllrs"
    r"|(?:(?:voting|board|committee|panel|forum|schools|non-schools|parish|elected)\s+)?members"
    r"|also\s+(?:in\s+attendance|present|attending)|in\s+attendance|attending"
    r"|officials|officers(?:\s+(?:present|in\s+attendance|attending))?"
    r"|apologies(?:\s+for\s+absence)?(?:\s+(?:were\s+)?(?:received|submitted)\s+from)?"
    r"|absent|absentees|substitutes?(?:\s+members)?|substitutions|reserves?(?:\s+members)?"
    r"|co-?opted\s+members?|attendance(?:\s+details)?|attendees"
    r")\s*(?:(?::|-|–|—)\s*:?\s*(?P<rest>.*)|(?P<bare>))$",
    re.IGNORECASE,
)
_STATUS: dict[str, tuple[AttendanceStatus, str | None]] = {
    "also": ("in_attendance", None),
    "present": ("present", None),
    "in attendance": ("in_attendance", None),
    "attending": ("in_attendance", None),
    "officials": ("in_attendance", "official"),
    "officers": ("in_attendance", "official"),
    "apologies": ("apologies", None),
    "absent": ("absent", None),
    "absentees": ("absent", None),
    "substitut": ("substitute", None),
    "reserve": ("substitute", None),
    "co-opted": ("present", "co-opted"),
    "coopted": ("present", "co-opted"),
}
_ROLE = re.compile(
    r"^(?P<vice>vice[\s-]*|deputy\s+|depute\s+)?(?:chair(?:man|woman|person)?|in\s+the\s+chair|"
    r"conven[eo]r)$",
    re.I,
)
_CO_OPTED = re.compile(r"^co-?opted(?:\s+member)?$", re.IGNORECASE)
_SUB_FOR = re.compile(
    r"^(?:as\s+)?(?:substitut(?:e|ing)|sub|deputising|in\s+place)(?:\s+(?:member\s+)?(?:for|of))?"
    r"\s*:?\s*(?P<who>.*)$",
    re.IGNORECASE,
)
# A role printed for a substitute: "Reserve", "Substitute Member", "Named substitute for Cllr X".
_SUB_ROLE = re.compile(
    r"^(?:named\s+)?(?:reserve|substitute)(?:\s+(?:member|councillor))?"
    r"(?:\s+(?:for|of)\s+(?P<who>.+))?$",
    re.IGNORECASE,
)
_SUB_BY = re.compile(
    r"^(?:substitute(?:d\s+by)?\s*:?|sub\s*:|replaced\s+by|substitution\s*:)\s*(?P<who>.+)$"
    r"|^(?P<who2>.+?)\s+(?:substituting|substituted|deputised|deputising|"
    r"attending\s+as\s+(?:a\s+)?substitute|as\s+(?:a\s+)?substitute)$",
    re.IGNORECASE,
)
# What an attendance column says ("Present, as expected", "Apologies, sent substitute", ...).
_ROW_STATUS = (
    r"(?P<status>present(?:,?\s+as\s+expected)?|present\s+as\s+(?:a\s+)?substitute"
    r"(?:\s+for\s+(?P<for>[^|;]+?))?|present\s+virtually|attended(?:\s+virtually)?|"
    r"apologies(?:\s+received|,?\s+sent\s+(?:a\s+)?substitute)?|sent\s+apologies|absent|"
    r"in\s+attendance|substitute|expected)"
)
_TABLE_ROW = re.compile(
    rf"^(?P<name>[^|]+)\|(?:(?P<role>[^|]*)\|)?\s*{_ROW_STATUS}\.?\s*(?:\|(?P<notes>[^|]*))?$",
    re.IGNORECASE,
)
# ModernGov "Attendance details" copied as text: "Councillor X — Present, as expected".
_DASH_ROW = re.compile(rf"^(?P<name>[^|;]{{3,80}}?)\s+[-–—]\s+{_ROW_STATUS}\.?$", re.IGNORECASE)
_NOTES_SUB_FOR = re.compile(r"\bsubstitut\w*\s+(?:for|of)\s+(?P<who>.+?)\.?$", re.IGNORECASE)
_NONE = re.compile(r"^(?:none|nil|n/?a|no\s+apologies.*|there\s+were\s+no(?:ne)?\b.*)\.?$", re.I)
_APOLOGY_SENTENCE = re.compile(
    r"\bapologies(?:\s+for\s+absence)?\s+(?:(?:were|was|had\s+been|have\s+been|are)\s+)?"
    r"(?:(?:received|noted|submitted|given|tendered|reported|presented|recorded)\s+)?"
    r"(?:from|on\s+behalf\s+of|by|for(?!\s+(?:absence|lateness)\b))\s+(?P<list>.+)",
    re.IGNORECASE,
)
_SUBSTITUTE_SENTENCE = re.compile(
    r"(?P<sub>(?:(?:County\s+)?Councillor|Cllr\.?)\s+[A-Z][\w.'\- ]{1,40}?)\s+"
    r"(?:attended|was\s+present|sat)\s+as\s+(?:a\s+)?substitute\s+for\s+"
    r"(?P<for>(?:(?:County\s+)?Councillor|Cllr\.?)\s+[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*){0,3})",
)
_REASON_WORDS = re.compile(
    r"(?-i:^[a-z])|\b(?:unwell|ill|illness|sick|sickness|leave|holiday|work|commitments?|personal|family|"
    r"bereave\w*|medical|hospital|appointment|business|clash|travel\w*|caring|childcare|"
    r"maternity|paternity|isolating|covid)\b",
    re.IGNORECASE,
)
_REASON_SPLIT = re.compile(r"\s+[-–—]\s+|\s*[-–—]\s*(?=[a-z])")
_PUBLIC = re.compile(
    r"^(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+"
    r"(?:members?\s+of\s+(?:the\s+)?(?:public|press)|residents?|observers?|visitors?)\b",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[-•·*o]|\d{1,2}[.)])\s+")


@dataclass
class _Section:
    status: AttendanceStatus
    note: str | None
    lines: list[str]


def section_status(label: str, rest: str = "") -> tuple[AttendanceStatus, str | None] | None:
    """The status a list heading gives its names; None for a container ("Attendance Details")."""
    low = " ".join(label.lower().split())
    if low.startswith("attendance details"):
        return None
    if low.startswith("attendance") or low == "attendees":
        return ("present", None) if rest else None
    for prefix, value in _STATUS.items():
        if low.startswith(prefix):
            return value
    if low.endswith(("present", "members")) or low in {"councillors", "cllrs"}:
        return ("present", None)
    return ("in_attendance", None) if "attendance" in low else None


def is_section_line(line: str) -> bool:
    return SECTION.match(line) is not None


def parse_sections(lines: list[str]) -> tuple[list[ParsedAttendee], set[int]]:
    """Attendance lists in ``lines`` and the line numbers they used."""
    sections: list[_Section] = []
    used: set[int] = set()
    current: _Section | None = None
    in_details = False
    index = 0
    while index < len(lines):
        line = lines[index]
        match = SECTION.match(line)
        if match and (match.group("rest") is not None or match.group("bare") is not None):
            label = match.group("label")
            rest = (match.group("rest") or "").strip()
            status = section_status(label, rest)
            if status is None:
                in_details = True
                current = None
                used.add(index)
            elif _is_sentence_label(line):
                current = None
            elif rest and _dash_rows(rest):
                sections.extend(_table_section(row) for row in _dash_rows(rest))
                in_details = True
                current = None
                used.add(index)
            else:
                current = _Section(status[0], status[1], [rest] if rest else [])
                sections.append(current)
                used.add(index)
            index += 1
            continue
        if not line:
            index += 1
            continue
        row = _TABLE_ROW.match(line) or _DASH_ROW.match(line)
        if row and (in_details or current is not None or _looks_tabular(lines, index)):
            sections.append(_table_section(row))
            used.add(index)
            index += 1
            continue
        if current is not None and _is_entry_line(line):
            current.lines.append(line)
            used.add(index)
            index += 1
            continue
        current = None
        index += 1
    people: list[ParsedAttendee] = []
    for section in sections:
        people.extend(_section_people(section))
    return dedupe(people), used


def _is_sentence_label(line: str) -> bool:
    """ "Apologies for absence were received from ..." is a sentence, handled elsewhere."""
    return bool(_APOLOGY_SENTENCE.search(line)) and ":" not in line[:40]


def _dash_rows(text: str) -> list[re.Match[str]]:
    """ "A — Present; B — Apologies": every part a row, else none."""
    rows = [_DASH_ROW.match(part.strip()) for part in text.split(";")]
    return [row for row in rows if row] if all(rows) else []


def _looks_tabular(lines: list[str], index: int) -> bool:
    window = lines[max(0, index - 3) : index + 4]
    return sum(1 for line in window if _TABLE_ROW.match(line) or _DASH_ROW.match(line)) >= 2


def _table_section(row: re.Match[str]) -> _Section:
    raw = " ".join(row.group("status").lower().split())
    status: AttendanceStatus
    if "substitute" in raw and "sent" not in raw:
        status = "substitute"
    elif raw.startswith(("present", "attended")) or raw == "expected":
        status = "present"
    elif "apolog" in raw:
        status = "apologies"
    elif raw == "absent":
        status = "absent"
    else:
        status = "in_attendance"
    name = row.group("name").strip()
    groups = row.groupdict()
    role = (groups.get("role") or "").strip()
    if role and _ROLE.match(role):
        name = f"{name} ({role})"
    sub_role = _SUB_ROLE.match(role) if role else None
    if sub_role and status == "present":
        status = "substitute"
        if sub_role.group("who"):
            name = f"{name} (substitute for {sub_role.group('who').strip()})"
    notes = _NOTES_SUB_FOR.search(groups.get("notes") or "")
    sub_for = row.group("for") or (notes.group("who") if notes else None)
    if sub_for:
        status = "substitute"
        name = f"{name} (substitute for {sub_for.strip()})"
    return _Section(status, None, [name])


def _bare_plural(line: str) -> re.Match[str] | None:
    """A line that is only "Councillors" / "County Councillors": a heading for the names below."""
    match = PLURAL_HONORIFIC.match(line.strip())
    return match if match and match.end() >= len(line.strip().rstrip(":")) else None


def _is_entry_line(line: str) -> bool:
    if _NONE.match(line) or _bare_plural(line):
        return True
    if SECTION.match(line):
        return False
    letters = [ch for ch in line if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) / len(letters) > 0.8 and len(letters) > 12:
        # An upper-case heading ("DECLARATIONS OF INTEREST") ends the list.
        return False
    stripped = _BULLET.sub("", line)
    name, _capacity = split_name_capacity(stripped)
    if looks_like_name(name):
        return True
    first = split_list(stripped)
    return bool(first) and looks_like_name(_strip_parens(first[0]))


def _strip_parens(text: str) -> str:
    return re.sub(r"\s*\([^()]*\)", "", text).strip()


def _joined_entries(section: _Section) -> list[str]:
    """Re-join a list wrapped across lines; keep one-person-per-line lists apart."""
    joined: list[str] = []
    for raw in section.lines:
        line = _BULLET.sub("", raw.strip())
        if not line:
            continue
        if joined and (
            re.search(r"(?:[,;&]|\band|\b[A-Z])$", joined[-1])
            or re.match(r"^(?:and\b|[a-z])", line)
        ):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _section_people(section: _Section) -> list[ParsedAttendee]:
    entries = _joined_entries(section)
    people: list[ParsedAttendee] = []
    prefix: str | None = None
    for line in entries:
        if _NONE.match(line):
            continue
        plural = _bare_plural(line)
        if plural:
            prefix = _singular(plural)  # "County Councillors" over one name a line
            continue
        if prefix and not HONORIFIC.match(line) and looks_like_name(_strip_parens(line)):
            line = f"{prefix} {line}"
        else:
            prefix = None
        people.extend(_people_from_line(line, section.status, section.note, many=len(entries) > 1))
    return people


def _people_from_line(
    line: str, status: AttendanceStatus, note: str | None, *, many: bool
) -> list[ParsedAttendee]:
    parens = "".join(f" ({inner})" for inner in re.findall(r"\(([^()]*)\)", line))
    name, capacity = split_name_capacity(_strip_parens(line))
    head = re.split(r"\s[-–—]\s", line, maxsplit=1)
    single = len(head) == 2 and looks_like_name(head[0])
    if single or (many and capacity and "," not in name and not _list_like(line)):
        return [_attendee(name + parens, status, note, capacity)]
    people: list[ParsedAttendee] = []
    for entry in distribute_honorifics(_merge_capacity_parts(split_list(line))):
        bare = _strip_parens(entry)
        if "," in bare:
            name, capacity = split_name_capacity(bare)
            inner = "".join(f" ({p})" for p in re.findall(r"\(([^()]*)\)", entry))
            people.append(_attendee(name + inner, status, note, capacity))
        else:
            people.append(_attendee(entry, status, note, None))
    return people


def _list_like(line: str) -> bool:
    parts = split_list(line)
    return len(parts) > 1 and all(looks_like_name(_strip_parens(p)) for p in parts)


def _merge_capacity_parts(parts: list[str]) -> list[str]:
    """ "Director of Culture, Communities & Communications": the comma is not a new person."""
    merged: list[str] = []
    for part in parts:
        bare = _strip_parens(part)
        if _PUBLIC.match(bare):
            continue
        if (
            merged
            and not looks_like_name(bare)
            and not looks_like_name(split_name_capacity(bare)[0])
        ):
            merged[-1] = f"{merged[-1]}, {part}"
        else:
            merged.append(part)
    return merged


def _singular(plural: re.Match[str]) -> str:
    """ "County Councillors" → "County Councillor", keeping the printed case."""
    word = plural.group("word")
    singular = {"councillors": "Councillor", "cllrs": "Cllr", "aldermen": "Alderman"}[word.lower()]
    return f"{plural.group('prefix')}{singular.upper() if word.isupper() else singular}"


def distribute_honorifics(parts: list[str]) -> list[str]:
    """ "Councillors M Carr, J Brunton Dobson" → each "Councillor ..."; stops at a different shape."""
    out: list[str] = []
    prefix: str | None = None
    first_shape: str | None = None
    for part in parts:
        plural = PLURAL_HONORIFIC.match(part)
        if plural:
            prefix = _singular(plural)
            rest = part[plural.end() :]
            first_shape = shape(_strip_parens(rest))
            out.append(f"{prefix} {rest}".strip())
            continue
        if prefix and not HONORIFIC.match(part) and shape(_strip_parens(part)) == first_shape:
            out.append(f"{prefix} {part}")
            continue
        prefix = None
        out.append(part)
    return out


def _attendee(
    entry: str, status: AttendanceStatus, note: str | None, capacity: str | None
) -> ParsedAttendee:
    role: BoardRole | None = None
    role_printed: str | None = None
    substitute_for: str | None = None
    reason: str | None = None
    extra: list[str] = []
    for inner in re.findall(r"\(([^()]*)\)", entry):
        inner = inner.strip()
        role_match = _ROLE.match(inner)
        sub_role = _SUB_ROLE.match(inner)
        sub_for = _SUB_FOR.match(inner)
        if role_match:
            role = "vice-chair" if role_match.group("vice") else "chair"
            role_printed = inner
        elif sub_role and status != "apologies":
            status = "substitute"
            substitute_for = (sub_role.group("who") or "").strip() or substitute_for
        elif sub_for and status != "apologies":
            status = "substitute"
            substitute_for = sub_for.group("who").strip() or None
        elif status == "apologies" and (_REASON_WORDS.search(inner) or _SUB_BY.match(inner)):
            # A substitute named here is split out by the caller (see _apology_entries).
            reason = inner
        else:
            if _CO_OPTED.match(inner) and role_printed is None:
                role_printed = inner  # printed with the name, like "(Chair)"; the note keeps it too
            extra.append(inner)
    name = _strip_parens(entry).strip(" ,.;:")
    if capacity:
        role_match = _ROLE.match(capacity)
        if role_match:
            role = "vice-chair" if role_match.group("vice") else "chair"
            role_printed = capacity
        elif _SUB_ROLE.match(capacity) and status != "apologies":
            status = "substitute"
            who = _SUB_ROLE.match(capacity).group("who")  # type: ignore[union-attr]
            substitute_for = who.strip() if who else substitute_for
        elif status == "apologies" and _REASON_WORDS.search(capacity):
            reason = capacity
        else:
            extra.insert(0, capacity)
    elif status == "apologies":
        parts = _REASON_SPLIT.split(name, maxsplit=1)
        if len(parts) == 2 and looks_like_name(parts[0]):
            name, reason = parts[0].strip(), parts[1].strip(" .")
    notes = [n for n in (note, *extra) if n]
    return ParsedAttendee(
        name=name,
        match_key=match_key(name),
        status=status,
        role=role,
        role_as_printed=role_printed,
        substitute_for=substitute_for,
        reason=reason,
        note="; ".join(notes) or None,
    )


def apologies_from_sentences(paragraphs: Iterable[str]) -> list[ParsedAttendee]:
    """ "Apologies for absence were submitted on behalf of Councillors A and B (sub: C)."""
    people: list[ParsedAttendee] = []
    for paragraph in paragraphs:
        for match in _APOLOGY_SENTENCE.finditer(paragraph):
            if re.search(r"\b(?:no|not)\s+apologies|lateness", match.group(0)[:40], re.I):
                continue
            listed = _until_sentence_end(match.group("list"))
            people.extend(_apology_entries(listed))
        for match in _SUBSTITUTE_SENTENCE.finditer(paragraph):
            sub = match.group("sub").strip()
            people.append(
                ParsedAttendee(
                    name=sub,
                    match_key=match_key(sub),
                    status="substitute",
                    substitute_for=match.group("for").strip(),
                )
            )
    return dedupe(people)


def _apology_entries(listed: str) -> list[ParsedAttendee]:
    listed = re.sub(r",?\s+who\s+(?:was|were)\s+substituted\s+by\s+", " (substituted by ", listed)
    if "(substituted by " in listed and listed.count("(") > listed.count(")"):
        listed += ")"
    people: list[ParsedAttendee] = []
    for entry in distribute_honorifics(split_list(listed)):
        bare = _strip_parens(entry)
        head = _REASON_SPLIT.split(bare, maxsplit=1)[0]
        if not looks_like_name(head):
            continue
        person = _attendee(entry, "apologies", None, None)
        sub = _SUB_BY.match(person.reason or "")
        if sub:
            who = (sub.group("who") or sub.group("who2") or "").strip()
            person = replace(person, reason=None)
            if who and looks_like_name(who):
                people.append(person)
                people.append(
                    ParsedAttendee(
                        name=who,
                        match_key=match_key(who),
                        status="substitute",
                        substitute_for=person.name,
                    )
                )
                continue
        people.append(person)
    return people


def _until_sentence_end(text: str) -> str:
    """Cut at the first full stop that is not an initial's ("J. Smith")."""
    for match in re.finditer(r"\.(?=\s|$)", text):
        before = text[: match.start()].split()
        if before and len(before[-1]) == 1 and before[-1].isupper():
            continue
        return text[: match.start()]
    return text


def with_substitutes_from_apologies(people: list[ParsedAttendee]) -> list[ParsedAttendee]:
    """An apology "(substitute: Councillor C)" also records C as the substitute."""
    out: list[ParsedAttendee] = []
    for person in people:
        sub = _SUB_BY.match(person.reason or "") if person.status == "apologies" else None
        who = (sub.group("who") or sub.group("who2") or "").strip() if sub else ""
        if sub and who and looks_like_name(who):
            out.append(replace(person, reason=None))
            out.append(
                ParsedAttendee(
                    name=who,
                    match_key=match_key(who),
                    status="substitute",
                    substitute_for=person.name,
                )
            )
        else:
            out.append(person)
    return out


def dedupe(people: list[ParsedAttendee]) -> list[ParsedAttendee]:
    """One row per person; a later, more specific status (substitute) wins over present."""
    seen: dict[str, int] = {}
    out: list[ParsedAttendee] = []
    for person in people:
        if not person.match_key:
            continue
        if person.match_key in seen:
            index = seen[person.match_key]
            if person.status == "substitute" and out[index].status == "present":
                out[index] = replace(person, role=out[index].role or person.role)
            continue
        seen[person.match_key] = len(out)
        out.append(person)
    return out
