"""``boardclerk attendance`` and ``member absence-approved``: members' records and the
six-month rule (section 85, Local Government Act 1972) as far as the record shows it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bot.cli.common import fail, parse_now, unit_of_work
from bot.cli.directory_cmds import member_app
from handlers.attendance.figures import Tally, lapse_date, records
from storage import attendance_history as attendance
from storage import directory

out = Console()
COVERAGE = (
    "Board Clerk's record covers only the boards it follows: check the authority's full "
    "record before acting on the six-month rule."
)


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        fail(f"invalid {option} {value!r}: use a date like 2026-06-01")


def attendance_cmd(
    board: Annotated[str | None, typer.Option("--board", "-b", help="Only this board.")] = None,
    member: Annotated[str | None, typer.Option("--member", "-m", help="Only this member.")] = None,
    since: Annotated[
        str | None, typer.Option(help="First meeting date counted, e.g. 2026-01-01.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Last meeting date counted, e.g. 2026-12-31.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Each member's attendance: meetings expected, present, apologies, absent without
    apologies and attended as a substitute, by board and in total; with the last attendance
    and the date six months on (the six-month rule)."""
    first, last = _date(since, "--since"), _date(until, "--until")
    if first and last and first > last:
        fail("--since is after --until")
    with unit_of_work() as session:
        boards = [directory.board_named(session, board).id] if board else None
        members = [directory.member_named(session, member).id] if member else None
        found = records(
            attendance.attendance_lines(
                session, board_ids=boards, member_ids=members, since=first, until=last
            )
        )
        latest = attendance.last_attended(session, last or parse_now(None).date())
    for record in found:
        record.last_attended = latest.get(record.member_id)
    if as_json:
        rows = [
            record.as_dict()
            | {
                "lapse_date": lapse_date(record.last_attended).isoformat()
                if record.last_attended
                else None
            }
            for record in found
        ]
        typer.echo(json.dumps({"members": rows, "note": COVERAGE}, indent=2, ensure_ascii=False))
        return
    if not found:
        typer.echo("no attendance recorded for that selection")
        return
    table = Table("member", "board", "expected", "present", "apologies", "absent", "substitute")
    for record in found:
        for name, tally in sorted(record.boards.items()):
            table.add_row(escape(record.name), escape(name), *_figures(tally))
        if len(record.boards) > 1:
            table.add_row(escape(record.name), "total", *_figures(record.total))
    out.print(table)
    for record in found:
        if record.last_attended:
            typer.echo(
                f"{record.name}: last attended {record.last_attended.isoformat()}; six months "
                f"on: {lapse_date(record.last_attended).isoformat()}"
            )
    typer.echo(COVERAGE)


def _figures(tally: Tally) -> list[str]:
    return [
        str(n)
        for n in (tally.expected, tally.present, tally.apologies, tally.absent, tally.substitute)
    ]


def absence_approved(
    name: Annotated[str, typer.Argument(help="The member's name.")],
    until: Annotated[str, typer.Option(help="Last day the approval covers, e.g. 2027-03-31.")],
    reason: Annotated[str, typer.Option(help="The reason the authority approved.")],
) -> None:
    """Record an absence the authority approved: six-month-rule warnings stop until --until."""
    end = _date(until, "--until")
    assert end is not None
    with unit_of_work() as session:
        member = directory.member_named(session, name)
        attendance.approve_absence(
            session, member, end, reason, today=parse_now(None).date(), recorded_by="clerk"
        )
        typer.echo(f"approved absence recorded for {member.name} until {end.isoformat()}")


def register(app: typer.Typer) -> None:
    app.command("attendance")(attendance_cmd)
    member_app.command("absence-approved")(absence_approved)
