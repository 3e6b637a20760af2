"""One attendance entry as printed → a person with a status, role, substitute and reason.

"Councillor M Carr (Chair)", "J. Okafor - Head of Service" and "Councillors A, B and C"
all come here; lists and sentences only find the entries (attendance.py, apologies.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from storage.directory import HONORIFIC, match_key
from storage.importers.model import AttendanceStatus, BoardRole, ParsedAttendee
from storage.importers.people import (
    GROUP_LABEL,
    PLURAL_HONORIFIC,
    counts_the_public,
    is_no_one,
    is_post,
    looks_like_name,
    shape,
    split_list,
    split_name_capacity,
)

ROLE = re.compile(
    r"^(?P<vice>vice[\s-]*|deputy\s+|depute\s+)?(?:chair(?:man|woman|person)?|in\s+the\s+chair|"
    r"conven[eo]r)(?:\s*[,;]\s*(?:and\s+)?in\s+the\s+chair)?$"
    r"|^[\w' ]{3,40},\s*in\s+the\s+chair$",  # "(Town Mayor, in the Chair)"
    re.I,
)
_CO_OPTED = re.compile(r"^co-?opted(?:\s+member)?$", re.IGNORECASE)
_SUB_FOR = re.compile(
    r"^(?:as\s+)?(?:substitut(?:e|ing)|sub|deputising|in\s+place)(?:\s+(?:member\s+)?(?:for|of))?"
    r"\s*:?\s*(?P<who>.*)$",
    re.IGNORECASE,
)
# A role printed for a substitute: "Reserve", "Substitute Member", "Named substitute for Cllr X".
SUB_ROLE = re.compile(
    r"^(?:named\s+)?(?:reserve|substitute)(?:\s+(?:member|councillor))?"
    r"(?:\s+(?:for|of)\s+(?P<who>.+))?$",
    re.IGNORECASE,
)
SUB_BY = re.compile(
    r"^(?:substitute(?:d\s+by)?\s*:?|sub\s*:|replaced\s+by|substitution\s*:)\s*(?P<who>.+)$"
    r"|^(?P<who2>.+?)\s+(?:substituting|substituted|deputised|deputising|"
    r"(?:attend(?:ed|ing)|sat|was\s+present)\s+as\s+(?:a\s+|the\s+)?substitute|"
    r"as\s+(?:a\s+)?substitute)"
    r"(?:\s+(?:for|of)\s+(?P<for>.+))?$",
    re.IGNORECASE,
)
# Words that make a bracket after an apology its reason ("(unwell)", "(work commitments)").
_REASON_WORDS = re.compile(
    r"(?-i:^[a-z])|\b(?:unwell|ill|illness|sick|sickness|leave|holiday|work|commitments?|personal|family|"
    r"bereave\w*|medical|hospital|appointment|business|clash|travel\w*|caring|childcare|"
    r"maternity|paternity|isolating|covid)\b",
    re.IGNORECASE,
)
REASON_SPLIT = re.compile(r"\s+[-–—]\s+|\s*[-–—]\s*(?=[a-z])")


def strip_parens(text: str) -> str:
    return re.sub(r"\s*\([^()]*\)", "", text).strip()


# "Cynghorydd / Councillor A Bevan": the Welsh honorific before the English one.
_BILINGUAL_HONORIFIC = re.compile(
    r"\b[\w'’]+\s*/\s*(?=(?:(?:County|City|Borough|Town)\s+)?(?:Councillor|Cllr|Mr|Mrs|Ms|Dr)\b)"
)
# "Director of Environment (Mr X Young)": a post with the holder's name in brackets.
_POST_THEN_NAME = re.compile(
    r"(?P<post>\b[A-Z][^;,()|]{2,80}?)\s*\((?P<name>(?:Mr|Mrs|Ms|Miss|Mx|Dr|Councillor|Cllr)\.?"
    r"\s+[^()]{2,60})\)"
)


def _name_then_post(match: re.Match[str]) -> str:
    post, name = match.group("post").strip(), match.group("name").strip()
    if is_post(post) and looks_like_name(name) and not looks_like_name(post):
        return f"{name} ({post})"
    return match.group(0)


def people_from_line(
    line: str, status: AttendanceStatus, note: str | None, *, many: bool
) -> list[ParsedAttendee]:
    if is_no_one(strip_parens(line)):
        return []  # "One member of the public", "None"
    line = GROUP_LABEL.sub("", _BILINGUAL_HONORIFIC.sub("", line))
    line = _POST_THEN_NAME.sub(_name_then_post, line)
    parens = "".join(f" ({inner})" for inner in re.findall(r"\(([^()]*)\)", line))
    name, capacity = split_name_capacity(strip_parens(line))
    head = re.split(r"\s[-–—]\s", line, maxsplit=1)
    single = len(head) == 2 and (
        looks_like_name(head[0]) or (capacity == head[0].strip() and looks_like_name(name))
    )
    if single or (many and capacity and "," not in name and not _list_like(line)):
        return [attendee(name + parens, status, note, capacity)]
    if capacity and line.count(",") == 1 and _ORGANISATION.search(capacity):
        # "Neil Robson, Integrated Care Board" alone under "Apologies": one person, their body
        return [attendee(name + parens, status, note, capacity)]
    people: list[ParsedAttendee] = []
    for entry in distribute_honorifics(_merge_capacity_parts(split_list(line))):
        bare = strip_parens(entry)
        if "," in bare:
            name, capacity = split_name_capacity(bare)
            inner = "".join(f" ({p})" for p in re.findall(r"\(([^()]*)\)", entry))
            people.append(attendee(name + inner, status, note, capacity))
        else:
            people.append(attendee(entry, status, note, None))
    return people


_ORGANISATION = re.compile(
    r"\b(?:board|trust|police|service|authority|agency|partnership|healthwatch|probation|nhs)$",
    re.IGNORECASE,
)


def _list_like(line: str) -> bool:
    parts = split_list(line)
    return len(parts) > 1 and all(looks_like_name(strip_parens(p)) for p in parts)


def _merge_capacity_parts(parts: list[str]) -> list[str]:
    """ "Director of Culture, Communities & Communications": the comma is not a new person."""
    merged: list[str] = []
    for part in parts:
        bare = strip_parens(part)
        if counts_the_public(bare):
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


def singular(plural: re.Match[str]) -> str:
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
            prefix = singular(plural)
            rest = part[plural.end() :]
            first_shape = shape(strip_parens(rest))
            out.append(f"{prefix} {rest}".strip())
            continue
        if prefix and not HONORIFIC.match(part) and shape(strip_parens(part)) == first_shape:
            out.append(f"{prefix} {part}")
            continue
        prefix = None
        out.append(part)
    return out


def attendee(
    entry: str, status: AttendanceStatus, note: str | None, capacity: str | None
) -> ParsedAttendee:
    role: BoardRole | None = None
    role_printed: str | None = None
    substitute_for: str | None = None
    reason: str | None = None
    extra: list[str] = []
    for inner in re.findall(r"\(([^()]*)\)", entry):
        inner = inner.strip()
        role_match = ROLE.match(inner.rsplit("/", 1)[-1].strip())  # "(Cadeirydd / Chair)"
        sub_role = SUB_ROLE.match(inner)
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
        elif status == "apologies" and (_REASON_WORDS.search(inner) or SUB_BY.match(inner)):
            # A substitute named here is split out by the caller (see _apology_entries).
            reason = inner
        else:
            if _CO_OPTED.match(inner) and role_printed is None:
                role_printed = inner  # printed with the name, like "(Chair)"; the note keeps it too
            extra.append(inner)
    name = strip_parens(entry).strip(" ,.;:")
    if capacity:
        role_match = ROLE.match(capacity)
        if role_match:
            role = "vice-chair" if role_match.group("vice") else "chair"
            role_printed = capacity
        elif SUB_ROLE.match(capacity) and status != "apologies":
            status = "substitute"
            who = SUB_ROLE.match(capacity).group("who")  # type: ignore[union-attr]
            substitute_for = who.strip() if who else substitute_for
        elif status == "apologies" and _REASON_WORDS.search(capacity):
            reason = capacity
        else:
            extra.insert(0, capacity)
    elif status == "apologies":
        parts = REASON_SPLIT.split(name, maxsplit=1)
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


def dedupe(people: list[ParsedAttendee]) -> list[ParsedAttendee]:
    """One row per person; a later, more specific status (substitute) wins over present."""
    seen: dict[str, int] = {}
    out: list[ParsedAttendee] = []
    for person in people:
        if not person.match_key or is_no_one(person.name):
            continue
        key = person.match_key
        if key not in seen and person.status == "substitute":
            key = _surname_twin(key, seen, out)
        if key in seen:
            index = seen[key]
            kept = out[index]
            if len(person.match_key) > len(kept.match_key) and kept.status == "substitute":
                out[index] = replace(
                    person, substitute_for=person.substitute_for or kept.substitute_for
                )
            elif person.role and not kept.role and person.status == kept.status:
                out[index] = replace(
                    kept, role=person.role, role_as_printed=person.role_as_printed
                )  # "Chairman: Councillor A Ash" after the list that names A Ash
            elif person.status == "substitute" and kept.status in ("present", "in_attendance"):
                fuller = kept if len(kept.match_key) > len(person.match_key) else person
                out[index] = replace(
                    person,
                    name=fuller.name,
                    match_key=fuller.match_key,
                    role=kept.role or person.role,
                    role_as_printed=kept.role_as_printed or person.role_as_printed,
                )
            continue
        seen[key] = len(out)
        out.append(person)
    return out


def _surname_twin(key: str, seen: dict[str, int], out: list[ParsedAttendee]) -> str:
    """A substitute named by surname only ("Councillor Kettlewell substituting") is the one
    already listed with initials ("Councillor S Kettlewell"), and the other way round."""
    for other, index in seen.items():
        short, full = sorted((key, other), key=len)
        if (
            out[index].status in ("substitute", "present")
            and " " not in short
            and full.endswith(" " + short)
        ):
            return other
    return key
