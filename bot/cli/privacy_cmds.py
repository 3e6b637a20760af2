"""``boardclerk member data`` (subject access) and ``member forget`` (erasure), both audited."""

from __future__ import annotations

import datetime as dt
import getpass
import json
from typing import Annotated

import typer
from rich.console import Console

from bot.cli.common import unit_of_work
from bot.cli.directory_cmds import member_app
from storage import audit, directory, privacy
from storage.db import settle_erasure

out = Console(highlight=False, soft_wrap=True)

ByOption = Annotated[
    str | None,
    typer.Option("--by", help="Who is asking, for the audit log; default: your login name."),
]


def _who(by: str | None) -> str:
    return (by or getpass.getuser()).strip() or "unknown"


def member_data(
    name: Annotated[str, typer.Argument(help="The member's name as printed.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the data as JSON.")] = False,
    by: ByOption = None,
) -> None:
    """Print everything held about a member (a subject access request); logged in the audit."""
    with unit_of_work() as session:
        member = directory.member_named(session, name)
        held = privacy.member_data(session, member)
        audit.log(
            session,
            actor=_who(by),
            action="subject-access",
            subject=member.name,
            detail=", ".join(f"{kind}: {len(rows)}" for kind, rows in held.items()),
            now=dt.datetime.now(dt.UTC),
        )
    if as_json:
        typer.echo(json.dumps(held, ensure_ascii=False, indent=2))
        return
    for kind, rows in held.items():
        out.print(f"[bold]{kind.replace('_', ' ')}[/bold] ({len(rows)})")
        for row in rows:
            out.print("  " + "; ".join(f"{k}: {v}" for k, v in row.items() if v is not None))


def member_forget(
    name: Annotated[str, typer.Argument(help="The member's name as printed.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    by: ByOption = None,
) -> None:
    """Erase a member's chat links, email, reasons, delivery history and conversation state.

    What the published minutes print (name, roles, attendance, actions) is kept.
    Logged in the audit.
    """
    with unit_of_work() as session:
        member = directory.member_named(session, name)
        printed = member.name
        if not yes and not typer.confirm(
            f"Erase {printed}'s personal data (the published record is kept)?"
        ):
            typer.echo("nothing erased")
            raise typer.Exit(code=1)
        erased = privacy.forget_member(session, member)
        engine = session.get_bind().engine
        summary = ", ".join(f"{kind}: {count}" for kind, count in erased.items())
        audit.log(
            session,
            actor=_who(by),
            action="erasure",
            subject=printed,
            detail=summary,
            now=dt.datetime.now(dt.UTC),
        )
    settle_erasure(engine)  # committed: now out of SQLite's write-ahead log too
    typer.echo(f"erased {printed}'s personal data ({summary}); the published record is kept")


def register(app: typer.Typer) -> None:
    """The commands join the ``member`` group, which ``directory_cmds`` adds to the app."""
    member_app.command("data")(member_data)
    member_app.command("forget")(member_forget)
