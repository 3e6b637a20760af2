"""A clerk's edit of an action from the console: owner, due date and status in one change.

Returns each field that changed as (before, after), for the audit entry. The
row is the one chat's ``/actions`` and the reminders read, so the change shows
there at once; ``edited`` keeps a re-import of the minutes from undoing it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from storage.actions import ActionError, assign, owner_label
from storage.models import Action, ActionStatus, Member

Changes = dict[str, tuple[str | None, str | None]]


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def edit_action(
    session: Session,
    action: Action,
    *,
    owner: Member | None,
    owner_text: str | None,
    due: dt.date | None,
    status: ActionStatus,
    by: str,
    now: dt.datetime,
) -> Changes:
    """Set the action's owner (a member, or a name that is not one), due date and status.

    Closing records who and when; reopening clears it.
    """
    changed: Changes = {}
    before_owner = owner_label(action)
    wanted = owner.name if owner is not None else " ".join((owner_text or "").split())
    if not wanted and (action.owner_member_id is not None or action.owner_text):
        raise ActionError("say who the action is for")
    relinked = owner is not None and owner.id != action.owner_member_id
    if wanted and (wanted != before_owner or relinked):
        assign(session, action, owner=owner, owner_text=wanted)
        changed["owner"] = (before_owner, owner_label(action))
    if due != action.due:
        changed["due"] = (_day(action.due), _day(due))
        action.due = due
    if status != action.status:
        changed["status"] = (action.status.value, status.value)
        action.status = status
        if status == ActionStatus.OPEN:
            action.closed_at = action.closed_by = None
        else:
            action.closed_at, action.closed_by = now, by
    if changed:
        action.edited = True
        session.flush()
    return changed
