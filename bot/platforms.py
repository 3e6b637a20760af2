"""Every chat platform ``boardclerk run`` can start: one line each.

To add a platform, copy an adapter folder (``bot/teams`` is the smallest),
give its ``__init__`` a ``PLATFORM`` (see ``bot.adapter``), and add it here.
"""

from __future__ import annotations

from bot.adapter import Platform
from bot.discord import PLATFORM as DISCORD
from bot.slack import PLATFORM as SLACK
from bot.teams import PLATFORM as TEAMS

PLATFORMS: tuple[Platform, ...] = (SLACK, DISCORD, TEAMS)
