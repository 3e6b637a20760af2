"""The ``boardclerk`` application: each command group registers itself."""

from __future__ import annotations

import typer

from bot.cli import (
    absence_cmds,
    action_cmds,
    apologies_cmds,
    attendance_cmds,
    calendar_cmds,
    console_cmds,
    conversation_cmds,
    database_cmds,
    directory_cmds,
    email_cmds,
    import_cmd,
    privacy_cmds,
    reminder_cmds,
    review_cmd,
    run_cmd,
    source_cmds,
    teams_cmds,
)

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
    import_cmd,
    conversation_cmds,
    action_cmds,
    apologies_cmds,
    attendance_cmds,
    absence_cmds,
    privacy_cmds,
    reminder_cmds,
    review_cmd,
    calendar_cmds,
    console_cmds,
    email_cmds,
    run_cmd,
    source_cmds,
    teams_cmds,
):
    module.register(app)


def main() -> None:
    app()
