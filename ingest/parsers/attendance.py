"""Who was there: PRESENT / ALSO IN ATTENDANCE / OFFICIALS / APOLOGIES lists and tables.

A heading with nothing under it records nobody: an empty list is stored as
empty, never filled by guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.parsers.apologies import (
    APOLOGY_SENTENCE,
    apologies_from_sentences,
    apology_clauses,
)
from ingest.parsers.attendees import (
    ROLE,
    SUB_ROLE,
    dedupe,
    people_from_line,
    singular,
    strip_parens,
)
from ingest.parsers.group_labels import labelled, run_in_group
from ingest.parsers.marked_lists import CODED_ROW, MARK_KEY, legend_codes, marked_members
from ingest.parsers.people import (
    PLURAL_HONORIFIC,
    columns_apart,
    forename_first,
    forenames_first,
    is_no_one,
    looks_like_name,
    split_list,
    split_name_capacity,
)
from ingest.parsers.people_tables import NAME_FIRST, Columns, header_columns, table_entry
from ingest.parsers.run_in import run_in_present
from storage.names import HONORIFIC
from storage.parsed import AttendanceStatus, ParsedAttendee

SECTION = re.compile(
    r"^(?:[-•*]\s*)?(?:[^\W\d_][\w'’ ]{2,30}?\s*/\s*)?(?P<label>"  # "Presennol / Present"
    r"(?:(?:board|committee|panel|cabinet|executive|authority)\s+)?members"
    r"(?:\s+of\s+the\s+(?:board|committee|panel))?\s+present"
    r"(?:\s+(?:in\s+the\s+(?:room|chamber)|in\s+person|remotely|virtually|online)"  # hybrid
    r"|\s*\((?:in\s+person|in\s+the\s+room|remotely|virtually|online)\))?"
    r"|(?:councillors|trustees|governors|directors)\s+present|present|councillors|cllrs"
    r"|(?:(?:voting|board|committee|panel|forum|schools|non-schools|parish|elected|"
    r"non-?executive|executive|lay|associate)\s+)?members"
    r"|also\s+(?:in\s+attendance|present|attending)|in\s+attendance|attending"
    r"|non-?members\s+in\s+attendance(?:\s+at\s+(?:the\s+)?request\s+of\s+(?:the\s+)?[\w ]{2,40}?)?"
    r"|(?:officials|officers|police(?:\s+service)?|others)\s+in\s+attendance"
    r"|(?:officials|officers|officer)(?:\s+(?:present|in\s+attendance|attending))?"
    r"|(?:council\s+)?(?:employees|staff)(?:\s+(?:present|in\s+attendance|attending))?"
    r"|apolog(?:ies|y)(?:\s+for\s+absence)?(?:\s+(?:were\s+)?(?:received|submitted)\s+from)?"
    r"|absent|absentees|substitutes?(?:\s+members)?|substitutions|reserves?(?:\s+members)?"
    r"|co-?opted\s+members?|attendance(?:\s+details)?|attendees|independent\s+(?:persons?|members?)"
    r"|sederunt|clerk(?:\s+to\s+the\s+(?:council|committee|board|panel))?"
    r"|decision\s+(?:maker|taken\s+by)"  # the one member who took a recorded decision
    r")\s*(?:(?::|-|–|—)\s*:?\s*(?P<rest>.*)|(?P<bare>))$",
    re.IGNORECASE,
)
_STATUS: dict[str, tuple[AttendanceStatus, str | None]] = {
    "also": ("in_attendance", None),
    "present": ("present", None),
    "sederunt": ("present", None),
    "decision": ("present", None),
    "clerk": ("in_attendance", "official"),
    "in attendance": ("in_attendance", None),
    "attending": ("in_attendance", None),
    "officials": ("in_attendance", "official"),
    "officers": ("in_attendance", "official"),
    "officer": ("in_attendance", "official"),
    "council employees": ("in_attendance", "official"),
    "employees": ("in_attendance", "official"),
    "staff": ("in_attendance", "official"),
    "apolog": ("apologies", None),
    "absent": ("absent", None),
    "absentees": ("absent", None),
    "substitut": ("substitute", None),
    "reserve": ("substitute", None),
    "co-opted": ("present", "co-opted"),
    "independent member": ("present", "independent member"),  # sits; an Independent Person advises
    "independent": ("in_attendance", "independent person"),
    "coopted": ("present", "co-opted"),
}
_ROLE_LABEL = re.compile(
    r"^(?P<role>(?:vice[\s-]?|deputy\s+)?(?:chair(?:man|woman|person)?|conven[eo]r)|"
    r"in\s+the\s+chair)\s*(?::|-|–|—)\s*(?P<who>.+)$",
    re.IGNORECASE,
)
# What an attendance column says ("Present, as expected", "Apologies, sent substitute", ...).
_ROW_STATUS = (
    r"(?P<status>present(?:,?\s+as\s+expected)?|present\s+as\s+(?:a\s+)?substitute"
    r"(?:\s+for\s+(?P<for>[^|;]+?))?|present\s+virtually|attended(?:\s+virtually)?|"
    r"apologies(?:\s+received|,?\s+sent\s+(?:a\s+)?substitute)?|sent\s+apologies|absent|"
    r"in\s+attendance|substitute|expected|[✓✔☑✗✘☒])"
)
_TABLE_ROW = re.compile(
    rf"^(?P<name>[^|]+)\|(?:(?P<role>[^|]*)\|)?\s*{_ROW_STATUS}\.?\s*(?:\|(?P<notes>[^|]*))?$",
    re.IGNORECASE,
)
# ModernGov "Attendance details" copied as text: "Councillor X — Present, as expected".
_DASH_ROW = re.compile(rf"^(?P<name>[^|;]{{3,80}}?)\s+[-–—]\s+{_ROW_STATUS}\.?$", re.IGNORECASE)
# A role column saying "Officer" (or "Clerk") lists an official, as an "Officers:" heading does.
_OFFICER_ROLE = re.compile(r"^(?:council\s+)?(?:officers?|officials?|clerk)\b", re.IGNORECASE)
_NOTES_SUB_FOR = re.compile(r"\bsubstitut\w*\s+(?:for|of)\s+(?P<who>.+?)\.?$", re.IGNORECASE)
_UNHEADED_LIST = re.compile(
    r"^(?:Cllrs|Councillors)\.?\s+(?:[A-Z]\.?\s+)+[A-Z][\w'’\-]+\s*(?:\(|,)"
)
_OFFICER_LINE = re.compile(
    r"^[^,]{3,40},\s+(?:[\w'’&-]+\s+){0,5}(?i:clerk|officer|manager|director|secretary|executive)\b"
)
# "Mayor (Councillor D Hamill)": the office, then who holds it.
_POST_HOLDER = re.compile(r"^(?:the\s+)?[A-Za-z ]{3,40}\((?P<name>[^()]{3,60})\)\s*$")
_DASHED_GROUP = re.compile(
    r"^(?P<group>(?:(?:County|Borough|City)\s+)?(?:Councillors|Cllrs|Aldermen))\s*[–—-]\s+", re.I
)
_PRESIDING = re.compile(
    r"^(?i:the\s+)?(?P<post>(?i:(?:deputy\s+|lord\s+)?mayor|chair(?:man|person)?|convener|provost)),?\s+"
    r"(?P<who>(?i:alderman|councillor|cllr)\.?\s+[^,]{2,40}),\s+(?i:in\s+the\s+chair)\.?$"
)
_COLUMN_HEAD = re.compile(r"^(?:members|role|name)$", re.IGNORECASE)
# "Nominated by Health Board (Non-Executive Member)" under a name: what they sit as.
_SITS_AS = re.compile(r"^(?:nominated|appointed)\s+by\b|^representing\b", re.IGNORECASE)
_SUB_PAIR = re.compile(
    r"^(?P<sub>.+?)\s+(?:for|in\s+place\s+of|replacing)\s+"
    r"(?P<for>(?:County\s+)?(?:Councillor|Cllr)\.?\s[^()]+?)\.?$"
)
_BULLET = re.compile(r"^(?:[-•·*o]|\d{1,2}[.)])\s+")


@dataclass
class _Section:
    status: AttendanceStatus
    note: str | None
    lines: list[str]
    columns: Columns | None = None


def section_status(label: str, rest: str = "") -> tuple[AttendanceStatus, str | None] | None:
    """The status a list heading gives its names; None for a container ("Attendance Details")."""
    low = " ".join(label.lower().split())
    # "Members present in the room" / "Members present (remotely)": present all the same
    low = re.sub(
        r"\s*(?:\(.*\)|in the (?:room|chamber)|in person|remotely|virtually|online)$", "", low
    )
    if low.startswith("attendance details"):
        return None
    if low == "attendees":
        return ("present", None)  # a list of who came, one a line or after a colon
    if low.startswith("attendance"):
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
    said: list[ParsedAttendee] = []  # people named in a heading's sentence
    used: set[int] = set()
    current: _Section | None = None
    in_details = False
    unheaded: _Section | None = None
    legend: dict[str, AttendanceStatus] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        if MARK_KEY.search(line):
            marked, taken = marked_members(lines[index + 1 :])
            sections.extend(_Section(status, None, [entry]) for status, entry in marked)
            used.update(range(index, index + taken + 1))
            index += taken + 1
            continue
        codes = legend_codes(line)
        coded = CODED_ROW.match(line) if legend else None
        if codes or (coded and coded.group("code") in legend):
            # "Attendance (P = present, A = apologies)" then "Cllr M Ashdown (Chairman)  P"
            if codes:
                legend = codes
            elif coded:
                sections.append(_Section(legend[coded.group("code")], None, [coded["name"]]))
            used.add(index)
            index += 1
            continue
        if line:
            legend = {}
        match = SECTION.match(line)
        if match and current is None and match.group("label").lower().startswith("clerk"):
            match = None  # "Clerk:" in a header's label block names a contact, not someone present
        if match and current is not None and _COLUMN_HEAD.match(line):
            used.add(index)  # "Members" / "Role" heading the columns of the list
            index += 1
            continue
        if match and (match.group("rest") is not None or match.group("bare") is not None):
            label = match.group("label")
            rest = (match.group("rest") or "").strip()
            status = section_status(label, rest)
            apologies = status is not None and status[0] == "apologies"
            following = _continuation(lines, index) if apologies and not rest else None
            if following is not None:
                # "Apologies for absence:" / "were submitted on behalf of Councillor A and B."
                sentence = f"{label} {lines[following]}"
                said.extend(apologies_from_sentences([sentence]))
                used.update(range(index, following + 1))
                current = None
                index = following + 1
                continue
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
                if rest and _bare_plural(label) and not HONORIFIC.match(rest):
                    rest = f"{label} {rest}"  # "Councillors – A Devlin, B Ervine"
                officers: list[str] = []
                also = ""
                if rest and status[0] == "present":
                    rest, officers, also = run_in_present(rest)
                # "Councillors:" is a label whose value is the list below, read as the run-in
                # "Councillors: A, B" is; a bare "COUNCILLORS" heading only names the group.
                plural = PLURAL_HONORIFIC.match(label) if line.rstrip().endswith(":") else None
                heading = [plural.group(0).strip()] if plural else []
                current = _Section(status[0], status[1], [rest] if rest else heading)
                sections.append(current)
                if officers:
                    sections.append(_Section("in_attendance", "official", officers))
                if also:
                    sections.append(_Section("in_attendance", None, [also]))
                used.add(index)
            index += 1
            continue
        if not line:
            index += 1
            continue
        presiding = _PRESIDING.match(line)
        if presiding and current is None:
            # "The Mayor, Councillor C Ervine, in the Chair." above the list of those present
            sections.append(
                _Section("present", None, [f"{presiding['who']} ({presiding['post']})"])
            )
            used.add(index)
            index += 1
            continue
        if re.match(r"(?i:apologies\b.{0,60}\b(?:from|of))\s*:-?$", line):
            # "Apologies for absence were submitted on behalf of:-" over a list of names
            current = _Section("apologies", None, [])
            sections.append(current)
            used.add(index)
            index += 1
            continue
        chaired = _ROLE_LABEL.match(line)
        holder = _POST_HOLDER.match(chaired.group("who")) if chaired else None
        if holder and looks_like_name(holder.group("name")):
            line = f"{chaired.group('role')}: {holder.group('name')}"  # type: ignore[union-attr]
            chaired = _ROLE_LABEL.match(line)  # "In the Chair: Mayor (Councillor D Hamill)"
        if chaired and looks_like_name(strip_parens(chaired.group("who"))):
            # "Chairman: Councillor A Ash" above or inside the list of those present
            who, role = chaired.group("who").strip(" .;"), chaired.group("role")
            sections.append(_Section("present", None, [f"{who} ({role})"]))
            used.add(index)
            index += 1
            continue
        if current is None and not sections and _UNHEADED_LIST.match(line) and "," in line:
            # "Cllrs A Beaumont, C Dalby (Deputy Mayor), ..." under the title, no heading
            current = _Section("present", None, [line])
            sections.append(current)
            unheaded = current
            used.add(index)
            index += 1
            continue
        if current is unheaded and lines[index - 1] == "" and _OFFICER_LINE.match(line):
            # the officers' block under an unheaded list of councillors: "N Marsden, Town Clerk"
            current = _Section("in_attendance", None, [])
            sections.append(current)
        columns = header_columns(line)
        if columns is not None:
            if current is None:
                current = _Section("present", None, [])
                sections.append(current)
            current.columns = columns if "|" in line else None
            used.add(index)
            index += 1
            continue
        entry = table_entry(line, current.columns) if current and current.columns else None
        if current is not None and entry is not None:
            current.lines.append(entry)
            used.add(index)
            index += 1
            continue
        row = _TABLE_ROW.match(line) or _DASH_ROW.match(line)
        if row and (in_details or current is not None or _looks_tabular(lines, index)):
            sections.append(_table_section(row))
            used.add(index)
            index += 1
            continue
        entry = table_entry(line, NAME_FIRST) if current is not None and "|" in line else None
        if current is not None and entry is not None:
            current.lines.append(entry)  # a table with no header row: name, then post
            used.add(index)
            index += 1
            continue
        wrapped = bool(current and current.lines and _open_bracket(current.lines[-1]))
        if current is not None and (wrapped or _is_entry_line(line)):
            current.lines.append(line)  # "... Councillor D Shaw (Depute" / "Convener); ..."
            used.add(index)
            index += 1
            continue
        current = None
        index += 1
    people: list[ParsedAttendee] = []
    for section in sections:
        people.extend(_section_people(section))
    return dedupe(people + said), used


_CONTINUES = re.compile(r"^(?:were|was|have\s+been|had\s+been|are|is)\s+[a-z]")


def _continuation(lines: list[str], index: int) -> int | None:
    """The line finishing a heading's sentence ("were received from ..."), if the next is one."""
    for later in range(index + 1, min(index + 3, len(lines))):
        if lines[later]:
            return later if _CONTINUES.match(lines[later]) else None
    return None


