"""Follow-ups printed as such: "Action: CF to circulate the figures", "Action | Owner | Deadline" rows."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.parsers.followup_dates import ItemContext, at_meeting, due_date, not_before
from ingest.parsers.memo import text_cache
from ingest.parsers.prefilter import Gated, folded
from storage.parsed import ParsedAction

ACTION_LINE = Gated(
    re.compile(
        r"(?:^|\()\s*(?:actions?|action\s+point|ap)\s*(?:\d{1,3}\s*)?[:\-–]\s*(?P<body>[^()]+?)\)?\s*$",
        re.IGNORECASE,
    ),
    # "Action:" or "AP" opening the text, or after a bracket.
    lambda text: "(" in text or folded(text).lstrip().startswith(("action", "ap")),
)
_OWNER_TASK = re.compile(
    r"^(?P<owner>all(?:\s+members)?|(?:the\s+)?[A-Z][\w.'&\-]*(?:\s+(?:of|for|and|[A-Z][\w.'&\-]*)){0,6})"
    r"\s+to\s+(?P<task>\S.*)$"
)
ACTION_HEADER = re.compile(r"^(?:agreed\s+)?actions?(?:\s+(?:agreed|required|points?))?$", re.I)
_ITEM_COLUMN = re.compile(r"^(?:minute|item|agenda\s+item)(?:\s+(?:no\.?|ref\.?|number))?$", re.I)
_OWNER_COLUMN = re.compile(r"^(?:owner|lead|by\s+whom|who|responsib\w*|officer)", re.I)
_DUE_COLUMN = re.compile(r"^(?:deadline|due|by\s+when|when|date|target|timescale)", re.I)


# Every owner ``_OWNER_TO`` knows ends in a capitalised word ("Clerk", "Cllr Adams", "IJ")
# followed by "to" and a lower-case verb: few paragraphs hold that, and finding it is
# cheaper than looking for the owners' names. Possessive: a word not followed by "to" is
# given up at once, not shortened letter by letter.
_CAPITAL_TO = re.compile(r"[A-Z][\w'\-]*+\s++to\s++[a-z]")


# Asked twice of a paragraph that yields a follow-up: whether it is quiet, then for its owners.
@text_cache
def _may_name_owner(text: str) -> bool:
    """Whether ``text`` holds a capitalised word, then "to" and a verb."""
    return _CAPITAL_TO.search(text) is not None


# Parish minutes: "Playing Field Gate – Clerk to obtain two quotations and report back."
_OWNER_TO = Gated(
    re.compile(
        r"(?:^|[–—-]\s+|[.;:]\s+|[•·]\s*)(?:[•·*]\s*)?(?P<owner>(?:[Tt]he\s+)?(?:(?:Town|Parish|Deputy|Assistant)\s+)?"
        r"(?:Clerk|Chair(?:man)?|RFO|Mayor)|(?:Cllr\.?|Councillor)\s+(?:[A-Z]\.?\s+)?[A-Z][\w'\-]+"
        r"|(?-i:[A-Z]{2,3}))"  # "IJ to share the framework": initials in notes of a meeting
        r"\s+to\s+(?P<verb>(?!be\b|have\b)[a-z]+)\b(?P<rest>[^.;]*)"
    ),
    _may_name_owner,
)


def owner_to_clauses(item: ItemContext, paragraph: str) -> list[ParsedAction]:
    """Each "Clerk to <do something>" clause in ``paragraph`` as an action with its owner."""
    return [
        ParsedAction(
            item_position=item.position,
            item_ref=item.ref,
            text=f"{match.group('verb').capitalize()}{match.group('rest').rstrip()}",
            owner=match.group("owner"),
            due=due_date(match.group("rest"), item),
            due_at_meeting=at_meeting(match.group("rest"), item),
            not_before=not_before(match.group("rest")),
            source="action",
        )
        for match in _OWNER_TO.finditer(paragraph)
    ]


def names_owner(paragraph: str) -> bool:
    """Whether ``owner_to_clauses`` finds any clause in ``paragraph``."""
    return _OWNER_TO.search(paragraph) is not None


def is_action_header(cells: list[str]) -> bool:
    """ "Action | Owner | Deadline", or "No. | Action | Owner | Due" with a number column."""
    counter = re.fullmatch(r"(?i:no\.?|ref\.?|#)", cells[0]) or _ITEM_COLUMN.match(cells[0])
    first = 1 if counter and len(cells) > 2 else 0
    return bool(ACTION_HEADER.match(cells[first]))


def from_table_row(item: ItemContext, columns: list[str], cells: list[str]) -> ParsedAction:
    """One row of an "Action | Owner | Deadline" table."""
    owner = next(
        (c for h, c in zip(columns, cells, strict=True) if _OWNER_COLUMN.match(h) and c), None
    )
    due = next((c for h, c in zip(columns, cells, strict=True) if _DUE_COLUMN.match(h) and c), "")
    task = next(
        (c for h, c in zip(columns, cells, strict=True) if ACTION_HEADER.match(h)), cells[0]
    ).rstrip(" .")
    # "Minute | Action | Responsible | Deadline": the row names its item (parse re-homes it)
    named = cells[0] if _ITEM_COLUMN.match(columns[0]) and cells[0] else None
    return ParsedAction(
        item_position=item.position,
        item_ref=named or item.ref,
        text=task[:1].upper() + task[1:],
        owner=owner,
        due=due_date(f"by {due}", item) if due else None,
        source="action",
    )


def from_action_line(item: ItemContext, body: str, paragraph: str) -> ParsedAction:
    body = body.strip(" .")
    owner: str | None = None
    task = body
    owned = _OWNER_TASK.match(body)
    if owned and len(owned.group("owner")) <= 60:
        owner, task = owned.group("owner").strip(), owned.group("task").strip()
    elif paragraph.strip().endswith(")") and paragraph.find("(") > 0:
        # "... circulate the figures (Action: CF)": the sentence is the task, CF the owner.
        owner, task = body, paragraph[: paragraph.rfind("(")].strip()
    owner_field = re.search(r"\bowner\s*:\s*(?P<who>[^,;]+)", body, re.IGNORECASE)
    if owner_field:
        owner = owner_field.group("who").strip()
        task = task[: owner_field.start()].strip(" -–,;")
    task = re.sub(r"^feedback\b", "Feed back", task, flags=re.IGNORECASE)
    task = task[:1].upper() + task[1:]
    return ParsedAction(
        item_position=item.position,
        item_ref=item.ref,
        text=task.rstrip(" .") or body,
        owner=owner,
        due=due_date(body, item),
        due_at_meeting=at_meeting(body, item),
        not_before=not_before(body),
        source="action",
    )


def owner_only(body: str, found: list[tuple[str, ParsedAction]]) -> bool:
    """ "Action: Professor Reid" under a resolution names who carries out its follow-up."""
    body = body.strip(" .")
    words = body.split()
    if not found or found[-1][1].owner or not 0 < len(words) <= 5:
        return False
    if any(w[0].islower() and w not in {"of", "for", "and", "the"} for w in words):
        return False
    verb, action = found[-1]
    found[-1] = (verb, replace(action, owner=body))
    return True
