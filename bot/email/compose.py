"""A ``Reply`` as an email: plain text and HTML alternatives, in the chat replies' words.

Buttons have no email form; a meeting reminder says instead that replying sends
apologies. The HTML is built from escaped pieces only (nothing a member or a
council site wrote is ever markup).
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from html import escape

from bot.email.config import MailConfig
from handlers.messages import Reply

REPLY_HINT = (
    "Can't come? Reply to this email with your apologies and the reason, "
    'for example "Sorry, I can\'t make it – hospital appointment".'
)


def subject_of(reply: Reply) -> str:
    """The reply's title, else its first line: what the chat message would lead with."""
    first = reply.text.splitlines()[0] if reply.text.strip() else "Board Clerk"
    return (reply.title or first)[:150]


def _html(reply: Reply, hint: str | None) -> str:
    parts: list[str] = []
    if reply.title:
        parts.append(f"<h2>{escape(reply.title)}</h2>")
    parts.append(f"<p>{escape(reply.text)}</p>")
    if reply.fields:
        rows = "".join(
            f"<tr><th align='left'>{escape(f.label)}</th><td>{escape(f.value)}</td></tr>"
            for f in reply.fields
        )
        parts.append(f"<table>{rows}</table>")
    if reply.items:
        parts.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in reply.items) + "</ul>")
    if reply.citations:
        cites = "".join(f"<li>{escape(c.label())}</li>" for c in reply.citations)
        parts.append(f"<p>Source:</p><ul>{cites}</ul>")
    for line in (hint, reply.footer):
        if line:
            parts.append(f"<p><small>{escape(line)}</small></p>")
    return "<html><body>" + "".join(parts) + "</body></html>"


def compose(
    config: MailConfig,
    to: str,
    reply: Reply,
    *,
    token: str | None = None,
    ics: bytes | None = None,
    in_reply_to: str | None = None,
) -> EmailMessage:
    """The message for ``to``; ``token`` gives it a Reply-To and a one-click unsubscribe."""
    reply_to = config.reply_to(token) if token else None
    hint = REPLY_HINT if reply_to and reply.intent.startswith("reminder.meeting") else None
    message = EmailMessage()
    message["From"] = config.mail_from
    message["To"] = to
    message["Subject"] = subject_of(reply)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=config.mail_from.partition("@")[2])
    message["Auto-Submitted"] = "auto-generated"
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    if reply_to:
        message["Reply-To"] = reply_to
    if token and config.public_url:
        message["List-Unsubscribe"] = f"<{config.public_url.rstrip('/')}/email/unsubscribe/{token}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    text = reply.as_plain_text() + (f"\n\n{hint}" if hint else "")
    message.set_content(text)
    message.add_alternative(_html(reply, hint), subtype="html")
    if ics is not None:
        message.add_attachment(
            ics,
            maintype="text",
            subtype="calendar",
            filename="meeting.ics",
            params={"method": "PUBLISH"},
        )
    return message