def _is_sentence_label(line: str) -> bool:
    """ "Apologies for absence were received from ..." is a sentence, handled elsewhere."""
    return bool(APOLOGY_SENTENCE.search(line)) and ":" not in line[:40]


def _dash_rows(text: str) -> list[re.Match[str]]:
    """ "A — Present; B — Apologies": every part a row, else none."""
    rows = [_DASH_ROW.match(part.strip()) for part in text.split(";")]
    return [row for row in rows if row] if all(rows) else []


def _looks_tabular(lines: list[str], index: int) -> bool:
    window = lines[max(0, index - 3) : index + 4]
    return sum(1 for line in window if _TABLE_ROW.match(line) or _DASH_ROW.match(line)) >= 2


def _table_section(row: re.Match[str]) -> _Section:
    raw = " ".join(row.group("status").lower().split())
    raw = {"✓": "present", "✔": "present", "☑": "present"}.get(raw, raw)
    raw = {"✗": "absent", "✘": "absent", "☒": "absent"}.get(raw, raw)  # a tick or a cross
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
    if role and ROLE.match(role):
        name = f"{name} ({role})"
    elif role and (inner := re.search(r"\(([^()]+)\)\s*$", role)) and ROLE.match(inner.group(1)):
        name = f"{name} ({inner.group(1)})"  # "Primary headteacher (Chair)"
    sub_role = SUB_ROLE.match(role) if role else None
    capacity = re.sub(r"\s*\([^()]*\)\s*$", "", role)  # "Primary headteacher (Chair)"
    if capacity and not (ROLE.match(capacity) or sub_role or _OFFICER_ROLE.match(capacity)):
        name = f"{name} ({capacity})"  # the body or post column, kept as the person's note
    if sub_role and status == "present":
        status = "substitute"
        if sub_role.group("who"):
            name = f"{name} (substitute for {sub_role.group('who').strip()})"
    notes = _NOTES_SUB_FOR.search(groups.get("notes") or "")
    sub_for = row.group("for") or (notes.group("who") if notes else None)
    if sub_for:
        status = "substitute"
        name = f"{name} (substitute for {sub_for.strip()})"
    official = status == "in_attendance" and bool(_OFFICER_ROLE.match(role))
    return _Section(status, "official" if official else None, [name])


