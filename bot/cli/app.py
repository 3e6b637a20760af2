"""The ``boardclerk`` application: each command group registers itself."""

from __future__ import annotations

import typer

from bot.cli import database_cmds, directory_cmds

app = typer.Typer(
    name="boardclerk",
    help="Board Clerk: meetings, agendas, decisions, apologies and reminders for council boards.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (
    database_cmds,
    directory_cmds,
):
    module.register(app)


def main() -> None:
    app()
