"""One attendance entry as printed → a person with a status, role, substitute and reason.

"Councillor M Carr (Chair)", "J. Okafor - Head of Service" and "Councillors A, B and C"
all come here; lists and sentences only find the entries (attendance.py, apologies.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.parsers.people import (
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
from ingest.parsers.prefilter import folded
from storage.names import HONORIFIC, match_key
from storage.parsed import AttendanceStatus, BoardRole, ParsedAttendee

ROLE = re.compile(
    r"^(?:independent\s+)?(?P<vice>vice[\s-]*|deputy\s+|depute\s+|leas-?)?(?:chair(?:man|woman|person)?|in\s+the\s+chair|"
    r"conven[eo]r|ch?athaoirleach)(?:\s*[,;]\s*(?:and\s+)?in\s+the\s+chair)?$"
    r"|^[\w' ]{3,40},\s*in\s+the\s+chair$",  # "(Town Mayor, in the Chair)"
    re.I,
)
# A town's Mayor chairs its council; the Deputy Mayor stands in (see mayors_preside).
# What each pair of brackets in a line holds ("(Chair)", "(substitute for B)").
_BRACKETED = re.compile(r"\(([^()]*)\)")
_MAYOR = re.compile(r"^(?P<vice>deputy\s+)?(?:(?:town|city|lord)\s+)?mayor$", re.IGNORECASE)
_CLERK_POST = re.compile(
    r"^governance\s+(?:professional|officer|lead)$|"  # an academy's or charity's clerk
    r"^(?:(?:deputy|assistant|town|parish|community|city|council)\s+)?clerk"
    r"(?:\s*(?:/|&|and)\s*(?:rfo|responsible\s+financial\s+officer)|\s+to\s+(?:the\s+)?\w+)?$",
    re.IGNORECASE,
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
# "Cllr X substituting for Cllr Y" printed among those present.
_SITTING_FOR = re.compile(
    r"^(?P<who>.+?)\s+(?:substituting|deputising|sitting|attending\s+as\s+(?:a\s+)?substitute)"
    r"\s+(?:for|in\s+place\s+of)\s+(?P<for>.+)$",
    re.IGNORECASE,
)
# "(for Councillor Y)" after a name under a "Substitute Members" heading.
_FOR = re.compile(r"^(?:for|in\s+place\s+of)\s+(?P<who>.+)$", re.IGNORECASE)
# Words that make a bracket after an apology its reason ("(unwell)", "(work commitments)").
_REASON_WORDS = re.compile(
    r"(?-i:^[a-z])|\b(?:unwell|ill|illness|sick|sickness|leave|holiday|work|commitments?|personal|family|"
    r"bereave\w*|medical|hospital|appointment|business|clash|travel\w*|caring|childcare|"
    r"maternity|paternity|isolating|covid)\b",
    re.IGNORECASE,
)
REASON_SPLIT = re.compile(r"\s+[-–—]\s+|\s*[-–—]\s*(?=[a-z])")


_PARENS = re.compile(r"\s*\([^()]*\)")


def strip_parens(text: str) -> str:
    return (_PARENS.sub("", text) if "(" in text else text).strip()


# "Cynghorydd / Councillor A Bevan": the Welsh honorific before the English one.
_BILINGUAL_HONORIFIC = re.compile(
    r"\b[\w'’]+\s*/\s*(?=(?:(?:County|City|Borough|Town)\s+)?(?:Councillor|Cllr|Mr|Mrs|Ms|Dr)\b)"
)
# "Director of Environment (Mr X Young)": a post with the holder's name in brackets.
_POST_THEN_NAME = re.compile(
    r"(?P<post>\b[A-Z][^;,()|]{2,80}?)\s*\((?P<name>(?:Mr|Mrs|Ms|Miss|Mx|Dr|Councillor|Cllr)\.?"
    r"\s+[^()]{2,60})\)"
)

_POST_COMMA_NAME = re.compile(
    r"^(?P<post>[A-Z][^,;()|]{2,80}),\s*(?P<name>(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr)\.?\s+"
    r"[^,;()|]{2,60})$"
)
# "Clerk/RFO Mrs M Davies", "RFO Clive Baker": a parish officer's post printed before the name.
_CLERK_FIRST = re.compile(
    r"^(?P<post>(?:(?:Town|Parish|Deputy|Assistant)\s+)?(?:Clerk|RFO)(?:\s*(?:/|and|&)\s*RFO)?)"
    r"\s+(?P<name>(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){1,3})$"
)

_ROLE_AFTER_INITIALS = re.compile(
    r"(?P<i>\([A-Z]{2,3}\))\s+(?P<role>(?:(?i:vice|deputy)[\s-]?)?(?i:chair)\w*)$"
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
    line = _BILINGUAL_HONORIFIC.sub("", line)
    if group := GROUP_LABEL.match(line):  # "Young Ambassadors Leah and Tom": the label is a note
        line = line[group.end() :]
        labelled = people_from_line(line, status, note, many=many)
        label = " ".join(group.group(0).split())
        return [replace(p, note="; ".join(filter(None, (p.note, label)))) for p in labelled]
    line = _POST_THEN_NAME.sub(_name_then_post, line)
    if (post_comma := _POST_COMMA_NAME.match(line.strip())) and is_post(post_comma["post"]):
        line = f"{post_comma['name']} ({post_comma['post']})"  # "Cabinet Member for X, Cllr Y"
    line = _ROLE_AFTER_INITIALS.sub(r"\g<i> (\g<role>)", line.strip())  # "Gemma Holt (GH) Chair"
    line = _CLERK_FIRST.sub(lambda m: f"{m.group('name')} ({m.group('post')})", line.strip())
    parens = "".join(f" ({inner})" for inner in _BRACKETED.findall(line))
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
    for raw in distribute_honorifics(_merge_capacity_parts(split_list(line))):
        entry = _ROLE_AFTER_INITIALS.sub(r"\g<i> (\g<role>)", raw.strip())
        bare = strip_parens(entry)
        if "," in bare:
            name, capacity = split_name_capacity(bare)
            inner = "".join(f" ({p})" for p in _BRACKETED.findall(entry))
            people.append(attendee(name + inner, status, note, capacity))
        else:
            people.append(attendee(entry, status, note, None))
    return people


# What follows "Name," when it is the person's body or post, not a second person.
_ORGANISATION = re.compile(
    r"\b(?:board|trust|police|service|authority|agency|partnership|healthwatch|probation|nhs|"
    r"voluntary|action|university|college|hospital|foundation|charity|association|society|"
    r"(?:non-?)?executive\s+member|officer|director|manager|secretary|representative|"
    r"administrator|co-?ordinator|adviser|advisor|solicitor|accountant|engineer|planner)\b",
    re.IGNORECASE,
)


def _list_like(line: str) -> bool:
    parts = split_list(line)
    return (
        len(parts) > 1
        and all(looks_like_name(strip_parens(p)) for p in parts)
        and not any(
            _ORGANISATION.search(strip_parens(p)) or ROLE.match(strip_parens(p)) for p in parts[1:]
        )
    )


# No person and their post run this long: past it, the commas separate people.
_LONGEST_ENTRY = 120


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
            and not HONORIFIC.match(bare)  # "Councillor X" starts a person, whatever X is
        ):
            merged[-1] = f"{merged[-1]}, {part}"
        else:
            merged.append(part)
    if any(len(entry) > _LONGEST_ENTRY for entry in merged):
        # Names the reader does not know ("Member7 Surname7"): the commas separate people.
        return [part for part in parts if not counts_the_public(strip_parens(part))]
    return merged


def singular(plural: re.Match[str]) -> str:
    """ "County Councillors" → "County Councillor", keeping the printed case."""
    word = plural.group("word")
    singular = {
        "councillors": "Councillor",
        "cllrs": "Cllr",
        "aldermen": "Alderman",
        "bailies": "Bailie",
        "baillies": "Baillie",
    }[folded(word)]  # "Councıllorſ": the pattern matched ignoring case, which takes "ı" for "i"
    return f"{plural.group('prefix')}{singular.upper() if word.isupper() else singular}"


_CIVIL = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s")


def distribute_honorifics(parts: list[str]) -> list[str]:
    """ "Councillors M Carr, J Brunton Dobson" → each "Councillor ..."; stops at a different shape."""
    out: list[str] = []
    prefix: str | None = None
    first_shape: str | None = None
    civil = False  # "Councillors Mr A Bell, Mrs C Dean": each a councillor with a title
    for part in parts:
        plural = PLURAL_HONORIFIC.match(part)
        if plural:
            prefix = singular(plural)
            rest = part[plural.end() :]
            first_shape = shape(strip_parens(rest))
            civil = bool(_CIVIL.match(rest))
            out.append(f"{prefix} {rest}".strip())
            continue
        if prefix and civil and _CIVIL.match(part):
            out.append(f"{prefix} {part}")
            continue
        if prefix and not HONORIFIC.match(part) and shape(strip_parens(part)) == first_shape:
            out.append(f"{prefix} {part}")
            continue
        prefix = None
        out.append(part)
    return out


def _idle_reserve(text: str, sub_role: re.Match[str], status: AttendanceStatus) -> bool:
    """ "Also present: Councillor S Kellett (Reserve Member)": a reserve who attended without
    sitting for anyone is in attendance, not a substitute."""
    return status == "in_attendance" and not sub_role.group("who") and "reserve" in text.lower()


def attendee(
    entry: str, status: AttendanceStatus, note: str | None, capacity: str | None
) -> ParsedAttendee:
    role: BoardRole | None = None
    role_printed: str | None = None
    substitute_for: str | None = None
    reason: str | None = None
    extra: list[str] = []
    for inner in _BRACKETED.findall(entry):
        inner = inner.strip()
        # "(Cadeirydd / Chair)", "(Leader of the Council, Chair)"
        role_match = ROLE.match(inner.rsplit("/", 1)[-1].strip()) or ROLE.match(
            inner.rsplit(",", 1)[-1].strip()
        )
        sub_role = SUB_ROLE.match(inner)
        sub_for = _SUB_FOR.match(inner)
        mayor = _MAYOR.match(inner)
        if role_match or mayor:
            role = "vice-chair" if (role_match or mayor).group("vice") else "chair"  # type: ignore[union-attr]
            role_printed = inner
        elif sub_role and status != "apologies" and not _idle_reserve(inner, sub_role, status):
            status = "substitute"
            substitute_for = (sub_role.group("who") or "").strip() or substitute_for
        elif sub_for and status != "apologies":
            status = "substitute"
            substitute_for = sub_for.group("who").strip() or None
        elif status == "substitute" and (sat_for := _FOR.match(inner)):
            substitute_for = sat_for.group("who").strip()  # "Substitute Members: X (for Y)"
        elif status == "apologies" and (_REASON_WORDS.search(inner) or SUB_BY.match(inner)):
            # A substitute named here is split out by the caller (see _apology_entries).
            reason = inner
        else:
            if _CO_OPTED.match(inner) and role_printed is None:
                role_printed = inner  # printed with the name, like "(Chair)"; the note keeps it too
            extra.append(inner)
    name = strip_parens(entry).strip(" ,.;:")
    sitting = _SITTING_FOR.match(name) if status in ("present", "in_attendance") else None
    if sitting:  # "Cllr X substituting for Cllr Y" in a list of those present
        name, status = sitting.group("who").strip(), "substitute"
        substitute_for = sitting.group("for").strip()
    if capacity:
        role_match = ROLE.match(capacity)
        if role_match:
            role = "vice-chair" if role_match.group("vice") else "chair"
            role_printed = capacity
        elif (cap_sub := SUB_ROLE.match(capacity)) and status != "apologies":
            if _idle_reserve(capacity, cap_sub, status):
                extra.insert(0, capacity)
            else:
                status = "substitute"
                who = cap_sub.group("who")
                substitute_for = who.strip() if who else substitute_for
        elif status == "apologies" and _REASON_WORDS.search(capacity):
            reason = capacity
        else:
            extra.insert(0, capacity)
    elif status == "apologies":
        parts = REASON_SPLIT.split(name, maxsplit=1)
        if len(parts) == 2 and looks_like_name(parts[0]):
            name, reason = parts[0].strip(), parts[1].strip(" .")
    if note is None and status == "in_attendance" and any(_CLERK_POST.match(e) for e in extra):
        note = "official"  # "In attendance: Mrs K Lowther (Clerk)": the council's own officer
    elif note is None and status == "in_attendance" and is_post(name) and not looks_like_name(name):
        note = "official"  # "In attendance: Chief Finance Officer": an officer named by post
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


def mayors_preside(people: list[ParsedAttendee]) -> list[ParsedAttendee]:
    """The Mayor holds the chair only when no one else is printed as chair or vice-chair
    (a Mayor sitting on a committee with its own Chair is a member); an "In the Chair:"
    line outranks a post ("Independent Chair") printed beside another name."""
    mayors = [p for p in people if p.role and _MAYOR.match(p.role_as_printed or "")]
    others = {p.role for p in people if p.role and p not in mayors}
    people = [replace(p, role=None) if p in mayors and others else p for p in people]
    presiding = any(_IN_THE_CHAIR.match(p.role_as_printed or "") for p in people)
    return [
        replace(p, role=None)
        if presiding and p.role == "chair" and not _IN_THE_CHAIR.match(p.role_as_printed or "")
        else p
        for p in people
    ]


_IN_THE_CHAIR = re.compile(r"(?:.*[,;]\s*)?in\s+the\s+chair$", re.IGNORECASE)


def dedupe(people: list[ParsedAttendee]) -> list[ParsedAttendee]:
    """One row per person; a later, more specific status (substitute) wins over present."""
    seen: dict[str, int] = {}
    out: list[ParsedAttendee] = []
    for person in people:
        if not person.match_key or is_no_one(person.name) or len(person.name) > _LONGEST_ENTRY:
            continue  # a run of words that long is no one's name (coverage names it unplaced)
        key = person.match_key
        if key not in seen and person.status == "substitute":
            key = _surname_twin(key, seen, out)
        elif key not in seen and " " not in key:
            # "Apologies ... from Cllr Cartwright" after the grid's "Cllr O Cartwright  A"
            key = _surname_twin(key, seen, out, same=person.status)
            if key not in seen and person.status == "apologies":
                key = _surname_twin(key, seen, out, same="absent")
        if key in seen:
            index = seen[key]
            kept = out[index]
            if kept.status == "absent" and person.status == "apologies":
                # the grid's cross, then the apologies item names them: they sent apologies
                out[index] = replace(kept, status="apologies", reason=person.reason)
                continue
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


def _surname_twin(
    key: str, seen: dict[str, int], out: list[ParsedAttendee], same: str | None = None
) -> str:
    """A substitute named by surname only ("Councillor Kettlewell substituting") is the one
    already listed with initials ("Councillor S Kettlewell"), and the other way round."""
    for other, index in seen.items():
        short, full = sorted((key, other), key=len)
        if (
            (out[index].status == same if same else out[index].status in ("substitute", "present"))
            and " " not in short
            and full.endswith(" " + short)
        ):
            return other
    return key
