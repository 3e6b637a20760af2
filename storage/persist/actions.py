"""Import steps for actions: matched by origin key or wording, status and clerk edits kept."""

from __future__ import annotations

import hashlib
import re

from rapidfuzz import fuzz
from sqlalchemy import and_, bindparam, or_, select

from storage.member_match import MemberDirectory, Person
from storage.models import Action, Meeting
from storage.names import match_key
from storage.parsed import ParsedAction
from storage.persist.base import IMPORTED_BY, StoredItem, WriterBase, cut, fold, ref

# The actions these keys name and the meeting's earlier imported ones, in one query.
_KNOWN_ACTIONS = (
    select(Action)
    .where(
        or_(
            Action.origin_key.in_(bindparam("keys", expanding=True)),
            and_(Action.meeting_id == bindparam("meeting"), Action.origin_key.is_not(None)),
        )
    )
    .order_by(Action.id)
)


class ActionSteps(WriterBase):
    def actions(self, meeting: Meeting, items: list[StoredItem]) -> int:
        parsed_actions = list(self.parsed.actions)
        if not parsed_actions:
            return 0
        keys = [self._origin_key(a) for a in parsed_actions]
        found = list(self.session.scalars(_KNOWN_ACTIONS, {"keys": keys, "meeting": meeting.id}))
        keyset = set(keys)
        known = {row.origin_key: row for row in found if row.origin_key in keyset}
        earlier = [
            row
            for row in found
            if meeting.id is not None
            and row.meeting_id == meeting.id
            and row.origin_key is not None
        ]
        claimed: set[int] = set()
        owners = self.directory()
        for parsed_action, key in zip(parsed_actions, keys, strict=True):
            item = (
                items[parsed_action.item_position]
                if parsed_action.item_position < len(items)
                else None
            )
            free = [r for r in earlier if id(r) not in claimed]
            row = known.get(key) if id(known.get(key)) not in claimed else None
            row = row or _similar_action(parsed_action, item, free)
            if row is None:
                due_meeting = (
                    self.scheduled_meeting(parsed_action.due_at_meeting)
                    if parsed_action.due_at_meeting is not None
                    else None
                )
                self.add_later(
                    Action,
                    board_id=self.board.id,
                    meeting_id=meeting,
                    item_id=item.id if item is not None else None,
                    origin_key=key,
                    created_by=IMPORTED_BY,
                    text=parsed_action.text,
                    owner_text=cut(parsed_action.owner, 200),
                    owner_member_id=ref(self._owner(owners, parsed_action)),
                    due=parsed_action.due,
                    not_before=parsed_action.not_before,
                    due_meeting_id=due_meeting,
                )
                continue
            claimed.add(id(row))
            if row.edited:
                continue  # a clerk's edit outlives any re-import
            row.origin_key = key
            row.item_id = item.id if item is not None else None
            row.text = parsed_action.text
            row.owner_text = cut(parsed_action.owner, 200)
            owner = self._owner(owners, parsed_action)
            if owner is not None and owner.member is not None:
                row.owner = owner.member
            else:
                row.owner_member_id = owner.member_id if owner is not None else None
            row.due = parsed_action.due
            row.not_before = parsed_action.not_before
            if parsed_action.due_at_meeting is not None:
                row.due_meeting = self.scheduled_meeting(parsed_action.due_at_meeting)
        return len(parsed_actions)

    def _owner(self, owners: MemberDirectory, action: ParsedAction) -> Person | None:
        owner = action.owner
        if not owner or not action.owner_is_person:
            return None
        return owners.resolve(owner, match_key(owner), create=False)

    def _origin_key(self, action: ParsedAction) -> str:
        """Stable identity of an imported action: board, meeting, item and what it asks for."""
        words = " ".join(re.findall(r"[a-z0-9]+", action.text.lower())[:12])
        raw = f"{self.board.id}|{self.parsed.date.isoformat()}|{fold(action.item_ref)}|{words}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _similar_action(
    parsed: ParsedAction, item: StoredItem | None, candidates: list[Action]
) -> Action | None:
    """The stored action a reworded follow-up stands for (same item, nearly the same text)."""
    best: tuple[float, Action] | None = None
    for row in candidates:
        if item is not None and row.item_id is not None and row.item_id != item.id:
            continue
        score = fuzz.token_set_ratio(fold(parsed.text), fold(row.text))
        if score >= 85 and (best is None or score > best[0]):
            best = (score, row)
    return best[1] if best else None
