"""``/boardclerk``: help, and a clerk linking the current channel to its board.

A linked channel lets members ask about "the board" without naming it, and
is where a board's reminders go when it reminds in channel. Only a clerk of
the board (or the local operator) may link or unlink, and only in a channel.
"""

from __future__ import annotations

import dataclasses

from handlers.calendar.links import FeedLinks
from handlers.console_link import console_reply
from handlers.email_choice import email_choice
from handlers.messages import IncomingMessage, Reply
from handlers.router import Context, Route, Router
from storage import channels
from storage.directory import DirectoryError, board_names
from storage.models import BoardChannel
from storage.queries import find_board

USAGE = (
    "Usage: /boardclerk help · /boardclerk link-channel <board> · /boardclerk unlink-channel"
    " · /boardclerk console"
    " · /boardclerk email on|off"
)

HELP_TEXT = (
    "I'm Board Clerk: I know your boards' meetings, agendas and decisions.\n"
    "/next-meeting [board] — when and where the next meeting is\n"
    "/agenda [board] — the next meeting's agenda\n"
    "/ask <question> — what was decided, with the minute it comes from\n"
    "/apologies [meeting] — send or check your apologies\n"
    "/actions · /done <number> — your actions, and marking one done\n"
    "/boardclerk link-channel <board> — clerks: link this channel to a board\n"
    "/boardclerk console — a sign-in link to the web console (in a direct message)"
)


def _refused(context: Context, text: str) -> Reply:
    return Reply(text=text, intent="boardclerk-refused", private=True)


def _help(context: Context, router: Router) -> Reply:
    """Exactly what /help answers, when a help route exists; a short list otherwise."""
    as_help = dataclasses.replace(context.message, command="help", text="")
    help_context = dataclasses.replace(context, message=as_help)
    if any("help" in route.commands for route in router.routes):
        return router.route_for(help_context)(help_context)
    return Reply(text=HELP_TEXT, intent="help", title="Board Clerk")


def _in_channel(message: IncomingMessage) -> bool:
    return message.channel_id is not None and not message.is_direct


def _existing_link(context: Context) -> BoardChannel | None:
    message = context.message
    return channels.link_of(context.session, message.platform, message.channel_id or "")


def _link(context: Context, board_name: str) -> Reply:
    if not _in_channel(context.message):
        return _refused(context, "Run /boardclerk link-channel <board> in the channel to link.")
    if not board_name:
        return Reply(text=USAGE, intent="boardclerk-usage", private=True)
    board = find_board(context.session, board_name)
    if board is None:
        known = ", ".join(board_names(context.session))
        return Reply(
            text=f"I don't know a board called “{board_name}”."
            + (f" Boards: {known}." if known else ""),
            intent="boardclerk-unknown-board",
            private=True,
        )
    if not context.asker.is_clerk(board.id):
        return _refused(context, f"Only a clerk of {board.name} can link a channel to it.")
    link = _existing_link(context)
    if link is not None and link.board_id != board.id and not context.asker.is_clerk(link.board_id):
        return _refused(
            context,
            f"This channel is linked to {link.board.name}; only its clerk can move the link.",
        )
    message = context.message
    try:
        linked = channels.link_channel(
            context.session,
            board,
            message.platform,
            message.channel_id or "",
            message.team_id if message.platform == "slack" else None,
        )
    except DirectoryError as exc:
        return Reply(
            text=f"I can't link this channel: {exc}.", intent="boardclerk-refused", private=True
        )
    if linked.already:
        return Reply(text=f"This channel is already linked to {board.name}.", intent="link-channel")
    text = f"This channel is now linked to {board.name}"
    text += f" (it was {linked.previous})." if linked.previous else "."
    return Reply(
        text=f"{text} Questions asked here are about {board.name} unless another board is named.",
        intent="link-channel",
    )


def _unlink(context: Context) -> Reply:
    if not _in_channel(context.message):
        return _refused(context, "Run /boardclerk unlink-channel in the linked channel.")
    link = _existing_link(context)
    if link is None:
        return Reply(text="This channel isn't linked to a board.", intent="unlink-channel")
    if not context.asker.is_clerk(link.board_id):
        return _refused(context, f"Only a clerk of {link.board.name} can unlink this channel.")
    message = context.message
    name = channels.unlink_channel(context.session, message.platform, message.channel_id or "")
    return Reply(text=f"This channel is no longer linked to {name}.", intent="unlink-channel")


def boardclerk(context: Context, router: Router, links: FeedLinks | None = None) -> Reply:
    """Dispatch ``/boardclerk <subcommand> [argument]``."""
    subcommand, _, argument = context.text.partition(" ")
    match subcommand.lower():
        case "" | "help":
            return _help(context, router)
        case "link-channel" | "link":
            return _link(context, argument.strip())
        case "unlink-channel" | "unlink":
            return _unlink(context)
        case "console":
            return console_reply(context, (links or FeedLinks()).public_url)
        case "email":
            return email_choice(context, argument)
        case _:
            return Reply(text=f"I don't know “{subcommand}”. {USAGE}", intent="boardclerk-usage")


def register(router: Router, links: FeedLinks | None = None) -> None:
    """``links`` carries BOARDCLERK_PUBLIC_URL, for console sign-in links."""
    router.add(
        Route(
            intent="boardclerk",
            handle=lambda context: boardclerk(context, router, links),
            commands=("boardclerk",),
        )
    )
