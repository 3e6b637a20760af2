"""A Board Clerk Discord client wired to dpytest, with only the HTTP layer captured.

dpytest stands in for Discord's gateway and REST API (messages, DMs); the
interaction webhook requests (slash-command and button responses) go through
discord.py's real ``AsyncWebhookAdapter`` with its ``request`` method, the
HTTP call itself, replaced by a recorder. Interactions are built from
INTERACTION_CREATE payloads and dispatched like the gateway does.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
from dataclasses import dataclass, field
from typing import Any

import discord
import discord.ext.test as dpytest
from discord.ext.test import factories
from discord.webhook.async_ import AsyncWebhookAdapter, async_context

from bot.discord.client import BoardClerkClient

EPHEMERAL = 1 << 6
CALLBACK_MESSAGE = 4
CALLBACK_DEFERRED = 5
# The tasks discord.py runs an interaction in: the command tree's and the dynamic buttons'.
_INTERACTION_TASKS = ("CommandTree-invoker", "discord-ui-dynamic-item-")
_ids = itertools.count(900_000_000_000_000_000)


@dataclass
class Request:
    """One HTTP request the bot made: its route and its JSON payload."""

    method: str
    path: str
    payload: dict[str, Any]

    @property
    def data(self) -> dict[str, Any]:
        """The message of an interaction callback, or the payload of a plain send."""
        return self.payload.get("data", self.payload)

    @property
    def ephemeral(self) -> bool:
        return bool(self.data.get("flags", 0) & EPHEMERAL)

    @property
    def embed(self) -> dict[str, Any]:
        return self.data["embeds"][0]

    @property
    def text(self) -> str:
        """Everything a reader sees: content, then each embed's title, text, fields, footer."""
        parts = [self.data.get("content") or ""]
        for embed in self.data.get("embeds", []):
            parts += [embed.get("title", ""), embed.get("description", "")]
            parts += [f"{f['name']}: {f['value']}" for f in embed.get("fields", [])]
            parts.append(embed.get("footer", {}).get("text", ""))
        return "\n".join(p for p in parts if p)

    @property
    def buttons(self) -> dict[str, str]:
        """label → custom_id for every button in the message."""
        return {
            c["label"]: c["custom_id"]
            for row in self.data.get("components", [])
            for c in row.get("components", [])
            if c.get("type") == 2
        }


def _message_dict(payload: dict[str, Any], channel_id: int = 0) -> dict[str, Any]:
    return {
        "id": str(next(_ids)),
        "channel_id": str(channel_id),
        "type": 0,
        "content": payload.get("content") or "",
        "author": {"id": "1", "username": "Board Clerk", "discriminator": "0", "avatar": None},
        "embeds": payload.get("embeds", []),
        "components": payload.get("components", []),
        "attachments": [],
        "mentions": [],
        "mention_roles": [],
        "mention_everyone": False,
        "pinned": False,
        "tts": False,
        "timestamp": "2026-11-23T10:00:00+00:00",
        "edited_timestamp": None,
        "flags": payload.get("flags", 0),
    }


