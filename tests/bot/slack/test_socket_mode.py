"""``start_slack`` in Socket Mode: a real WebSocket on 127.0.0.1 in place of Slack's.

The fake Web API hands out the WebSocket URL from ``apps.connections.open``
(asked with the app-level token); slack_sdk's built-in client dials it over
plain ``ws://`` (it only uses TLS on port 443), and the fake pushes envelopes
shaped as Slack sends them. Each must come back acknowledged by its
``envelope_id``, and the answers must reach the fake Web API.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from aiohttp import WSMsgType, web

from bot.slack.runtime import SlackRuntime, start_slack
from handlers.pipeline import Pipeline
from tests.bot.slack.conftest import CLERK, NOW, WALKER, Seeded, slack_settings
from tests.bot.slack.fake_slack import FakeSlack
from tests.conftest import Database

APP_TOKEN = "xapp-test"
APP_ID = "A0BOARDCLERK"
WAIT = 10.0


class FakeSocketMode:
    """Slack's Socket Mode end: an aiohttp WebSocket server on its own thread and event loop.

    Greets each connection with ``hello`` as Slack does, records every text
    frame the app sends back (the acknowledgements) and pushes envelopes on
    request. All waits are bounded conditions.
    """

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.connections = 0
        self.disconnections = 0
        self._changed = threading.Condition()
        self._current: web.WebSocketResponse | None = None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="fake-socket-mode", daemon=True
        )
        self._runner: web.AppRunner | None = None
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))

    @property
    def url(self) -> str:
        port = self._sock.getsockname()[1]
        return f"ws://127.0.0.1:{port}/link/?ticket=fake-ticket&app_id={APP_ID}"

    # -- running -------------------------------------------------------------

    def start(self) -> None:
        self._thread.start()
        self._run(self._start())

    def stop(self) -> None:
        self._run(self._stop())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=WAIT)
        self._loop.close()

    def _run(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=WAIT)

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_get("/link/", self._link)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        await web.SockSite(self._runner, self._sock).start()

    async def _stop(self) -> None:
        if self._current is not None:
            await self._current.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _link(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()  # autoping: the client's pings get pongs
        await ws.prepare(request)
        await ws.send_json(
            {
                "type": "hello",
                "num_connections": 1,
                "debug_info": {"host": "fake-socket-mode", "approximate_connection_time": 18060},
                "connection_info": {"app_id": APP_ID},
            }
        )
        with self._changed:
            self._current = ws
            self.connections += 1
            self._changed.notify_all()
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                with self._changed:
                    self.received.append(json.loads(message.data))
                    self._changed.notify_all()
        with self._changed:
            self.disconnections += 1
            self._changed.notify_all()
        return ws

    # -- driving and asserting -----------------------------------------------

    def wait_until_connected(self) -> None:
        with self._changed:
            assert self._changed.wait_for(lambda: self._current is not None, WAIT), (
                "the app never opened the WebSocket"
            )

    def push(self, envelope: dict[str, Any]) -> None:
        ws = self._current
        assert ws is not None
        self._run(ws.send_json(envelope))

    def wait_for_ack(self, envelope_id: str) -> dict[str, Any]:
        def ack() -> dict[str, Any] | None:
            return next((m for m in self.received if m.get("envelope_id") == envelope_id), None)

        with self._changed:
            self._changed.wait_for(lambda: ack() is not None, WAIT)
            found = ack()
        assert found is not None, f"envelope {envelope_id} was never acknowledged"
        return found

    def wait_until_disconnected(self) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self.disconnections >= self.connections, WAIT)


def _slash_command(fake: FakeSlack, envelope_id: str) -> dict[str, Any]:
    return {
        "envelope_id": envelope_id,
        "type": "slash_commands",
        "accepts_response_payload": True,
        "payload": {
            "token": "legacy",
            "team_id": "T0COUNCIL",
            "team_domain": "council",
            "channel_id": "D" + WALKER,
            "channel_name": "directmessage",
            "user_id": WALKER,
            "user_name": WALKER.lower(),
            "command": "/next-meeting",
            "text": "CPB",
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": fake.response_url("socket-command"),
            "trigger_id": "trigger.socket.1",
        },
    }


def _direct_message(envelope_id: str, user: str) -> dict[str, Any]:
    return {
        "envelope_id": envelope_id,
        "type": "events_api",
        "accepts_response_payload": False,
        "retry_attempt": 0,
        "retry_reason": "",
        "payload": {
            "token": "legacy",
            "team_id": "T0COUNCIL",
            "api_app_id": APP_ID,
            "type": "event_callback",
            "event_id": "EvSOCKET1",
            "event_time": int(NOW.timestamp()),
            "authorizations": [{"team_id": "T0COUNCIL", "user_id": "UBOARDCLERK", "is_bot": True}],
            "event": {
                "type": "message",
                "channel_type": "im",
                "channel": "D" + user,
                "user": user,
                "text": "when is the next meeting?",
                "ts": "1795000000.000001",
            },
        },
    }


@pytest.fixture
def socket_mode(fake_slack: FakeSlack) -> Iterator[FakeSocketMode]:
    server = FakeSocketMode()
    server.start()
    fake_slack.socket_mode_url = server.url
    yield server
    server.stop()


@pytest.fixture
def threads_before(socket_mode: FakeSocketMode) -> set[threading.Thread]:
    """The threads alive before Slack starts (the fakes' included)."""
    return set(threading.enumerate())


@pytest.fixture
def runtime(
    fake_slack: FakeSlack,
    socket_mode: FakeSocketMode,
    threads_before: set[threading.Thread],
    sqlite_db: Database,
    seeded: Seeded,
) -> Iterator[SlackRuntime]:
    settings = slack_settings(
        fake_slack, sqlite_db.url, SLACK_APP_TOKEN=APP_TOKEN, SLACK_SIGNING_SECRET=None
    )
    running = start_slack(
        settings, sqlite_db.factory, Pipeline(sqlite_db.factory), clock=lambda: NOW
    )
    yield running
    running.stop()  # a second stop after the test's own is harmless


def test_socket_mode_opens_the_websocket_with_the_app_level_token(
    runtime: SlackRuntime, fake_slack: FakeSlack, socket_mode: FakeSocketMode
) -> None:
    assert runtime.mode == "socket"
    socket_mode.wait_until_connected()
    [opened] = fake_slack.called("apps.connections.open")
    assert opened.headers["authorization"] == f"Bearer {APP_TOKEN}"
    state = runtime.health.state()  # what /healthz reports
    assert (state.name, state.mode, state.up) == ("slack", "socket", True)


def test_socket_mode_acknowledges_envelopes_and_answers_through_the_web_api(
    runtime: SlackRuntime, fake_slack: FakeSlack, socket_mode: FakeSocketMode
) -> None:
    socket_mode.wait_until_connected()

    # Back to back, as Slack may deliver them. (The DM is the clerk's, who is linked already:
    # two first messages at once from a member not yet linked race to link them.)
    socket_mode.push(_slash_command(fake_slack, "env-command-1"))
    socket_mode.push(_direct_message("env-event-1", CLERK))

    assert socket_mode.wait_for_ack("env-command-1") == {"envelope_id": "env-command-1"}
    assert socket_mode.wait_for_ack("env-event-1") == {"envelope_id": "env-event-1"}

    [responded] = fake_slack.wait_for("respond")
    assert responded.path == "/respond/socket-command"
    assert "2 December 2026" in responded.block_text()
    assert "Committee Room 2" in responded.block_text()

    [posted] = fake_slack.wait_for("chat.postMessage")
    assert posted.params["channel"] == "D" + CLERK
    assert posted.headers["authorization"] == "Bearer xoxb-test-token"
    assert "2 December 2026" in posted.block_text()


def test_stop_closes_the_websocket_and_leaves_no_thread_behind(
    runtime: SlackRuntime,
    fake_slack: FakeSlack,
    socket_mode: FakeSocketMode,
    threads_before: set[threading.Thread],
) -> None:
    socket_mode.wait_until_connected()
    socket_mode.push(_slash_command(fake_slack, "env-command-2"))
    socket_mode.wait_for_ack("env-command-2")
    fake_slack.wait_for("respond")

    runtime.stop()

    assert socket_mode.wait_until_disconnected(), "the WebSocket was left open"
    left = [t.name for t in threading.enumerate() if t not in threads_before and t.is_alive()]
    assert left == []
