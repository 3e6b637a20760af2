"""``boardclerk run``: the one long-running process."""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import Annotated

import typer

from bot.cli.common import database, fail, settings
from bot.cli.reminder_cmds import reminder_config
from bot.services import NothingToServe, start_services


def run(
    port: Annotated[
        int | None, typer.Option(help="Port for Slack's HTTP mode (default: PORT, else 3000).")
    ] = None,
) -> None:
    """Serve Slack and/or Discord and send reminders until stopped (Ctrl-C or SIGTERM).

    Slack starts when SLACK_BOT_TOKEN is set (Socket Mode with SLACK_APP_TOKEN,
    otherwise HTTP at /slack/events); Discord when DISCORD_TOKEN is set.
    """
    current = settings()
    try:
        config = reminder_config(current)
    except ValueError as exc:
        fail(str(exc))
    factory = database()
    try:
        services = start_services(current, factory, config, port=port)
    except (NothingToServe, ValueError) as exc:
        fail(str(exc))
    stopping = threading.Event()

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    typer.echo(f"Board Clerk running: {', '.join(services.platforms)}; reminders on. Ctrl-C stops.")
    try:
        stopping.wait()
    finally:
        services.stop()
        typer.echo("Board Clerk stopped.")


def register(app: typer.Typer) -> None:
    app.command("run")(run)
