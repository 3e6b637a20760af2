"""Typed follow-ups to an apology: "undo" / "cancel that", and "yes" / "no" to a confirmation.

Each answers the asker's latest turn (``turn_state``), exactly as the matching
button would, so the console's separate ``say`` calls and a chat behave alike.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

from handlers.apologies import buttons
from handlers.apologies.replies import CHOOSE, NO, reply
from handlers.apologies.turn_state import (
    CONFIRM_TURN,
    UNDO_TURN,
    is_pending,
    pending,
    remember,
)
from handlers.formatting import meeting_label
from handlers.messages import Button, Reply
from handlers.router import Context
from storage.models import Meeting

FollowUp = Literal["undo", "yes", "no"]

_END = r"\s*[.!]*\s*$"
_UNDO = re.compile(
    rf"^\s*(?:undo|undo that|undo it|cancel that|cancel it|scratch that|cancel){_END}", re.I
)
_YES = re.compile(
    rf"^\s*(?:yes|y|yep|yeah|yes please|ok|okay|confirm|please do|go ahead){_END}", re.I
)
_NO = re.compile(rf"^\s*(?:no|n|nope|no thanks|don't|do not|cancel|no,? don't){_END}", re.I)
NOTHING_TO_UNDO = (
    "There's nothing to undo: you've made no apologies change in the last 30 minutes. "
    "To take back apologies, say “withdraw my apologies”."
)


def _addressed(ctx: Context) -> bool:
    message = ctx.message
    return message.is_direct or message.mentioned


def follow_up(ctx: Context) -> FollowUp | None:
    """Which follow-up the words are, if the conversation has something for them to refer to.

    "yes" and "no" count only when said to Board Clerk with a confirmation
    pending. "undo" said to Board Clerk always counts (there may be nothing to
    undo, and saying so beats searching the record for "undo"); said in a
    board's channel, only when the member has just made an apologies change.
    """
    text = ctx.text
    if not (_UNDO.match(text) or _YES.match(text) or _NO.match(text)):
        return None
    if _addressed(ctx) and is_pending(ctx, CONFIRM_TURN):
        if _YES.match(text):
            return "yes"
        if _NO.match(text):
            return "no"
    if _UNDO.match(text) and (_addressed(ctx) or is_pending(ctx, UNDO_TURN)):
        return "undo"
    return None


def answer(ctx: Context, kind: FollowUp) -> Reply:
    if kind == "undo":
        turn = pending(ctx, UNDO_TURN)
        if turn is None:
            return reply(NOTHING_TO_UNDO, private=True)
        meeting, value = turn
        return buttons.undo(ctx, meeting, value)
    turn = pending(ctx, CONFIRM_TURN)
    assert turn is not None  # follow_up() saw it in this same transaction
    meeting, value = turn
    if kind == "no":
        return buttons.declined(ctx, meeting)
    return buttons.chosen(ctx, meeting, value)


def confirm(ctx: Context, meeting: Meeting, value: dict[str, Any]) -> Reply:
    """Ask before recording an apology that named no meeting; only "yes" records it."""
    member = ctx.asker.member
    remember(ctx, CONFIRM_TURN, meeting, value, None if member is None else member.id)
    encoded = json.dumps(value, separators=(",", ":"))
    return reply(
        f"Send apologies for {meeting_label(meeting)}?",
        meeting,
        buttons=[
            Button("Yes", f"{CHOOSE}:{meeting.id}", encoded, style="primary"),
            Button("No", f"{NO}:{meeting.id}", encoded),
        ],
        private=True,
    )
