"""The manifest in the repo asks for what the adapter uses: its commands, scopes and events.

Read line by line (the manifest is simple YAML), so no YAML library is needed.
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.slack.app import BOT_SCOPES
from bot.slack.listeners.commands import COMMANDS

MANIFEST = (Path(__file__).resolve().parents[3] / "bot" / "slack" / "manifest.yaml").read_text()


def _list_under(key: str) -> list[str]:
    """The ``- item`` lines directly under ``key:``."""
    block = re.search(rf"^(\s*){re.escape(key)}:\n((?:\1\s+- .*\n)+)", MANIFEST, re.MULTILINE)
    assert block is not None, key
    return [line.split("- ", 1)[1].strip() for line in block.group(2).splitlines()]


def test_every_slash_command_the_app_listens_for_is_declared() -> None:
    declared = re.findall(r"^\s+- command: (\S+)$", MANIFEST, re.MULTILINE)

    assert declared == [f"/{name}" for name in COMMANDS]


def test_the_bot_scopes_match_what_the_oauth_install_asks_for() -> None:
    assert sorted(_list_under("bot")) == sorted(BOT_SCOPES)


def test_dms_mentions_and_buttons_are_delivered() -> None:
    assert set(_list_under("bot_events")) == {
        "app_mention",
        "message.channels",
        "message.groups",
        "message.im",
    }
    assert re.search(r"interactivity:\n\s+is_enabled: true", MANIFEST)
