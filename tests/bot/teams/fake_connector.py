"""A local stand-in for the Bot Connector service that Teams replies and reminders go to.

It records every activity posted to ``/v3/conversations/{id}/activities[/{replyTo}]``
and answers the members API (``GET /v3/conversations/{id}/members/{userId}``)
from a table the test fills in.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Posted:
    conversation_id: str
    reply_to: str | None
    authorization: str | None
    activity: dict[str, Any]

    @property
    def card(self) -> dict[str, Any]:
        """The Adaptive Card the activity carries (Board Clerk sends one per reply)."""
        attachments = self.activity.get("attachments") or []
        assert attachments, f"no card in {self.activity}"
        content: dict[str, Any] = attachments[0]["content"]
        return content

    def card_text(self) -> str:
        """Every text block and fact of the card, one per line."""
        lines: list[str] = []
        for block in self.card.get("body", []):
            if block["type"] == "TextBlock":
                lines.append(block["text"])
            elif block["type"] == "FactSet":
                lines.extend(f"{f['title']}: {f['value']}" for f in block["facts"])
        return "\n".join(lines)


@dataclass
class FakeConnector:
    members: dict[str, dict[str, Any]] = field(default_factory=dict)
    posted: list[Posted] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation}/activities", self._post)
        app.router.add_post("/v3/conversations/{conversation}/activities/{reply_to}", self._post)
        app.router.add_get("/v3/conversations/{conversation}/members/{user}", self._member)
        return app

    async def _post(self, request: web.Request) -> web.Response:
        self.posted.append(
            Posted(
                conversation_id=request.match_info["conversation"],
                reply_to=request.match_info.get("reply_to"),
                authorization=request.headers.get("Authorization"),
                activity=await request.json(),
            )
        )
        return web.json_response({"id": f"reply-{next(self._ids)}"})

    async def _member(self, request: web.Request) -> web.Response:
        member = self.members.get(request.match_info["user"])
        if member is None:
            return web.json_response({"error": {"code": "MemberNotFound"}}, status=404)
        return web.json_response(member)


@contextmanager
def connector_in_thread(connector: FakeConnector) -> Iterator[str]:
    """Serve ``connector`` on a free local port from its own thread (for a ``run`` process)."""
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(connector.app())
    loop.run_until_complete(runner.setup())
    site = web.TCPSite(runner, "127.0.0.1", 0)
    loop.run_until_complete(site.start())
    port = runner.addresses[0][1]
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.run_until_complete(runner.cleanup())
        loop.close()
