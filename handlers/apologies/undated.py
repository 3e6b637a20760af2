"""An apology that names no meeting ("Sorry, I can't make it"): confirmed, never assumed.

With exactly one of the member's meetings in the next two weeks the answer is
"Send apologies for …?" with Yes and No; otherwise the member picks the meeting.
Nothing is recorded until they say which, or yes.
"""

from __future__ import annotations

import datetime as dt

from handlers.apologies.follow_up import confirm
from handlers.apologies.language import Reading
from handlers.apologies.replies import choice_buttons, choice_value, reply
from handlers.messages import Reply
from handlers.router import Context
from storage.queries import upcoming_meetings

HORIZON = dt.timedelta(days=14)


def undated(ctx: Context, board_ids: list[int], reading: Reading) -> Reply:
    now = ctx.message.now
    upcoming = upcoming_meetings(ctx.session, board_ids, now)
    if not upcoming:
        return reply(
            "There's no upcoming meeting to send apologies for; nothing recorded.", private=True
        )
    soon = [m for m in upcoming if m.date <= (now + HORIZON).date()]
    if len(soon) == 1:
        return confirm(ctx, soon[0], choice_value("a", reading, None))
    if soon:
        text = "Which meeting are your apologies for?"
    else:
        text = "You have no meeting in the next two weeks. Which meeting are your apologies for?"
    offered = (soon or upcoming)[:5]
    return reply(text, buttons=choice_buttons(offered, "a", reading, None), private=True)
