"""Follow-ups printed as such: "Action: CF to circulate the figures", "Action | Owner | Deadline" rows."""

from __future__ import annotations

import re

from storage.importers.followup_dates import ItemContext, at_meeting, due_date, not_before
from storage.importers.model import ParsedAction

ACTION_LINE = re.compile(
    r"(?:^|\()\s*(?:actions?|action\s+point|ap)\s*(?:\d{1,3}\s*)?[:\-–]\s*(?P<body>[^()]+?)\)?\s*$",
    re.IGNORECASE,
)
_OWNER_TASK = re.compile(
    r"^(?P<owner>all(?:\s+members)?|(?:the\s+)?[A-Z][\w.'&\-]*(?:\s+(?:of|for|and|[A-Z][\w.'&\-]*)){0,6})"
    r"\s+to\s+(?P<task>\S.*)$"
)
ACTION_HEADER = re.compile(r"^(?:agreed\s+)?actions?(?:\s+(?:agreed|required|points?))?$", re.I)
_OWNER_COLUMN = re.compile(r"^(?:owner|lead|by\s+whom|who|responsib\w*|officer)", re.I)
_DUE_COLUMN = re.compile(r"^(?:deadline|due|by\s+when|when|date|target|timescale)", re.I)


def from_table_row(item: ItemContext, columns: list[str], cells: list[str]) -> ParsedAction:
    """One row of an "Action | Owner | Deadline" table."""
    owner = next(
        (c for h, c in zip(columns, cells, strict=True) if _OWNER_COLUMN.match(h) and c), None
    )
    due = next((c for h, c in zip(columns, cells, strict=True) if _DUE_COLUMN.match(h) and c), "")
    task = cells[0].rstrip(" .")
    return ParsedAction(
        item_position=item.position,
        item_ref=item.ref,
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
