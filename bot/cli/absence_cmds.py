"""``member absences``, ``member absence-withdraw`` and ``member role-end``: the clerk's
record of approved absences, and of members who left a board (former members are not
warned under the six-month rule)."""

from __future__ import annotations

import datetime as dt
import getpass
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bot.cli.common import fail, parse_now, unit_of_work
from bot.cli.directory_cmds import member_app
from storage import attendance_history as attendance
from storage import audit, directory
from storage.models import ApprovedAbsence, Role

out = Console()


def _who(by: str | None) -> str:
    return (by or getpass.getuser()).strip() or "unknown"


def _state(absence: ApprovedAbsence, today: dt.date) -> str:
    if absence.withdrawn_at is not None:
        return f"withdrawn {absence.withdrawn_at.date().isoformat()}"
    return "current" if absence.until >= today else "ended"


def member_absences(
    board: Annotated[
        str | None, typer.Option("--board", "-b", help="Only members of this board.")
    ] = None,
    name: Annotated[str | None, typer.Option("--member", "-m", help="Only this member.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List approved absences (current, ended and withdrawn), latest end date first."""
    today = parse_now(None).date()
    with unit_of_work() as session:
        board_id = directory.board_named(session, board).id if board else None
        members = [directory.member_named(session, name).id] if name else None
        found = attendance.absences(session, member_ids=members, board_id=board_id)
        rows = [
            {
                "id": a.id,
                "member": a.member.name,
                "until": a.until.isoformat(),
                "reason": a.reason,
                "state": _state(a, today),
                "recorded_by": a.recorded_by,
                "withdrawn_by": a.withdrawn_by,
            }
            for a in found
        ]
    if as_json:
        typer.echo(json.dumps({"absences": rows}, indent=2, ensure_ascii=False))
        return
    if not rows:
        typer.echo("no approved absences recorded")
        return
    table = Table("id", "member", "until", "state", "reason")
    for row in rows:
        table.add_row(
            str(row["id"]),
            escape(str(row["member"])),
            str(row["until"]),
            str(row["state"]),
            escape(str(row["reason"])),
        )
    out.print(table)


def absence_withdraw(
    absence_id: Annotated[int, typer.Argument(help="The absence's id (`member absences`).")],
    by: Annotated[
        str | None,
        typer.Option("--by", help="Who withdraws it, for the audit log; default: your login."),
    ] = None,
) -> None:
    """Withdraw an approved absence: six-month-rule warnings resume at once. Audited."""
    now = parse_now(None)
    with unit_of_work() as session:
        absence = attendance.absence_by_id(session, absence_id)
        who = _who(by)
        attendance.withdraw_absence(session, absence, by=who, now=now)
        audit.log(
            session,
            actor=who,
            action="absence-withdrawn",
            subject=absence.member.name,
            detail=json.dumps({"absence": absence.id, "until": absence.until.isoformat()}),
            now=now,
        )
        typer.echo(
            f"withdrew the approved absence of {absence.member.name} "
            f"(until {absence.until.isoformat()}): six-month warnings resume"
        )


def role_end(
    name: Annotated[str, typer.Argument(help="The member's name.")],
    board: Annotated[str, typer.Option("--board", "-b", help="The board they left.")],
    role: Annotated[
        Role | None, typer.Option(help="Only this role; default: every role on the board.")
    ] = None,
    on: Annotated[
        str | None, typer.Option(help="The day the role ended, e.g. 2026-05-31; default today.")
    ] = None,
) -> None:
    """End a member's role on a board (they left it): a former member is not warned under
    the six-month rule, and their record keeps the role with its dates."""
    with unit_of_work() as session:
        target = directory.board_named(session, board)
        try:
            ended = dt.date.fromisoformat(on.strip()) if on else parse_now(None, target.tz).date()
        except ValueError:
            fail(f"invalid --on {on!r}: use a date like 2026-05-31")
        member = directory.member_named(session, name)
        rows = directory.end_roles(session, member, target, ended, role=role)
        roles = ", ".join(r.role.value for r in rows)
        typer.echo(f"{member.name}'s {roles} role on {target.name} ended on {ended.isoformat()}")


def register(app: typer.Typer) -> None:
    """The commands join the ``member`` group, which ``directory_cmds`` adds to the app."""
    member_app.command("absences")(member_absences)
    member_app.command("absence-withdraw")(absence_withdraw)
    member_app.command("role-end")(role_end)
