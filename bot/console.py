"""The terminal as a chat platform: replies rendered with rich, buttons pressed by typing.

A typed "undo", a button's label or its number presses that button of the most
recent reply, so the console can exercise every conversation the chat
platforms can.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.markup import escape

from handlers.cleaning import visible
from handlers.messages import Button, ButtonPress, IncomingMessage, Reply

EXIT_WORDS = frozenset({"quit", "exit", "bye", ":q"})


def _shown(text: str) -> str:
    """Stored text as printed: no rich markup, control characters as visible escapes."""
    return escape(visible(text))


def render(reply: Reply, console: Console) -> None:
    """One reply as the terminal shows it: title, text, fields, items, citations, buttons."""
    if reply.title:
        console.print(f"[bold]{_shown(reply.title)}[/bold]")
    if reply.text:
        console.print(_shown(reply.text))
    for f in reply.fields:
        console.print(f"[bold]{_shown(f.label)}:[/bold] {_shown(f.value)}")
    for item in reply.items:
        console.print(f"  • {_shown(item)}")
    for citation in reply.citations:
        console.print(f"  [dim]\\[{_shown(citation.label())}][/dim]")
    for number, button in enumerate(reply.buttons, start=1):
        console.print(f"  [cyan]({number}) {_shown(button.label)}[/cyan]")
    if reply.private:
        console.print("  [dim](only you can see this)[/dim]")
    if reply.footer:
        console.print(f"[dim]{_shown(reply.footer)}[/dim]")
    for notice in reply.notices:
        console.print(
            f"  [dim]→ also sent to member {notice.member_id}: {_shown(notice.reply.text)}[/dim]"
        )


def button_for(text: str, buttons: list[Button]) -> Button | None:
    """The button a typed line presses: its number, its label, or "undo" for an undo button."""
    typed = text.strip().lower()
    if not typed or not buttons:
        return None
    if typed.isdigit() and 1 <= int(typed) <= len(buttons):
        return buttons[int(typed) - 1]
    for button in buttons:
        if typed == button.label.strip().lower():
            return button
    if typed == "undo":
        for button in buttons:
            if "undo" in button.action_id.lower() or "undo" in button.label.lower():
                return button
    return None


@dataclass
class ConsoleChat:
    """Turns typed lines into messages for one person and remembers the last reply's buttons."""

    user_id: str
    zone: ZoneInfo
    clock: Callable[[], dt.datetime]
    buttons: list[Button] = field(default_factory=list)

    def message(self, text: str) -> IncomingMessage:
        now = self.clock().astimezone(self.zone)
        button = button_for(text, self.buttons)
        if button is not None:
            return IncomingMessage(
                platform="console",
                user_id=self.user_id,
                text=button.label,
                now=now,
                button=ButtonPress(button.action_id, button.value),
            )
        command = None
        body = text.strip()
        if body.startswith("/"):
            name, _, body = body[1:].partition(" ")
            command = name.lower()
        return IncomingMessage(
            platform="console", user_id=self.user_id, text=body, now=now, command=command
        )

    def remember(self, reply: Reply) -> None:
        self.buttons = list(reply.buttons)


def run_chat(
    lines: Iterable[str],
    chat: ConsoleChat,
    answer: Callable[[IncomingMessage], Reply],
    console: Console,
    prompt: Callable[[], None] | None = None,
) -> int:
    """Answer each line until the input ends or the person says quit; returns how many."""
    answered = 0
    if prompt:
        prompt()
    for line in lines:
        text = line.strip()
        if text.lower() in EXIT_WORDS:
            break
        if text:
            reply = answer(chat.message(text))
            render(reply, console)
            chat.remember(reply)
            answered += 1
            console.print()
        if prompt:
            prompt()
    return answered
