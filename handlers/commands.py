"""The chat commands every platform offers, with the help text its command picker shows.

Slash commands on Discord, the compose-box command list on Teams: one catalogue,
so a command added here reaches every platform. Each passes its optional text to
the pipeline's route of the same name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CommandSpec:
    name: str
    description: str
    argument: str


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec(
        "next-meeting",
        "When and where your board meets next.",
        "Which board, if you sit on more than one (e.g. CPB).",
    ),
    CommandSpec(
        "agenda",
        "The agenda of your board's next meeting, or of a meeting you name.",
        "A board, a date or an item (e.g. 'CPB 2 December' or 'item 5').",
    ),
    CommandSpec(
        "papers",
        "The next meeting's papers (or one item's), with kinds, page counts and links.",
        "An item's number or words of its title (e.g. '5' or 'budget').",
    ),
    CommandSpec(
        "digest",
        "Turn your papers digest (sent when an agenda is published) off or on.",
        "'off' or 'on'.",
    ),
    CommandSpec(
        "ask",
        "Ask about past decisions; answers cite board, date and item.",
        "Your question, e.g. 'what did we decide about care leavers' housing?'",
    ),
    CommandSpec(
        "apologies",
        "Send apologies for a meeting, or see the ones you have sent.",
        "E.g. 'can't make Wednesday'; leave blank to see your apologies.",
    ),
    CommandSpec(
        "actions",
        "Open actions: yours, or your board's.",
        "A board, or 'mine'.",
    ),
    CommandSpec(
        "done",
        "Mark one of your actions as done.",
        "The action's number, as /actions shows it.",
    ),
    CommandSpec(
        "calendar",
        "Your personal calendar link (sent only to you) and your boards' calendars.",
        "'reset' stops your earlier links.",
    ),
    CommandSpec(
        "boardclerk",
        "What Board Clerk can do; 'email on|off' emails you too; clerks: 'link-channel <board>'.",
        "'help', 'email on|off', or (clerks) 'link-channel <board>'.",
    ),
)
