"""``boardclerk info`` and ``boardclerk db upgrade``."""

from __future__ import annotations

import typer

from bot.cli.common import fail, settings
from storage.db import DatabaseError, make_engine, upgrade

db_app = typer.Typer(help="Manage the database schema.", no_args_is_help=True)


def info() -> None:
    """Show where Board Clerk keeps its data and which chat platforms are configured."""
    current = settings()
    typer.echo(f"database: {current.database_url}")
    typer.echo(f"timezone: {current.timezone}")
    typer.echo(f"slack: {'configured' if current.slack_bot_token else 'not configured'}")
    typer.echo(f"discord: {'configured' if current.discord_token else 'not configured'}")
    teams = current.microsoft_app_id or current.teams_allow_anonymous
    typer.echo(f"teams: {'configured' if teams else 'not configured'}")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create the database or bring it to the newest schema (a no-op when it is current)."""
    try:
        changed = upgrade(make_engine(settings().database_url))
    except DatabaseError as exc:
        fail(str(exc))
    typer.echo("database upgraded" if changed else "database already up to date")


def register(app: typer.Typer) -> None:
    app.command("info")(info)
    app.add_typer(db_app, name="db")
