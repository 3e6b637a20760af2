"""The platform-neutral message and reply values that every adapter speaks.

Adapters (Slack, Discord, Teams, console) translate their own events into an
``IncomingMessage`` and render a ``Reply``; nothing in ``handlers`` knows which
platform it is serving.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from handlers.cleaning import clean_optional, clean_text

Platform = Literal["slack", "discord", "teams", "console", "email"]


@dataclass(frozen=True)
class ButtonPress:
    """A click on a button that an earlier reply offered."""

    action_id: str
    value: str


@dataclass(frozen=True)
class IncomingMessage:
    """One thing a person said or clicked, with the time it happened.

    ``command`` is the slash command's name without the slash ("next-meeting")
    when the message came as one; ``text`` is then its argument text.
    ``user_id`` is the platform's id (the console uses the member's name or
    "operator"). ``now`` is always timezone-aware. ``board`` names a board the
    interface itself is about (``say --board``), as a board's channel would.
    """

    platform: Platform
    user_id: str
    text: str
    now: dt.datetime
    is_direct: bool = True
    channel_id: str | None = None
    command: str | None = None
    mentioned: bool = False
    email: str | None = None
    display_name: str | None = None
    button: ButtonPress | None = None
    board: str | None = None
    # Slack: the workspace it was said in (a member's reminders go through its token).
    team_id: str | None = None

    def __post_init__(self) -> None:
        if self.now.tzinfo is None:
            raise ValueError("IncomingMessage.now must be timezone-aware")
        # The boundary: what people typed is cleaned once, here (see handlers.cleaning).
        object.__setattr__(self, "text", clean_text(self.text))
        for name in ("command", "email", "display_name", "board"):
            object.__setattr__(self, name, clean_optional(getattr(self, name)))
        if self.button is not None:
            pressed = ButtonPress(self.button.action_id, clean_text(self.button.value))
            object.__setattr__(self, "button", pressed)


@dataclass(frozen=True)
class Citation:
    """Where an answer comes from: board, meeting date and item as printed."""

    board: str
    meeting_date: dt.date
    item_number: str | None = None
    item_title: str | None = None
    # The council's own page for it, where there is one (an executive decision's notice).
    url: str | None = None

    def label(self) -> str:
        parts = [self.board, self.meeting_date.strftime("%-d %B %Y")]
        if self.item_number:
            parts.append(f"item {self.item_number}")
        if self.item_title:
            parts.append(self.item_title)
        return ", ".join(parts) + (f" — {self.url}" if self.url else "")


@dataclass(frozen=True)
class ReplyField:
    label: str
    value: str


@dataclass(frozen=True)
class Button:
    """A choice offered to the member; pressing it comes back as a ``ButtonPress``."""

    label: str
    action_id: str
    value: str
    style: Literal["primary", "danger", "default"] = "default"


@dataclass
class Reply:
    """What a handler answers; each adapter renders it in its own way.

    ``private`` means the reply carries information only the asker may see
    (their own apologies, an exempt item). Adapters ask ``for_asker_only``.
    """

    text: str
    intent: str
    title: str | None = None
    fields: list[ReplyField] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    private: bool = False
    notices: list[Notice] = field(default_factory=list)
    # One short closing line (how a stranger gets linked), shown after everything else.
    footer: str | None = None
    # The meeting a reminder is about: an email of it carries its calendar entry and reply token.
    meeting_id: int | None = None

    @property
    def for_asker_only(self) -> bool:
        """Shown to the asker alone (ephemeral, or in a DM) when asked in a shared channel.

        Private information, and errors too: a failure is the asker's business,
        not the channel's. Every adapter applies this one rule.
        """
        return self.private or self.intent == "error"

    def as_plain_text(self) -> str:
        """The whole reply as text, for the console and for fallbacks."""
        lines: list[str] = []
        if self.title:
            lines.append(self.title)
        lines.append(self.text)
        lines.extend(f"{f.label}: {f.value}" for f in self.fields)
        lines.extend(f"  • {item}" for item in self.items)
        lines.extend(f"  [{c.label()}]" for c in self.citations)
        if self.buttons:
            lines.append("  " + "  ".join(f"({b.label})" for b in self.buttons))
        if self.footer:
            lines.append(self.footer)
        return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Notice:
    """A message for someone other than the asker (the clerk told of an apology).

    The adapter delivers it after the asker's message has been committed.
    """

    member_id: int
    reply: Reply
