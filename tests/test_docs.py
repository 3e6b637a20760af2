"""The README documents every command, chat command and setting (as datasette's docs tests do).

Each test walks the real thing (the typer app, the router and the adapters'
command lists, the pydantic settings) and names exactly what README.md lacks.
"""

from __future__ import annotations

import re
from pathlib import Path

import typer
from pydantic import AliasChoices
from typer.core import TyperGroup

from bot.cli.app import app
from bot.discord.commands import COMMANDS as DISCORD_COMMANDS
from bot.settings import Settings
from bot.slack.listeners.commands import COMMANDS as SLACK_COMMANDS
from handlers.routes import default_router

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _command_paths(command: object, prefix: str) -> list[str]:
    if isinstance(command, TyperGroup):
        paths: list[str] = []
        for name, sub in sorted(command.commands.items()):
            paths += _command_paths(sub, f"{prefix} {name}")
        return paths
    return [prefix]


def test_every_boardclerk_command_has_a_readme_entry() -> None:
    commands = _command_paths(typer.main.get_command(app), "boardclerk")

    # In a code span (`boardclerk board add NAME`) or at the start of a line of a code block.
    missing = [path for path in commands if not re.search(rf"(`|^){path}\b", README, re.M)]

    assert len(commands) > 10
    assert missing == [], f"README.md has no `{'`, `'.join(missing)}` entry"


def test_every_chat_command_has_a_readme_entry() -> None:
    names = {name for route in default_router().routes for name in route.commands}
    names |= set(SLACK_COMMANDS) | {spec.name for spec in DISCORD_COMMANDS}

    missing = sorted(f"/{name}" for name in names if not re.search(rf"`/{name}\b", README))

    assert missing == [], f"README.md has no entry for the chat command(s) {', '.join(missing)}"


def _variables(name: str, alias: object) -> list[str]:
    if isinstance(alias, AliasChoices):
        return [str(choice) for choice in alias.choices]
    return [f"BOARDCLERK_{name.upper()}"]


def test_every_setting_has_a_readme_entry() -> None:
    settings = [
        _variables(name, field.validation_alias) for name, field in Settings.model_fields.items()
    ]

    missing = [
        " or ".join(names) for names in settings if not any(f"`{n}`" in README for n in names)
    ]

    assert missing == [], f"README.md has no entry for the setting(s) {'; '.join(missing)}"