def _bare_plural(line: str) -> re.Match[str] | None:
    """A line that is only "Councillors" / "County Councillors": a heading for the names below."""
    match = PLURAL_HONORIFIC.match(line.strip())
    return match if match and match.end() >= len(line.strip().rstrip(":")) else None


def _is_entry_line(line: str) -> bool:
    if is_no_one(line) or _bare_plural(line) or re.match(r"^\([^()]{1,60}\)$", line):
        return True
    if SECTION.match(line) or re.match(r"(?i:declarations?|disclosures?)\s+of\b", line):
        return False
    if run_in_group(line):
        return True  # "Secretary of State Members: Mrs E Cardew, Dr M Olowe"
    if re.match(r"^[A-Z][\w -]{1,30}:\s*\d", line):
        return False  # "Publication date: 4 June 2027": a field of the page, not a person
    letters = [ch for ch in line if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) / len(letters) > 0.8 and len(letters) > 12:
        # An upper-case heading ("DECLARATIONS OF INTEREST") ends the list.
        return False
    stripped = forename_first(_BULLET.sub("", line))
    name, _capacity = split_name_capacity(stripped)
    if looks_like_name(name):
        return True
    first = split_list(stripped)
    return bool(first) and looks_like_name(strip_parens(first[0]))


def _joined_entries(section: _Section) -> list[str]:
    """Re-join a list wrapped across lines; keep one-person-per-line lists apart."""
    joined: list[str] = []
    for raw in forenames_first([_BULLET.sub("", raw.strip()) for raw in section.lines]):
        line = columns_apart(forename_first(raw))
        if not line:
            continue
        if (joined and not is_no_one(joined[-1]) and not is_no_one(line)) and (
            re.search(
                r"(?:[,;&]|\band|\b[A-Z]|[,;]\s*(?:Councillor|Cllr\.?|Alderman))$", joined[-1]
            )
            or re.match(r"^(?:and\b|[a-z])|^\([^()]*\)$", line)  # "(Chair)" under the name
            or _open_bracket(joined[-1])
        ):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _open_bracket(line: str) -> bool:
    return line.count("(") > line.count(")")


