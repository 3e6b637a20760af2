"""The actions of the viewer's boards: filtered by board, owner, status and overdue, a page
at a time, overdue ones highlighted; the clerk changes owner, due date and status, and a
chair may mark one done.

Each change writes the same row chat's ``/actions`` reads, so it shows there at once,
and an audit entry with the fields before and after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import jinja2
from aiohttp import web
from sqlalchemy.orm import Session

from bot.web.console.auth import Viewer
from bot.web.console.forms import FormError, audit, date_field, number
from bot.web.console.paging import PER_PAGE, page_number, pager
from storage.actions import ActionError, get_action, mark_done
from storage.boards import boards_by_name, role_holders
from storage.console_actions import edit_action
from storage.console_lists import action_owners, actions_page
from storage.models import Action, ActionStatus, Member

STATUSES = ("open", "done", "dropped", "all")


def _today(boards_tz: dt.tzinfo, now: dt.datetime) -> dt.date:
    return now.astimezone(boards_tz).date()


def actions_list(
    env: jinja2.Environment,
    session: Session,
    viewer: Viewer,
    query: Mapping[str, str],
    now: dt.datetime,
) -> str:
    """Actions of the viewer's boards, soonest due first; overdue ones tagged."""
    boards = boards_by_name(session, viewer.board_ids)
    board_ids = set(viewer.board_ids)
    chosen_board = query.get("board", "")
    if chosen_board:
        board_ids &= {number(chosen_board)}
    status_text = query.get("status", "open") or "open"
    if status_text not in STATUSES:
        raise web.HTTPBadRequest(text="Unknown status.")
    owner = query.get("owner", "")
    overdue = query.get("overdue") == "yes"
    today = _today(boards[0].tz if boards else dt.UTC, now)
    page = page_number(query)
    found = actions_page(
        session,
        board_ids,
        status=None if status_text == "all" else ActionStatus(status_text),
        owner_id=number(owner) if owner else None,
        overdue_on=today if overdue else None,
        offset=(page - 1) * PER_PAGE,
        limit=PER_PAGE,
    )
    rows = [
        {
            "action": line,
            "overdue": line.status == ActionStatus.OPEN and (line.due or dt.date.max) < today,
            "clerk": line.board_id in viewer.clerk_of,
        }
        for line in found.rows
    ]
    return env.get_template("actions.html").render(
        viewer=viewer,
        rows=rows,
        boards=boards,
        owners=action_owners(session, viewer.board_ids),
        chosen={"board": chosen_board, "status": status_text, "owner": owner, "overdue": overdue},
        statuses=STATUSES,
        pager=pager("/console/actions", query, found.total, page),
        notice="Action updated." if query.get("done") == "edited" else None,
    )


def _action(session: Session, viewer: Viewer, action_id: str, *, clerk: bool) -> Action:
    try:
        action = get_action(session, number(action_id))
    except ActionError:
        raise web.HTTPNotFound(text="No such action.") from None
    if action.board_id not in viewer.board_ids:
        raise web.HTTPNotFound(text="No such action, or not one of your boards'.")
    if clerk and action.board_id not in viewer.clerk_of:
        raise web.HTTPForbidden(text="Only the board's clerk can change this action.")
    return action


def _members_of(session: Session, board_id: int) -> list[Member]:
    return sorted({m.id: m for m in role_holders(session, [board_id])}.values(), key=_name)


def _name(member: Member) -> str:
    return member.name


def edit_page(
    env: jinja2.Environment,
    session: Session,
    viewer: Viewer,
    query: Mapping[str, str],
    now: dt.datetime,
) -> str:
    """The clerk's form for one action: owner, due date and status."""
    action = _action(session, viewer, query.get("id", ""), clerk=True)
    return env.get_template("action_edit.html").render(
        viewer=viewer,
        action=action,
        members=_members_of(session, action.board_id),
        other_owner=action.owner_text if action.owner_member_id is None else "",
        statuses=[status.value for status in ActionStatus],
    )


def edit(
    session: Session,
    viewer: Viewer,
    path: Mapping[str, str],
    form: dict[str, str],
    now: dt.datetime,
) -> str:
    """Save the clerk's changes to an action, with an audit entry of what changed."""
    action = _action(session, viewer, path["id"], clerk=True)
    owner: Member | None = None
    if form.get("owner"):
        owner = next(
            (m for m in _members_of(session, action.board_id) if str(m.id) == form["owner"]),
            None,
        )
        if owner is None:
            raise FormError("Choose the owner from the board's members, or type a name")
    if form.get("status", "") not in {status.value for status in ActionStatus}:
        raise FormError("Choose open, done or dropped")
    changed = edit_action(
        session,
        action,
        owner=owner,
        owner_text=None if owner is not None else form.get("owner-name", ""),
        due=date_field(form, "due", "The due date"),
        status=ActionStatus(form["status"]),
        by=viewer.name,
        now=now,
    )
    if changed:
        detail = {
            "before": {field: was for field, (was, _) in changed.items()},
            "after": {field: now_ for field, (_, now_) in changed.items()},
        }
        subject = f"action #{action.id}"
        audit(session, viewer, "action-edited", subject, detail, now, board_id=action.board_id)
    return "/console/actions?done=edited"


def close(
    session: Session, viewer: Viewer, path: Mapping[str, str], _: dict[str, str], now: dt.datetime
) -> str:
    """Mark an action done (clerk or chair): the same row chat's /actions reads."""
    action = _action(session, viewer, path["id"], clerk=False)
    before = action.status.value
    mark_done(session, action, by=viewer.name, now=now)
    detail = {"before": before, "after": action.status.value}
    subject = f"action #{action.id}"
    audit(session, viewer, "action-status", subject, detail, now, board_id=action.board_id)
    return "/console/actions"


PAGES = (
    ("/console/actions", actions_list),
    ("/console/actions/{id}", edit_page),
)
FORMS = (
    ("/console/actions/{id}", edit),
    ("/console/actions/{id}/done", close),
)
