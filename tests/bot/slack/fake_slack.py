"""A fake Slack Web API on 127.0.0.1: records every call and answers like Slack would.

The app under test talks to it over real HTTP (its ``WebClient.base_url``
and the slash commands' ``response_url`` point here), so what a test asserts
is exactly what would have reached Slack.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

BOT_USER_ID = "UBOARDCLERK"
TEAM_ID = "T0COUNCIL"


@dataclass
class Call:
    """One request the app made: the API method (or ``respond``) and its parameters."""

    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    path: str = ""

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def blocks(self) -> list[dict[str, Any]]:
        blocks = self.params.get("blocks") or []
        return json.loads(blocks) if isinstance(blocks, str) else list(blocks)

    def block_text(self) -> str:
        """Every string inside the blocks, for asserting what the member sees."""
        found: list[str] = []

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "text" and isinstance(value, str):
                        found.append(value)
                    else:
                        walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(self.blocks)
        return "\n".join(found)

    def buttons(self) -> list[dict[str, Any]]:
        return [e for b in self.blocks if b["type"] == "actions" for e in b["elements"]]


@dataclass
class FakeSlack:
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    # What ``apps.connections.open`` hands out (Socket Mode's WebSocket URL), once set.
    socket_mode_url: str | None = None
    # Bot token → the workspace (team id) it belongs to; unknown tokens are TEAM_ID's.
    workspaces: dict[str, str] = field(default_factory=dict)
    # Users whose DM cannot be opened: the connection drops without an answer, every time.
    unreachable: set[str] = field(default_factory=set)
    _rate_limited: dict[str, int] = field(default_factory=dict)
    _hanging: set[str] = field(default_factory=set)
    _released: threading.Event = field(default_factory=threading.Event)
    _changed: threading.Condition = field(default_factory=threading.Condition)
    _server: ThreadingHTTPServer | None = None

    # -- set-up ---------------------------------------------------------------

    def add_user(self, user_id: str, email: str | None, name: str) -> None:
        profile: dict[str, Any] = {"display_name": name, "real_name": name}
        if email is not None:
            profile["email"] = email
        self.users[user_id] = {"id": user_id, "name": name.lower(), "profile": profile}

    def add_workspace(self, team_id: str, bot_token: str) -> None:
        """Another workspace with Board Clerk installed: ``auth.test`` answers for its token."""
        self.workspaces[bot_token] = team_id

    def hang_once(self, method: str) -> None:
        """The next ``method`` call is recorded as "<method> (hung)" and never answered
        (until the fake stops): a Slack that stalls while the caller dies."""
        self._hanging.add(method)

    def rate_limit_once(self, method: str, retry_after: int = 0) -> None:
        """The next ``method`` call gets HTTP 429 with ``Retry-After``."""
        self._rate_limited[method] = retry_after

    def start(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake._handle(self)

            def do_POST(self) -> None:
                fake._handle(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._released.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def origin(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_port}"

    @property
    def api_url(self) -> str:
        return f"{self.origin}/api/"

    def response_url(self, name: str) -> str:
        return f"{self.origin}/respond/{name}"

    # -- asserting -----------------------------------------------------------

    def called(self, *methods: str) -> list[Call]:
        with self._changed:
            return [c for c in self.calls if c.method in methods]

    def replies(self) -> list[Call]:
        """Everything that reached a member: posts, ephemerals and responses."""
        return self.called("chat.postMessage", "chat.postEphemeral", "respond")

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Bounded wait for background work (HTTP mode): no fixed sleeps."""
        with self._changed:
            self._changed.wait_for(
                lambda: len([c for c in self.calls if c.method == method]) >= count, timeout
            )
            return [c for c in self.calls if c.method == method]

    # -- serving -------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        url = urlsplit(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length).decode() if length else ""
        params: dict[str, Any] = dict(parse_qsl(url.query))
        if raw:
            if (request.headers.get("Content-Type") or "").startswith("application/json"):
                params.update(json.loads(raw))
            else:
                params.update(parse_qsl(raw))
        method = "respond" if url.path.startswith("/respond/") else url.path.removeprefix("/api/")
        headers = {k.lower(): v for k, v in request.headers.items()}
        if self._hang(method, params, headers, url.path):
            return
        if method == "conversations.open" and params.get("users") in self.unreachable:
            with self._changed:
                self.calls.append(Call(f"{method} (dropped)", params, headers, url.path))
                self._changed.notify_all()
            request.close_connection = True
            return
        status, body, extra = self._answer(method, params, headers)
        if status == 200:
            with self._changed:
                self.calls.append(Call(method, params, headers, url.path))
                self._changed.notify_all()
        payload = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        request.send_response(status)
        request.send_header(
            "Content-Type", "text/plain" if isinstance(body, str) else "application/json"
        )
        for key, value in extra.items():
            request.send_header(key, value)
        request.send_header("Content-Length", str(len(payload)))
        request.end_headers()
        request.wfile.write(payload)

    def _hang(
        self, method: str, params: dict[str, Any], headers: dict[str, str], path: str
    ) -> bool:
        with self._changed:
            if method not in self._hanging:
                return False
            self._hanging.discard(method)
            self.calls.append(Call(f"{method} (hung)", params, headers, path))
            self._changed.notify_all()
        self._released.wait()
        return True

    def _answer(
        self, method: str, params: dict[str, Any], headers: dict[str, str]
    ) -> tuple[int, dict[str, Any] | str, dict[str, str]]:
        with self._changed:
            if method in self._rate_limited:
                retry_after = self._rate_limited.pop(method)
                self.calls.append(Call(f"{method} (rate limited)", params, {}))
                return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)}
        if method == "respond":
            return 200, "ok", {}
        if method == "auth.test":
            return (
                200,
                {
                    "ok": True,
                    "url": "https://council.example.slack.com/",
                    "team": "Council",
                    "user": "boardclerk",
                    "team_id": self.workspaces.get(
                        headers.get("authorization", "").removeprefix("Bearer "), TEAM_ID
                    ),
                    "user_id": BOT_USER_ID,
                    "bot_id": "BBOARDCLERK",
                },
                {},
            )
        if method == "apps.connections.open":
            if self.socket_mode_url is None:
                return 200, {"ok": False, "error": "not_allowed_token_type"}, {}
            return 200, {"ok": True, "url": self.socket_mode_url}, {}
        if method == "users.info":
            user = self.users.get(str(params.get("user")))
            if user is None:
                return 200, {"ok": False, "error": "user_not_found"}, {}
            return 200, {"ok": True, "user": user}, {}
        if method == "conversations.open":
            first = str(params.get("users", "")).split(",")[0]
            return 200, {"ok": True, "channel": {"id": "D" + first.removeprefix("U")}}, {}
        if method == "chat.postMessage":
            return (
                200,
                {"ok": True, "channel": params.get("channel"), "ts": "1795000000.000100"},
                {},
            )
        if method == "chat.postEphemeral":
            return 200, {"ok": True, "message_ts": "1795000000.000200"}, {}
        return 200, {"ok": True}, {}
