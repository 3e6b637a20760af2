"""``boardclerk console link NAME``: a one-time sign-in link to the clerk's console."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.common import parse_now, settings, unit_of_work
from handlers.console_link import sign_in_link
from storage import directory
from storage.console_auth import issue_link

console_app = typer.Typer(help="The clerk's console: the web pages under /console/.")


@console_app.command("link")
def console_link(name: Annotated[str, typer.Argument(help="The member's name.")]) -> None:
    """Print a sign-in link for NAME: it works once, within 15 minutes (only its hash is kept).

    A full URL when BOARDCLERK_PUBLIC_URL is set, else a path on Board Clerk's web server.
    """
    public_url = settings().public_url
    with unit_of_work() as session:
        member = directory.member_named(session, name)
        token = issue_link(session, member, parse_now(None))
    typer.echo(sign_in_link(public_url, token))


def register(app: typer.Typer) -> None:
    app.add_typer(console_app, name="console")