class RecordingWebhookAdapter(AsyncWebhookAdapter):
    """discord.py's webhook adapter whose HTTP request is recorded instead of sent."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[Request] = []
        self._changed = asyncio.Event()

    async def request(self, route: Any, session: Any, *, payload: Any = None, **kwargs: Any) -> Any:
        multipart = kwargs.get("multipart") or []
        if payload is None and multipart:
            payload = json.loads(next(p["value"] for p in multipart if p["name"] == "payload_json"))
        payload = payload or {}
        self.requests.append(Request(route.method, route.path, payload))
        self._changed.set()
        if route.path.endswith("/callback"):
            data = payload.get("data", {})
            return {
                "interaction": {
                    "id": str(route.webhook_id),
                    "type": payload.get("type"),
                    "response_message_id": str(next(_ids)),
                    "response_message_ephemeral": bool(data.get("flags", 0) & EPHEMERAL),
                }
            }
        if route.method == "DELETE":
            return None
        return _message_dict(payload)

    async def wait_for(self, count: int, timeout: float = 10.0) -> list[Request]:
        """The first ``count`` requests, once they have all been made."""
        async with asyncio.timeout(timeout):
            while len(self.requests) < count:
                self._changed.clear()
                await self._changed.wait()
        return self.requests[:count]


@dataclass
class DiscordHarness:
    client: BoardClerkClient
    webhook: RecordingWebhookAdapter
    # Payloads of every message the bot posted through the REST API (DMs, channel posts).
    posted: list[tuple[int, Request]] = field(default_factory=list)

    @property
    def config(self) -> dpytest.RunnerConfig:
        return dpytest.get_config()

    @property
    def guild(self) -> discord.Guild:
        return self.config.guilds[0]

    @property
    def channel(self) -> discord.TextChannel:
        channel = self.config.channels[0]
        assert isinstance(channel, discord.TextChannel)
        return channel

    def member(self, index: int) -> discord.Member:
        return self.config.members[index]

    def record_posts(self) -> None:
        """Keeps each REST message payload (dpytest's fake drops components)."""
        http = self.client.http
        send = http.send_message
        posted = self.posted

        async def send_message(channel_id: int, *, params: Any) -> Any:
            # dpytest's fake reads the caller's ``channel`` local: keep it in this frame.
            channel = sys._getframe(1).f_locals.get("channel")  # noqa: F841
            posted.append(
                (
                    int(channel_id),
                    Request("POST", "/channels/{channel_id}/messages", dict(params.payload or {})),
                )
            )
            return await send(channel_id, params=params)

        http.send_message = send_message  # type: ignore[method-assign]

    def posts_to(self, channel_id: int) -> list[Request]:
        return [request for cid, request in self.posted if cid == channel_id]

    async def dm_channel(self, member: discord.abc.User) -> discord.DMChannel:
        return await member.create_dm()

    async def settle(self, timeout: float = 10.0) -> None:
        """Waits until the bot has finished with every interaction (notices included)."""
        current = asyncio.current_task()
        async with asyncio.timeout(timeout):
            while True:
                pending = [
                    task
                    for task in asyncio.all_tasks()
                    if task is not current
                    and not task.done()
                    and task.get_name().startswith(_INTERACTION_TASKS)
                ]
                if not pending:
                    return
                await asyncio.wait(pending)

    # -- interactions ---------------------------------------------------------

    def _payload(
        self, kind: int, data: dict[str, Any], user: discord.Member, *, in_dm: bool
    ) -> dict[str, Any]:
        user_dict = factories.dict_from_user(user)
        user_dict["id"] = str(user.id)
        payload: dict[str, Any] = {
            "id": str(next(_ids)),
            "application_id": "424242424242424242",
            "type": kind,
            "token": f"token-{next(_ids)}",
            "version": 1,
            "data": data,
            "locale": "en-GB",
            "attachment_size_limit": 8 * 1024 * 1024,
            "app_permissions": "0",
            "entitlements": [],
        }
        if in_dm:
            dm = user.dm_channel
            channel_id = dm.id if dm is not None else next(_ids)
            payload["channel"] = {"id": str(channel_id), "type": 1, "recipients": [user_dict]}
            payload["channel_id"] = str(channel_id)
            payload["user"] = user_dict
            payload["context"] = 1
        else:
            payload["guild_id"] = str(self.guild.id)
            payload["channel"] = {"id": str(self.channel.id), "type": 0}
            payload["channel_id"] = str(self.channel.id)
            payload["member"] = {
                "user": user_dict,
                "roles": [],
                "joined_at": "2026-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
                "permissions": str(discord.Permissions.all().value),
            }
            payload["context"] = 0
        return payload

    async def dispatch(self, payload: dict[str, Any]) -> Request:
        """Dispatches an INTERACTION_CREATE as the gateway would; the bot's first response."""
        already = len(self.webhook.requests)
        # Tasks copy the current context: the interaction's tasks use the recorder.
        async_context.set(self.webhook)
        self.client._connection.parse_interaction_create(payload)  # type: ignore[arg-type]
        return (await self.webhook.wait_for(already + 1))[already]

    async def slash(
        self, name: str, text: str | None = None, *, user: discord.Member, in_dm: bool = False
    ) -> Request:
        data: dict[str, Any] = {"id": str(next(_ids)), "name": name, "type": 1}
        if text is not None:
            data["options"] = [{"name": "text", "type": 3, "value": text}]
        return await self.dispatch(self._payload(2, data, user, in_dm=in_dm))

    async def click(
        self, on: Request, label: str, *, user: discord.Member, in_dm: bool = False
    ) -> Request:
        """Clicks the button labelled ``label`` on the message ``on``."""
        custom_id = on.buttons[label]
        data = {"custom_id": custom_id, "component_type": 2}
        payload = self._payload(3, data, user, in_dm=in_dm)
        payload["message"] = _message_dict(on.data, int(payload["channel_id"]))
        return await self.dispatch(payload)


async def start(client: BoardClerkClient) -> DiscordHarness:
    """Configures dpytest around ``client``: one guild, one text channel, three members."""
    await client._async_setup_hook()
    dpytest.configure(client, members=["Alice", "Jo", "Stranger"])
    # dpytest swaps in its own ConnectionState: point it at the client's command tree.
    client._connection._command_tree = client.tree
    await client.setup_hook()
    harness = DiscordHarness(client=client, webhook=RecordingWebhookAdapter())
    harness.record_posts()
    return harness
