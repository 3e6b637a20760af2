"""``boardclerk action add|list|done|assign``: the clerk's hand on the actions list."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from bot.cli.common import parse_now, unit_of_work
from storage.actions import (
    ActionError,
    actions_for_boards,
    add_action,
    assign,
    due_date,
    get_action,
    mark_done,
    open_actions_for_member,
    owner_label,
    parse_ref,
)
from storage.boards import all_board_ids
from storage.directory import find_member_by_name
from storage.listings import board_meeting_on
from storage.models import Action, Board, Member
from storage.queries import find_board

action_app = typer.Typer(
    help="Add, list, close and reassign actions from the minutes.", no_args_is_help=True
)
out = Console()


def _board(session: Session, name: str) -> Board:
    board = find_board(session, name)
    if board is None:
        raise ActionError(f"no board called {name!r}")
    return board


def _member(session: Session, name: str) -> Member:
    member = find_member_by_name(session, name)
    if member is None:
        raise ActionError(f"no member called {name!r} (add them with: boardclerk member add)")
    return member


def _date(value: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ActionError(f"invalid {what} {value!r}: use YYYY-MM-DD") from None


def _action(session: Session, ref: str) -> Action:
    number = parse_ref(ref)
    if number is None:
        raise ActionError(f"invalid action number {ref!r}: use e.g. 12 or #12")
    return get_action(session, number)


@action_app.command("add")
def action_add(
    board: Annotated[str, typer.Argument(help="Board name, short name or alias.")],
    text: Annotated[str, typer.Argument(help="What is to be done, as the minutes word it.")],
    owner: Annotated[str | None, typer.Option(help="The member who owes it.")] = None,
    due: Annotated[str | None, typer.Option(help="Due date, YYYY-MM-DD.")] = None,
    meeting: Annotated[
        str | None, typer.Option(help="Date (YYYY-MM-DD) of the meeting it is due back at.")
    ] = None,
    by: Annotated[str, typer.Option(help="Who is adding it (for the record).")] = "clerk",
    now: Annotated[str | None, typer.Option(help="The time of the change (ISO 8601).")] = None,
) -> None:
    """Add an action by hand; a later re-import of the minutes leaves it alone."""
    with unit_of_work() as session:
        found = _board(session, board)
        due_meeting = None
        if meeting is not None:
            day = _date(meeting, "meeting date")
            due_meeting = board_meeting_on(session, found.id, day)
            if due_meeting is None:
                raise ActionError(f"{found.name} has no meeting on {day.isoformat()}")
        action = add_action(
            session,
            board=found,
            text=text,
            owner=_member(session, owner) if owner else None,
            due=_date(due, "due date") if due else None,
            due_meeting=due_meeting,
            by=by,
            now=parse_now(now, found.tz),
        )
        typer.echo(f"added action #{action.id}")


@action_app.command("list")
def action_list(
    board: Annotated[str | None, typer.Option("--board", "-b", help="Only this board.")] = None,
    member: Annotated[str | None, typer.Option(help="Only this member's open actions.")] = None,
    closed: Annotated[bool, typer.Option("--all", help="Include done and dropped ones.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array on stdout.")] = False,
) -> None:
    """List open actions (every board unless --board or --member narrows it)."""
    with unit_of_work() as session:
        if member is not None:
            actions = open_actions_for_member(session, _member(session, member).id)
        else:
            ids = [_board(session, board).id] if board else sorted(all_board_ids(session))
            actions = actions_for_boards(session, ids, include_closed=closed)
        if board is not None and member is not None:
            actions = [a for a in actions if a.board_id == _board(session, board).id]
        if as_json:
            typer.echo(json.dumps([_row(a) for a in actions], indent=2))
            return
        if not actions:
            typer.echo("no actions")
            return
        table = Table("#", "board", "action", "owner", "due", "status")
        for a in actions:
            row = _row(a)
            table.add_row(
                str(a.id),
                a.board.name,
                a.text,
                owner_label(a),
                str(row["due"] or ""),
                a.status.value,
            )
        out.print(table)


def _row(action: Action) -> dict[str, str | int | None]:
    due = due_date(action)
    return {
        "id": action.id,
        "board": action.board.name,
        "text": action.text,
        "owner": owner_label(action),
        "due": due.isoformat() if due else None,
        "due_meeting": action.due_meeting.date.isoformat() if action.due_meeting else None,
        "status": action.status.value,
        "item": action.item.number if action.item else None,
    }


@action_app.command("done")
def action_done(
    action: Annotated[str, typer.Argument(help="Action number, e.g. 12 or #12.")],
    by: Annotated[str, typer.Option(help="Who closed it (for the record).")] = "clerk",
    now: Annotated[str | None, typer.Option(help="When it was closed (ISO 8601).")] = None,
) -> None:
    """Mark an action done."""
    with unit_of_work() as session:
        found = _action(session, action)
        mark_done(session, found, by=by, now=parse_now(now, found.board.tz))
        typer.echo(f"action #{found.id} done")


@action_app.command("assign")
def action_assign(
    action: Annotated[str, typer.Argument(help="Action number, e.g. 12 or #12.")],
    owner: Annotated[str, typer.Argument(help="The member who now owes it.")],
    name_only: Annotated[
        bool, typer.Option(help="Record the name as given, for someone who is not a member.")
    ] = False,
) -> None:
    """Give an action to another member."""
    with unit_of_work() as session:
        found = _action(session, action)
        if name_only:
            assign(session, found, owner=None, owner_text=owner)
        else:
            assign(session, found, owner=_member(session, owner))
        typer.echo(f"action #{found.id} assigned to {owner_label(found)}")


def register(app: typer.Typer) -> None:
    app.add_typer(action_app, name="action")
