"""Actions from the minutes (and added by hand): the queries and commands chat and CLI share.

Commands take the person and the time as inputs and raise ``ActionError``
(one line for the user) on bad input, before changing anything.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.errors import InvalidInput
from storage.models import Action, ActionStatus, AgendaItem, Board, Meeting, Member
from storage.queries import parse_id


class ActionError(InvalidInput):
    """An action command that cannot be done, in one line."""


_REF = re.compile(r"^\s*(?:action\s*)?#?\s*(\d+)\s*$", re.IGNORECASE)


def parse_ref(text: str) -> int | None:
    """ "#12", "12" or "action 12" → 12; anything else → None."""
    match = _REF.match(text)
    return int(match.group(1)) if match else None


def due_date(action: Action) -> dt.date | None:
    """The due date, else the date of the meeting it is due back at."""
    if action.due is not None:
        return action.due
    return action.due_meeting.date if action.due_meeting is not None else None


def _ordered(actions: Iterable[Action]) -> list[Action]:
    """Soonest due first, undated last, then oldest first."""

    def key(action: Action) -> tuple[bool, dt.date, int]:
        due = due_date(action)
        return (due is None, due or dt.date.min, action.id)

    return sorted(actions, key=key)


# What every listing shows beside an action: its board, owner, item and meetings.
_CONTEXT = (
    selectinload(Action.board),
    selectinload(Action.owner),
    selectinload(Action.item),
    selectinload(Action.meeting),
    selectinload(Action.due_meeting),
)


def get_action(session: Session, action_id: int) -> Action:
    """The action numbered ``action_id``; a number no id can be is unknown like any other."""
    action = None if parse_id(action_id) is None else session.get(Action, action_id)
    if action is None:
        raise ActionError(f"there is no action #{action_id}")
    return action


def open_actions_for_member(session: Session, member_id: int) -> list[Action]:
    """The member's own open actions, on every board."""
    return _ordered(
        session.scalars(
            select(Action)
            .options(*_CONTEXT)
            .where(Action.owner_member_id == member_id, Action.status == ActionStatus.OPEN)
        )
    )


def actions_for_boards(
    session: Session, board_ids: Iterable[int], *, include_closed: bool = False
) -> list[Action]:
    """The actions of these boards: open ones, or all of them."""
    query = select(Action).options(*_CONTEXT).where(Action.board_id.in_(list(board_ids)))
    if not include_closed:
        query = query.where(Action.status == ActionStatus.OPEN)
    return _ordered(session.scalars(query))


def actions_due_at(session: Session, meeting_id: int) -> list[Action]:
    """Open actions due back at a meeting: its matters arising."""
    return _ordered(
        session.scalars(
            select(Action)
            .options(*_CONTEXT)
            .where(Action.due_meeting_id == meeting_id, Action.status == ActionStatus.OPEN)
        )
    )


def item_actions(session: Session, item_id: int) -> list[Action]:
    """Every action minuted under an agenda item, open or not, oldest first."""
    return list(
        session.scalars(select(Action).where(Action.item_id == item_id).order_by(Action.id))
    )


def items_deferred_to(session: Session, meeting_id: int) -> list[AgendaItem]:
    """Items an earlier meeting deferred to this one."""
    return list(
        session.scalars(
            select(AgendaItem)
            .options(selectinload(AgendaItem.meeting))
            .where(AgendaItem.deferred_to_meeting_id == meeting_id)
            .order_by(AgendaItem.meeting_id, AgendaItem.position)
        )
    )


def add_action(
    session: Session,
    *,
    board: Board,
    text: str,
    now: dt.datetime,
    by: str,
    owner: Member | None = None,
    owner_text: str | None = None,
    due: dt.date | None = None,
    due_meeting: Meeting | None = None,
) -> Action:
    """A new open action, added by hand (so a re-import never overwrites it)."""
    text = " ".join(text.split())
    if not text:
        raise ActionError("an action needs some text")
    if due_meeting is not None and due_meeting.board_id != board.id:
        raise ActionError(f"that meeting is not a meeting of {board.name}")
    action = Action(
        board=board,
        text=text,
        owner=owner,
        owner_text=owner_text if owner is None else owner.name,
        due=due,
        due_meeting=due_meeting,
        status=ActionStatus.OPEN,
        edited=True,
        created_at=now,
        created_by=by,
    )
    session.add(action)
    session.flush()
    return action


def mark_done(session: Session, action: Action, *, by: str, now: dt.datetime) -> Action:
    """Closes an open action, recording who and when."""
    if action.status != ActionStatus.OPEN:
        raise ActionError(f"action #{action.id} is already {action.status.value}")
    action.status = ActionStatus.DONE
    action.closed_at = now
    action.closed_by = by
    action.edited = True
    session.flush()
    return action


def assign(
    session: Session, action: Action, *, owner: Member | None, owner_text: str | None = None
) -> Action:
    """Gives an action to a member (or to a name not yet a member)."""
    if owner is None and not (owner_text and owner_text.strip()):
        raise ActionError("say who the action is for")
    action.owner = owner
    action.owner_text = owner.name if owner is not None else (owner_text or "").strip()
    action.edited = True
    session.flush()
    return action


def owner_label(action: Action) -> str:
    if action.owner is not None:
        return action.owner.name
    return action.owner_text or "no owner"


def describe(action: Action) -> str:
    """ "#12 Report back on placement stability (Cllr J Walker; due 4 December 2026)"."""
    parts = [owner_label(action)]
    if action.due is not None:
        parts.append(f"due {action.due.day} {action.due:%B %Y}")
    elif action.due_meeting is not None:
        parts.append(f"due back {action.due_meeting.date.day} {action.due_meeting.date:%B %Y}")
    if action.status != ActionStatus.OPEN:
        parts.append(action.status.value)
    return f"#{action.id} {action.text} ({'; '.join(parts)})"
