"""``/digest off|on``: a member's own choice of the papers digest and late-paper messages.

The digest is on unless the member turns it off; off stops both the digest of a
meeting's papers and the messages about papers published late (the board's
channel still hears of those). How it arrives (chat, email or both) is the
member's choice of channel for "digests" (``/boardclerk email on|off``).
"""

from __future__ import annotations

import re

from handlers.messages import Reply
from handlers.router import Context, Route, Router
from storage.papers.digest import digest_enabled, set_digest

INTENT = "digest-choice"
USAGE = (
    "Use /digest off to stop the papers digest (and messages about late papers), "
    "or /digest on to have it again."
)
_SAID = re.compile(r"^\s*/?digest\s+(on|off)\s*[.!]*\s*$", re.I)


def recognises(context: Context) -> bool:
    return bool(_SAID.match(context.text))


def digest_choice(context: Context) -> Reply:
    member = context.asker.member
    if member is None:
        text = "I don't know who you are yet, so I send you no papers; ask the clerk to link you."
        return Reply(text=text, intent=INTENT, private=True)
    words = context.text.lower().split()
    choice = words[-1].strip(".!") if words else ""
    if choice not in {"on", "off"}:
        state = "on" if digest_enabled(context.session, member.id) else "off"
        return Reply(text=f"Your papers digest is {state}. {USAGE}", intent=INTENT, private=True)
    set_digest(context.session, member.id, choice == "on", context.message.now)
    if choice == "on":
        text = (
            "Your papers digest is on: when an agenda is published, and again a few days "
            "before the meeting, I'll send you what each report asks you to decide."
        )
    else:
        text = "Your papers digest is off: I won't send you the papers of coming meetings."
    return Reply(text=text, intent=INTENT, private=True)


def register(router: Router) -> None:
    router.add(
        Route(
            intent=INTENT,
            handle=digest_choice,
            commands=("digest",),
            recognises=recognises,
            priority=40,
        )
    )
