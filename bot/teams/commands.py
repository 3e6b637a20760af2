"""The commands Teams offers in its compose box (the app manifest's command list).

Teams has no slash commands for bots: picking one of these inserts its title
as the message text, so a message that starts with one (with or without a
leading "/") is read as that command, as Slack's and Discord's are.
"""

from __future__ import annotations

from handlers.commands import COMMANDS as CHAT_COMMANDS

# Teams has no /help of its own, so "help" joins the shared catalogue.
COMMANDS: dict[str, str] = {spec.name: spec.description for spec in CHAT_COMMANDS} | {
    "help": "What Board Clerk can do.",
}
# Teams' command picker holds at most ten; these work when typed but are not offered there.
PICKER_LIMIT = 10
TYPED_ONLY = frozenset({"digest"})
PICKER: dict[str, str] = {
    name: description for name, description in COMMANDS.items() if name not in TYPED_ONLY
}


def split_command(text: str) -> tuple[str | None, str]:
    """``"/agenda cpb"`` or ``"agenda cpb"`` → ``("agenda", "cpb")``; other text is left alone."""
    body = text.strip()
    first, _, rest = body.partition(" ")
    name = first.removeprefix("/").lower()
    if name in COMMANDS and (first.startswith("/") or first.lower() == name):
        return name, rest.strip()
    return None, body
