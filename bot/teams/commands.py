"""The commands Teams offers in its compose box (the app manifest's command list).

Teams has no slash commands for bots: picking one of these inserts its title
as the message text, so a message that starts with one (with or without a
leading "/") is read as that command, as Slack's and Discord's are.
"""

from __future__ import annotations

COMMANDS: dict[str, str] = {
    "next-meeting": "When and where the next meeting is, with its agenda",
    "agenda": "The agenda of the next (or a named) meeting",
    "ask": "Ask about past decisions: ask what did we agree on sufficiency",
    "apologies": "Send or list apologies for absence",
    "actions": "Your outstanding actions",
    "help": "What Board Clerk can do",
    "boardclerk": "Clerks: boardclerk link-channel <board> in a channel",
}


def split_command(text: str) -> tuple[str | None, str]:
    """``"/agenda cpb"`` or ``"agenda cpb"`` → ``("agenda", "cpb")``; other text is left alone."""
    body = text.strip()
    first, _, rest = body.partition(" ")
    name = first.removeprefix("/").lower()
    if name in COMMANDS and (first.startswith("/") or first.lower() == name):
        return name, rest.strip()
    return None, body
