"""Slack payloads in, platform-neutral ``IncomingMessage`` out.

The adapter takes ``now`` at the boundary from an injected clock, so the
handlers never read the wall clock and the tests can fix it. A member's email
comes from ``users.info`` (it is how a Slack user is matched to a member); the
answer is cached per user for a while so a conversation costs one lookup.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.messages import ButtonPress, IncomingMessage

log = logging.getLogger(__name__)

Payload = Mapping[str, Any]

_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")


@dataclass(frozen=True)
class SlackUser:
    """What Slack tells us about a person; both parts may be unknown."""

    email: str | None = None
    display_name: str | None = None


class UserDirectory:
    """``users.info`` answers, cached per user id for ``ttl`` seconds (thread-safe).

    A failed lookup (missing ``users:read.email`` scope, a deleted user) is
    logged and treated as "no email": the person is then simply unknown.
    """

    def __init__(self, ttl: float = 600.0, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self._monotonic = monotonic
        self._cache: dict[str, tuple[float, SlackUser]] = {}
        self._lock = threading.Lock()

    def lookup(self, client: WebClient, user_id: str) -> SlackUser:
        now = self._monotonic()
        with self._lock:
            cached = self._cache.get(user_id)
            if cached is not None and now - cached[0] < self.ttl:
                return cached[1]
        try:
            response = client.users_info(user=user_id)
        except SlackApiError as exc:
            log.warning("users.info failed for %s: %s", user_id, exc.response.get("error"))
            return SlackUser()
        user = response.get("user") or {}
        profile = user.get("profile") or {}
        email = profile.get("email") or None
        found = SlackUser(
            email=email.strip().lower() if isinstance(email, str) else None,
            display_name=profile.get("display_name")
            or profile.get("real_name")
            or user.get("name"),
        )
        with self._lock:
            self._cache[user_id] = (now, found)
        return found


def strip_mentions(text: str, bot_user_id: str | None) -> str:
    """The words addressed to Board Clerk, without ``<@BOT>`` (any leading mention if unknown)."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", " ", text)
    else:
        text = _MENTION.sub(" ", text, count=1) if text.lstrip().startswith("<@") else text
    return " ".join(text.split())


def mentions(text: str, bot_user_id: str | None) -> bool:
    """Whether ``text`` mentions Board Clerk (Slack then also sends an ``app_mention``)."""
    return any(user == bot_user_id for user in _MENTION.findall(text)) if bot_user_id else False


def is_direct_channel(channel_id: str | None, channel_name: str | None = None) -> bool:
    """A one-to-one conversation: Slack's im channels start with D."""
    if channel_name == "directmessage":
        return True
    return bool(channel_id) and str(channel_id).startswith("D")


def team_of(body: Payload) -> str | None:
    """The workspace a request came from: ``team_id`` (commands, events) or ``team.id`` (clicks)."""
    team = body.get("team_id") or (body.get("team") or {}).get("id")
    return str(team) if team else None


def from_command(body: Payload, user: SlackUser, now: dt.datetime) -> IncomingMessage:
    """``/next-meeting board`` → command "next-meeting", text "board"."""
    channel_id = body.get("channel_id")
    return IncomingMessage(
        platform="slack",
        user_id=str(body["user_id"]),
        text=str(body.get("text") or "").strip(),
        now=now,
        is_direct=is_direct_channel(channel_id, body.get("channel_name")),
        channel_id=channel_id,
        command=str(body["command"]).lstrip("/"),
        email=user.email,
        display_name=user.display_name,
        team_id=team_of(body),
    )


def is_conversation_event(event: Payload) -> bool:
    """A person's new words: not an edit, deletion, join notice or another bot's post."""
    if event.get("bot_id") or event.get("subtype") not in (None, "file_share", "thread_broadcast"):
        return False
    return bool(event.get("user"))


def from_event(
    event: Payload,
    user: SlackUser,
    now: dt.datetime,
    bot_user_id: str | None,
    team_id: str | None = None,
) -> IncomingMessage:
    """A direct message or an ``app_mention`` in a channel (``team_id``: the body's workspace)."""
    channel_id = event.get("channel")
    direct = event.get("channel_type") == "im" or (
        event.get("type") == "message" and is_direct_channel(channel_id)
    )
    return IncomingMessage(
        platform="slack",
        user_id=str(event["user"]),
        text=strip_mentions(str(event.get("text") or ""), bot_user_id),
        now=now,
        is_direct=direct,
        channel_id=channel_id,
        mentioned=event.get("type") == "app_mention",
        email=user.email,
        display_name=user.display_name,
        team_id=team_id,
    )


def action_channel(body: Payload) -> str | None:
    channel = body.get("channel") or {}
    container = body.get("container") or {}
    found = channel.get("id") or container.get("channel_id")
    return str(found) if found else None


def from_action(
    body: Payload, action: Payload, user: SlackUser, now: dt.datetime
) -> IncomingMessage:
    """A button click → a message whose ``button`` names the action and its value."""
    channel = body.get("channel") or {}
    channel_id = action_channel(body)
    return IncomingMessage(
        platform="slack",
        user_id=str(body["user"]["id"]),
        text="",
        now=now,
        is_direct=is_direct_channel(channel_id, channel.get("name")),
        channel_id=channel_id,
        email=user.email,
        display_name=user.display_name,
        button=ButtonPress(action_id=str(action["action_id"]), value=str(action.get("value", ""))),
        team_id=team_of(body),
    )
