"""Teams reads every chat command the other platforms offer, with or without its slash."""

from __future__ import annotations

from bot.teams.commands import COMMANDS, split_command
from handlers.commands import COMMANDS as CHAT_COMMANDS


def test_every_shared_command_is_offered_in_teams() -> None:
    assert {spec.name for spec in CHAT_COMMANDS} <= set(COMMANDS)


def test_a_leading_command_word_is_the_command_and_the_rest_its_text() -> None:
    assert split_command("/calendar reset") == ("calendar", "reset")
    assert split_command("done 3") == ("done", "3")
    assert split_command("when is the next meeting?") == (None, "when is the next meeting?")
