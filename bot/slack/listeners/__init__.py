"""Slack listeners, one ``register(app, services)`` per group, as in bolt's starter template."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners import actions, commands, events
from bot.slack.services import SlackServices


def register_listeners(app: App, services: SlackServices) -> None:
    commands.register(app, services)
    events.register(app, services)
    actions.register(app, services)
