"""``/boardclerk console`` in a direct message: a one-time sign-in link to the clerk's console.

Only in a direct message (a link in a channel could be used by anyone who reads it
first), and only for a known member; the link works once, within 15 minutes.
"""

from __future__ import annotations

from handlers.messages import Reply
from handlers.router import Context
from storage.console_auth import issue_link

SIGN_IN_PATH = "/console/sign-in/{token}"


def sign_in_link(public_url: str | None, token: str) -> str:
    """The link to open; a full URL when BOARDCLERK_PUBLIC_URL is set, else a path."""
    path = SIGN_IN_PATH.format(token=token)
    return f"{public_url.rstrip('/')}{path}" if public_url else path


def console_reply(context: Context, public_url: str | None) -> Reply:
    member = context.asker.member
    if not context.message.is_direct:
        text = "Ask me for a console link in a direct message: it signs you in, so keep it private."
        return Reply(text=text, intent="console-link-refused", private=True)
    if member is None:
        text = "I don't know who you are yet, so I can't sign you in. Ask your board's clerk."
        return Reply(text=text, intent="console-link-refused", private=True)
    link = sign_in_link(public_url, issue_link(context.session, member, context.message.now))
    text = f"Your sign-in link to the Board Clerk console (works once, for 15 minutes): {link}"
    if public_url is None:
        text += (
            "\n(This is a path on Board Clerk's server: the clerk can set BOARDCLERK_PUBLIC_URL.)"
        )
    return Reply(text=text, intent="console-link", title="Console", private=True)
