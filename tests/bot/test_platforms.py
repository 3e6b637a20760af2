"""The registry of chat platforms ``run`` starts: each one starts when its settings are there."""

from __future__ import annotations

from typing import Any

from bot.platforms import PLATFORMS
from bot.settings import Settings


def configured(**values: Any) -> list[str]:
    settings = Settings(_env_file=None, **values)
    return [platform.name for platform in PLATFORMS if platform.configured(settings)]


def test_no_platform_starts_without_its_settings() -> None:
    assert configured() == []


def test_each_platform_starts_on_its_own_settings() -> None:
    assert configured(SLACK_BOT_TOKEN="xoxb-1") == ["slack"]
    assert configured(SLACK_CLIENT_ID="123.456") == ["slack"]
    assert configured(DISCORD_TOKEN="token") == ["discord"]
    assert configured(MICROSOFT_APP_ID="6f1c2a4e") == ["teams"]
    assert configured(TEAMS_ALLOW_ANONYMOUS=True) == ["teams"]
    assert configured(SLACK_BOT_TOKEN="xoxb-1", DISCORD_TOKEN="t", TEAMS_ALLOW_ANONYMOUS=True) == [
        "slack",
        "discord",
        "teams",
    ]
