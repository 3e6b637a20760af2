"""``boardclerk apologies``: the apologies list for a meeting, in minutes style or as JSON."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

import typer
from sqlalchemy.orm import Session

from bot.cli.common import UserError, parse_now, unit_of_work
from handlers.apologies.records import minutes_sentence
from handlers.cleaning import visible
from handlers.formatting import meeting_label
from storage.attendance import apologies_for, substitute_of
from storage.boards import all_boards
from storage.listings import meetings_held_on
from storage.models import Board, Meeting
from storage.queries import find_board, upcoming_meetings


def _boards(session: Session, name: str | None) -> list[Board]:
    if name is None:
        return all_boards(session)
    board = find_board(session, name)
    if board is None:
        raise UserError(f"no board called {name!r}")
    return [board]


def _meetings(
    session: Session, boards: list[Board], date: str | None, now: dt.datetime
) -> list[Meeting]:
    ids = [b.id for b in boards]
    if date is None:
        firsts: dict[int, Meeting] = {}
        for meeting in upcoming_meetings(session, ids, now):
            firsts.setdefault(meeting.board_id, meeting)
        if not firsts:
            raise UserError("no upcoming meeting; name one with --meeting YYYY-MM-DD")
        return list(firsts.values())
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise UserError(f"invalid date {date!r}: use YYYY-MM-DD, e.g. 2018-11-07") from None
    found = meetings_held_on(session, ids, day)
    if not found:
        where = boards[0].name if len(boards) == 1 else "any board"
        raise UserError(f"no meeting of {where} on {day.isoformat()}")
    return found


def _as_data(session: Session, meeting: Meeting) -> dict[str, Any]:
    rows = apologies_for(session, meeting)
    return {
        "board": meeting.board.name,
        "date": meeting.date.isoformat(),
        "starts_at": None if meeting.starts_at is None else meeting.starts_at.isoformat(),
        "meeting": meeting_label(meeting),
        "sentence": minutes_sentence([r.name for r in rows]),
        "apologies": [
            {
                "name": r.name,
                "member_id": r.member_id,
                "reason": r.reason,
                "substitute": substitute_of(r),
                "source": r.source.value,
                "recorded_at": r.recorded_at.isoformat(),
                "recorded_by": r.recorded_by,
            }
            for r in rows
        ],
    }


def apologies(
    board: Annotated[
        str | None, typer.Option("--board", help="Board name, short name or alias.")
    ] = None,
    meeting: Annotated[
        str | None,
        typer.Option("--meeting", help="Meeting date (YYYY-MM-DD); default: the next meeting."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    now: Annotated[
        str | None, typer.Option("--now", help="Pretend it is this time (ISO 8601).")
    ] = None,
) -> None:
    """Print who has sent apologies for a meeting, as the minutes word it, with reasons."""
    moment = parse_now(now)
    with unit_of_work() as session:
        found = _meetings(session, _boards(session, board), meeting, moment)
        data = [_as_data(session, m) for m in found]
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    for index, entry in enumerate(data):
        if index:
            typer.echo("")
        typer.echo(visible(entry["meeting"]))
        typer.echo(visible(entry["sentence"]))
        for person in entry["apologies"]:
            extras = [
                f"{label}: {person[key]}"
                for key, label in (("reason", "reason"), ("substitute", "substitute"))
                if person[key]
            ]
            line = f"  {person['name']}" + (f" — {'; '.join(extras)}" if extras else "")
            typer.echo(visible(line))  # stored text never reaches the terminal as escapes


def register(app: typer.Typer) -> None:
    app.command("apologies")(apologies)
