"""``boardclerk member email …``: a member's address, their channel per kind, their reply tokens."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from bot.cli.common import fail, unit_of_work
from bot.cli.directory_cmds import member_app
from storage import directory
from storage.email import CHANNELS, KINDS, revoke_tokens, set_channel, set_member_email


@member_app.command("email")
def member_email(
    name: Annotated[str, typer.Argument(help="The member's name.")],
    address: Annotated[str, typer.Argument(help="Their email address.")],
) -> None:
    """Set a member's email address; with no chat link they then get reminders by email."""
    with unit_of_work() as session:
        member = directory.member_named(session, name)
        saved = set_member_email(session, member, address)
        typer.echo(f"{member.name}'s email is now {saved}")


@member_app.command("email-channel")
def member_email_channel(
    name: Annotated[str, typer.Argument(help="The member's name.")],
    channel: Annotated[str, typer.Argument(help="chat, email, both or neither.")],
    kind: Annotated[
        str | None,
        typer.Option(help="reminders, digests, actions or announcements (default: all four)."),
    ] = None,
) -> None:
    """Choose how a member gets each kind of message: chat, email, both or neither."""
    if channel not in CHANNELS:
        fail(f"unknown channel {channel!r}: use {', '.join(CHANNELS)}")
    if kind is not None and kind not in KINDS:
        fail(f"unknown kind {kind!r}: use {', '.join(KINDS)}")
    with unit_of_work() as session:
        member = directory.member_named(session, name)
        for one in [kind] if kind else KINDS:
            set_channel(session, member.id, one, channel)
        typer.echo(f"{member.name} now gets {kind or 'everything'} by {channel}")


@member_app.command("email-revoke")
def member_email_revoke(name: Annotated[str, typer.Argument(help="The member's name.")]) -> None:
    """Revoke every reply address a member was sent (a forwarded or lost mailbox)."""
    with unit_of_work() as session:
        member = directory.member_named(session, name)
        count = revoke_tokens(session, member.id, dt.datetime.now(dt.UTC))
        typer.echo(f"revoked {count} reply address(es) of {member.name}")


def register(app: typer.Typer) -> None:
    """The commands join the ``member`` group when this module is imported."""
