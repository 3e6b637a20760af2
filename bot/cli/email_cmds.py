"""``boardclerk member email …`` (a member's address, channel per kind, reply tokens) and
``boardclerk email …`` (the outbox, and the replies kept for the clerk)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from bot.cli.common import fail, unit_of_work
from bot.cli.directory_cmds import member_app
from storage import directory
from storage.email import (
    CHANNELS,
    KINDS,
    clear_member_email,
    revoke_tokens,
    set_channel,
    set_member_email,
)
from storage.email_outbox import FAILED, QUEUED, SENDING, SENT, kept_replies, outbox_lines, requeue

email_app = typer.Typer(
    help="Email Board Clerk sent or could not send, and replies it kept for the clerk.",
    no_args_is_help=True,
)


@member_app.command("email")
def member_email(
    name: Annotated[str, typer.Argument(help="The member's name.")],
    address: Annotated[str | None, typer.Argument(help="Their email address.")] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove their address instead.")] = False,
) -> None:
    """Set a member's email address; with no chat link they then get reminders by email.

    A changed (or --clear'ed) address revokes the reply addresses sent to the old one.
    """
    if (address is None) == (not clear):
        fail("give an address, or --clear")
    now = dt.datetime.now(dt.UTC)
    with unit_of_work() as session:
        member = directory.member_named(session, name)
        if address is None:
            revoked = clear_member_email(session, member, now)
            typer.echo(f"{member.name} has no email now ({revoked} reply address(es) revoked)")
            return
        saved = set_member_email(session, member, address, now)
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


@email_app.command("outbox")
def email_outbox(
    show_all: Annotated[bool, typer.Option("--all", help="Sent email too.")] = False,
) -> None:
    """List email waiting to be retried or failed for good, newest first."""
    statuses = (QUEUED, SENDING, FAILED, SENT) if show_all else (QUEUED, SENDING, FAILED)
    with unit_of_work() as session:
        lines = outbox_lines(session, statuses)
    for line in lines:
        error = f" — {line.last_error}" if line.last_error else ""
        typer.echo(
            f"{line.id}  {line.status}  {line.created_at:%Y-%m-%d %H:%M}  {line.recipient}  "
            f"{line.subject}  ({line.attempts} attempt(s)){error}"
        )
    if not lines:
        typer.echo("the outbox is empty: every email went")


@email_app.command("retry")
def email_retry(
    mail_id: Annotated[int, typer.Argument(help="The id `email outbox` shows.")],
) -> None:
    """Give a failed email a fresh set of attempts; `boardclerk run` sends it within 30 seconds."""
    with unit_of_work() as session:
        if not requeue(session, mail_id, dt.datetime.now(dt.UTC)):
            fail(f"no failed email {mail_id} (see `boardclerk email outbox`)")
    typer.echo(f"email {mail_id} will be tried again")


@email_app.command("replies")
def email_replies(
    days: Annotated[int, typer.Option(help="How many days back.", min=1)] = 30,
) -> None:
    """List replies Board Clerk did not act on (not an apology), which the clerk has a copy of."""
    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    with unit_of_work() as session:
        replies = kept_replies(session, since)
    for reply in replies:
        typer.echo(f"{reply.received_at:%Y-%m-%d %H:%M}  {reply.member}: {reply.subject}")
        typer.echo(f"    “{' '.join(reply.text.split())}”")
    if not replies:
        typer.echo(f"no replies kept in the last {days} days")


def register(app: typer.Typer) -> None:
    """``email`` is a group of its own; the ``member email…`` commands join ``member`` on import."""
    app.add_typer(email_app, name="email")
