"""A topic's history: every resolution on it, newest first, one line each, eight at a time.

"what has the board decided on sufficiency over time?" or ``/ask history sufficiency``;
the "more" button carries the topic and how many lines were already shown.
"""

from __future__ import annotations

from handlers.ask.answers import cite, heading, newest_first, quotes_exempt
from handlers.ask.record import Found
from handlers.messages import Button, Reply
from handlers.router import Context
from handlers.scope import may_quote
from storage.models import AgendaItem

PAGE = 8
MORE = "ask-history"
# How many items a history looks through: a topic decided at every meeting for years.
HISTORY_MOST = 200


def history_reply(ctx: Context, topic: str, found: Found, start: int = 0) -> Reply:
    decided = newest_first(
        [i for i in found.strong or [item for item, _ in found.weak] if i.decisions]
    )
    if not decided:
        return Reply(text=f"No resolution on “{topic}” is in the record.", intent="ask.history")
    page = decided[start : start + PAGE]
    lines = [_line(ctx, item) for item in page]
    buttons = []
    left = len(decided) - start - len(page)
    if left > 0:
        buttons.append(Button(f"{left} more", f"{MORE}:{start + PAGE}", topic))
    shown = f" ({start + 1}–{start + len(page)} of {len(decided)})" if start or left else ""
    return Reply(
        text=f"What the board has resolved on “{topic}”, newest first{shown}:",
        intent="ask.history",
        items=lines,
        citations=[cite(item) for item in page],
        buttons=buttons,
        private=quotes_exempt(ctx, page),
    )


def _line(ctx: Context, item: AgendaItem) -> str:
    if not may_quote(ctx, item):
        return f"{heading(item)}: exempt (ask in a direct message)"
    said = " ".join(d.text for d in item.decisions)
    return f"{heading(item)}: “{said}”"
