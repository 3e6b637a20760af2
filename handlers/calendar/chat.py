"""``/calendar``: the member's own calendar link, privately, and their boards' public feeds.

Only a hash of each personal token is stored, so a link cannot be shown twice:
each ``/calendar`` issues a new link (earlier ones keep working) and
``/calendar reset`` revokes every earlier link first, e.g. after a lost phone.
"""

from __future__ import annotations

import re

from handlers.calendar.links import FeedLinks
from handlers.messages import Reply
from handlers.router import Context, Route, Router
from storage.boards import boards_by_name
from storage.calendar import issue_token
from storage.models import Board

HELP = "/calendar [reset]: your personal calendar link, and your boards' public calendars."
_ASKS = re.compile(
    r"^\s*(?:(?:what(?:'s| is)|give me|send me|can i (?:get|have))\s+)?(?:my\s+|the\s+)?"
    r"(?:calendar|ical|ics)(?:\s+(?:link|feed|subscription|url))?\s*[?!.]*\s*$",
    re.IGNORECASE,
)
SUBSCRIBE = (
    "Add it to Outlook (Add calendar → Subscribe from web), Google Calendar (Other calendars → "
    "From URL) or Apple Calendar (File → New Calendar Subscription)."
)


def _boards(context: Context) -> list[Board]:
    if context.channel_board is not None:
        return [context.channel_board]
    asker = context.asker
    ids = frozenset(asker.roles) if asker.member is not None else asker.all_board_ids
    return boards_by_name(context.session, ids)


def calendar_reply(context: Context, links: FeedLinks) -> Reply:
    """A new personal link for a member (after revoking old ones on ``reset``), plus board feeds."""
    asker = context.asker
    reset = context.text.lower() == "reset"
    items = [f"{board.name}: {links.board(board.name)}" for board in _boards(context)]
    if asker.member is None:
        text = (
            "The boards' public calendars:"
            if asker.known
            else "I don't know who you are yet, so I can only give the public board calendars; "
            "ask the clerk to link your chat account for a personal one."
        )
    else:
        token = issue_token(context.session, asker.member, context.message.now, reset=reset)
        text = (
            f"Your personal calendar (your boards' meetings with your apologies, and your open "
            f"actions): {links.personal(token)}\n"
            + (
                "Your earlier links no longer work. "
                if reset
                else "Keep it to yourself; /calendar reset stops every earlier link. "
            )
            + SUBSCRIBE
        )
    if links.public_url is None:
        text += (
            "\n(These are paths on Board Clerk's server: the clerk can set BOARDCLERK_PUBLIC_URL.)"
        )
    return Reply(text=text, intent="calendar", title="Calendars", items=items, private=True)


def register(router: Router, links: FeedLinks) -> None:
    router.add(
        Route(
            intent="calendar",
            handle=lambda context: calendar_reply(context, links),
            commands=("calendar",),
            recognises=lambda context: bool(_ASKS.match(context.text)),
            priority=60,
        )
    )
