"""The asker's latest apology turns, kept in the database between messages.

"undo" refers to the apologies change just made; "yes" to the apology just
offered for confirmation. Slack and Discord may answer from different
processes, and every ``boardclerk say`` is a process of its own, yet all must
behave as one conversation, so none of this lives in memory.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handlers.router import Context
from storage import turns
from storage.models import Meeting

UNDO_WINDOW = dt.timedelta(minutes=30)
CONFIRM_WINDOW = dt.timedelta(minutes=30)
UNDO_TURN = "undo"
CONFIRM_TURN = "confirm"


def actor(ctx: Context) -> str:
    """Whose conversation this is: the member wherever they write, else the chat account."""
    member = ctx.asker.member
    if member is not None:
        return f"member:{member.id}"
    return f"{ctx.message.platform}:{ctx.message.user_id}"


def remember(
    ctx: Context, kind: str, meeting: Meeting, value: dict[str, Any], member_id: int | None
) -> None:
    turns.remember(
        ctx.session, actor(ctx), kind, meeting, value, ctx.message.now, member_id=member_id
    )


def settle(ctx: Context, kind: str) -> None:
    """The turn is answered (by button or in words) and refers to nothing any more."""
    turns.forget(ctx.session, actor(ctx), kind)


def _current(ctx: Context, kind: str) -> turns.ConversationTurn | None:
    window = UNDO_WINDOW if kind == UNDO_TURN else CONFIRM_WINDOW
    return turns.recent(ctx.session, actor(ctx), kind, ctx.message.now, window)


def is_pending(ctx: Context, kind: str) -> bool:
    return _current(ctx, kind) is not None


def pending(ctx: Context, kind: str) -> tuple[Meeting, dict[str, Any]] | None:
    """The meeting and saved value of the asker's latest turn of ``kind``, if still current."""
    turn = _current(ctx, kind)
    if turn is None:
        return None
    meeting = ctx.session.get(Meeting, turn.meeting_id)
    return None if meeting is None else (meeting, dict(turn.payload))