def _section_people(section: _Section) -> list[ParsedAttendee]:
    entries = _joined_entries(section)
    people: list[ParsedAttendee] = []
    prefix: str | None = None
    role_above: str | None = None
    for raw in entries:
        line = _DASHED_GROUP.sub(r"\g<group> ", raw)  # "Aldermen – R Agnew, S Boyd"
        if group := run_in_group(line):
            prefix = role_above = None
            found = people_from_line(group[1], section.status, section.note, many=True)
            people.extend(labelled(found, group[0]))
            continue
        if ROLE.match(line.strip(" :")):
            role_above = line.strip(" :")  # "Chair" on the line above the name
            continue
        if is_no_one(line) or _SITS_AS.match(line):
            continue
        if line.endswith(":") and not _bare_plural(line):
            prefix = None  # a group's heading inside the list ("Halvern Borough Council:")
            continue
        if role_above and looks_like_name(line) and "(" not in line:
            line = f"{line} ({role_above})"
        role_above = None
        plural = _bare_plural(line)
        if plural:
            prefix = singular(plural)  # "County Councillors" over one name a line
            continue
        parts = line.split("; ")
        if prefix and not HONORIFIC.match(line) and looks_like_name(strip_parens(line)):
            line = f"{prefix} {line}"
        elif prefix and len(parts) > 1 and all(looks_like_name(strip_parens(p)) for p in parts):
            line = "; ".join(f"{prefix} {part}" for part in parts)  # two names in columns
        else:
            prefix = None
        if section.status == "apologies":
            # "Apologies: Apologies for absence were received from X": the sentence names X
            sentence = APOLOGY_SENTENCE.match(line)
            line = apology_clauses(sentence.group("list") if sentence else line)
        if section.status == "substitute":
            line = _SUB_PAIR.sub(r"\g<sub> (substitute for \g<for>)", line)  # "A for B"
        people.extend(people_from_line(line, section.status, section.note, many=len(entries) > 1))
    return people
