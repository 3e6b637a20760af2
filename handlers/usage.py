"""``/help``: what Board Clerk can do, in the member's own words."""

from __future__ import annotations

import re

from handlers.messages import Reply
from handlers.router import Context, Route, Router

COMMANDS = (
    (
        "/next-meeting [board]",
        "when and where the next meeting is, its agenda and apologies so far",
    ),
    ("/agenda [board or date]", "the agenda of the next meeting, or of the meeting on a date"),
    (
        "/ask <question>",
        "what was decided, deferred, presented or left outstanding, with citations",
    ),
    ("/ask history <topic>", "every resolution on a topic, newest first"),
    ("/papers [item]", "the next meeting's papers, with page counts and links"),
    ("/digest off|on", "stop (or restart) the papers digest sent before each meeting"),
    ("/apologies", "send or see apologies for a meeting"),
    ("/actions", "the actions still open, and /done to close one"),
    ("/calendar", "your own calendar link, and your boards' calendars"),
    ("/help", "this list"),
)
EXAMPLES = (
    "when's the next meeting?",
    "what did we agree on sufficiency?",
    "what happened with the local offer for care leavers?",
    "who sent apologies to the September 2018 meeting?",
    "what's outstanding on sufficiency?",
    "how many care leavers were in education or training?",
    "what actions came out of the away day item?",
)
_HELP = re.compile(r"^\s*(help|what can you do|how do i use (you|this))\s*[?!.]*\s*$", re.I)


def help_reply(ctx: Context) -> Reply:
    return Reply(
        title="Board Clerk",
        text=(
            "I answer questions about your board's meetings from the published minutes, "
            "quoting resolutions exactly as printed. Ask in a direct message, mention me, "
            "or use a command:"
        ),
        intent="help",
        items=[f"{command} — {what}" for command, what in COMMANDS]
        + [f"e.g. “{example}”" for example in EXAMPLES],
    )


def register(router: Router) -> None:
    router.add(
        Route(
            intent="help",
            handle=help_reply,
            commands=("help",),
            recognises=lambda ctx: bool(_HELP.match(ctx.text)),
            priority=50,
        )
    )
