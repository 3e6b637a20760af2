"""Apologies for absence sent as ordinary messages, and the ``/apologies`` command.

The recogniser claims a message only when ``language`` is sure it is
about attendance, or when it answers the member's last apology turn ("undo",
"yes"). Everything it records can be undone with one button or the word
"undo", a meeting it cannot pin down is asked about, never guessed, and an
apology naming no meeting at all is confirmed before it is recorded.
"""

from __future__ import annotations

from handlers.apologies.buttons import pressed
from handlers.apologies.follow_up import answer, follow_up
from handlers.apologies.language import Label, Reading, read, read_command
from handlers.apologies.listing import list_apologies, withdraw
from handlers.apologies.meetings import match_meetings
from handlers.apologies.replies import (
    CHOOSE,
    INTENT,
    NO,
    NOT_LINKED,
    ONLY_CLERK,
    OPERATOR_SELF,
    UNDO,
    narrow,
    other_member,
    own_boards,
    record_apology,
    reply,
    unmatched,
)
from handlers.apologies.undated import undated
from handlers.messages import Reply
from handlers.router import Context, Route, Router
from storage.boards import all_boards
from storage.models import Member

HELP = (
    "Send apologies in your own words (\"Sorry, I can't make Wednesday – hospital "
    'appointment"), or use /apologies [meeting] [reason]. /apologies list [meeting] shows '
    "who has sent apologies; /apologies withdraw [meeting] takes yours back."
)


def register(router: Router) -> None:
    router.add(
        Route(
            intent=INTENT,
            handle=handle,
            commands=("apologies",),
            recognises=recognises,
            priority=15,
            button_prefixes=(UNDO, CHOOSE, NO),
            hears_unaddressed=True,
        )
    )


def _board_words(ctx: Context) -> list[str]:
    words: list[str] = []
    for board in all_boards(ctx.session):
        words.extend([board.name, *(board.aliases or [])])
        if board.short_name:
            words.append(board.short_name)
    return words


def recognises(ctx: Context) -> bool:
    if follow_up(ctx) is not None:
        return True
    reading = read(ctx.text, _board_words(ctx))
    # "Sorry, I can't make it" is only about a meeting when said to Board Clerk.
    addressed = ctx.message.is_direct or ctx.message.mentioned
    return reading.is_apology_business and (addressed or not reading.undated)


def handle(ctx: Context) -> Reply:
    message = ctx.message
    if message.button is not None:
        return pressed(ctx)
    if not ctx.asker.known:
        return reply(NOT_LINKED, private=True)
    if message.command is not None:
        return _command(ctx)
    kind = follow_up(ctx)
    if kind is not None:
        return answer(ctx, kind)
    reading = read(ctx.text, _board_words(ctx))
    if reading.label is Label.WITHDRAWAL:
        return withdraw(ctx, reading)
    return _apologise(ctx, reading)


def _command(ctx: Context) -> Reply:
    verb, _, rest = ctx.text.partition(" ")
    if verb.lower() == "list":
        return list_apologies(ctx, rest.strip() or None)
    if verb.lower() in {"withdraw", "cancel"}:
        return withdraw(ctx, read_command(rest))
    if verb.lower() == "help":
        return reply(HELP)
    return _apologise(ctx, read_command(ctx.text))


def _apologise(ctx: Context, reading: Reading) -> Reply:
    member: Member | None = None
    if reading.on_behalf:
        member, board_ids = other_member(ctx, reading.on_behalf)
        if not board_ids:
            return reply(ONLY_CLERK, private=True)
        if member is None:
            return reply(
                f"I can't find a member called {reading.on_behalf} on your boards; "
                "nothing recorded.",
                private=True,
            )
    else:
        if ctx.asker.member is None:
            return reply(OPERATOR_SELF, private=True)
        board_ids = own_boards(ctx)
        if not board_ids:
            return reply("You don't sit on any board, so there's nothing to send apologies for.")
        if reading.undated:
            return undated(ctx, narrow(ctx, board_ids), reading)
    match = match_meetings(
        ctx.session, narrow(ctx, board_ids), reading.date_phrase, ctx.message.now
    )
    if match.outcome != "found":
        return unmatched(ctx, match, reading, member)
    return record_apology(ctx, match.meetings[0], member, reading.reason, reading.substitute)
