"""``boardclerk calendar export`` and ``boardclerk member calendar-link``: the feeds at a terminal."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from bot.cli.common import fail, parse_now, settings, unit_of_work
from bot.cli.directory_cmds import member_app
from handlers.calendar.feeds import board_feed, member_feed
from handlers.calendar.links import FeedLinks
from storage import directory
from storage.calendar import issue_token

calendar_app = typer.Typer(help="Calendar feeds (iCalendar) of boards and members.")


@calendar_app.command("export")
def calendar_export(
    board: Annotated[
        str | None,
        typer.Option("--board", "-b", help="A board's feed (name, short name or alias)."),
    ] = None,
    member: Annotated[
        str | None, typer.Option("--member", help="A member's personal feed (their name).")
    ] = None,
) -> None:
    """Write a board's or a member's calendar feed to stdout, as the web server serves it."""
    if (board is None) == (member is None):
        fail("give either --board NAME or --member NAME")
    with unit_of_work() as session:
        if board is not None:
            feed = board_feed(session, directory.board_named(session, board))
        else:
            assert member is not None
            feed = member_feed(session, directory.member_named(session, member))
    sys.stdout.buffer.write(feed.body)
    sys.stdout.buffer.flush()


@member_app.command("calendar-link")
def member_calendar_link(
    name: Annotated[str, typer.Argument(help="The member's name.")],
    reset: Annotated[
        bool, typer.Option("--reset", help="Revoke the member's earlier links first.")
    ] = False,
) -> None:
    """Issue a personal calendar link (shown once: only its hash is kept).

    Earlier links keep working unless --reset revokes them. The link is a path on Board
    Clerk's web server, or a full URL when BOARDCLERK_PUBLIC_URL is set.
    """
    links = FeedLinks(settings().public_url)
    with unit_of_work() as session:
        found = directory.member_named(session, name)
        token = issue_token(session, found, parse_now(None), reset=reset)
        member_name = found.name
    if reset:
        typer.echo(f"revoked {member_name}'s earlier calendar links", err=True)
    typer.echo(links.personal(token))


def register(app: typer.Typer) -> None:
    app.add_typer(calendar_app, name="calendar")
