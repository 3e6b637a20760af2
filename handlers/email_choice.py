"""``/boardclerk email on|off``: a member's own choice of email for everything Board Clerk sends.

"on" adds email to chat (both); "off" leaves chat only. Finer choices per kind
(reminders, digests, actions, announcements) are the clerk's
``boardclerk member email-channel``.
"""

from __future__ import annotations

from handlers.messages import Reply
from handlers.router import Context
from storage.email import KINDS, set_channel

USAGE = "Use /boardclerk email on (email as well as chat) or /boardclerk email off (chat only)."


def email_choice(context: Context, argument: str) -> Reply:
    member = context.asker.member
    choice = argument.strip().lower()
    if member is None:
        text = "I don't know who you are yet, so I can't email you; ask the clerk to link you."
        return Reply(text=text, intent="email-choice", private=True)
    if choice not in {"on", "off"}:
        return Reply(text=USAGE, intent="email-choice", private=True)
    if choice == "on" and not member.email:
        text = "I have no email address for you; ask the clerk to add one, then try again."
        return Reply(text=text, intent="email-choice", private=True)
    for kind in KINDS:
        set_channel(context.session, member.id, kind, "both" if choice == "on" else "chat")
    text = (
        f"From now on I'll email you at {member.email} as well as messaging you here."
        if choice == "on"
        else "From now on I'll only message you here, not by email."
    )
    return Reply(text=text, intent="email-choice", private=True)
