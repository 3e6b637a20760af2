"""Probes against the chat platforms' webhooks and the calendar feeds on the one web server.

Slack's signature is checked on the raw body before anything parses it, so a
malformed unsigned body or a non-numeric timestamp is a 401, not a 500. Teams
answers a body that is not JSON, or JSON nested past any sensible depth, with
400. A personal feed's filename names no internal id. Anonymous Teams is only
ever served on loopback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
from slack_bolt import App
from sqlalchemy import select

from bot.settings import Settings
from bot.slack import http as slack_http
from bot.teams.runtime import start_teams
from bot.web.app import RouteGroup, build_web_app
from bot.web.server import start
from handlers.pipeline import Pipeline
from schedules.notify import RecordingNotifier
from storage.calendar import issue_token
from storage.db import transaction
from storage.models import Member
from tests.bot.cli_runner import Boardclerk
from tests.conftest import Database
from tests.handlers.builders import build

SECRET = "probe-signing-secret"
DEEP = 100_000


async def _serve(db: Database, route: RouteGroup) -> AsyncIterator[str]:
    runner, port = await start(build_web_app(db.factory, routes=[route]), "127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@pytest.fixture
async def slack(sqlite_db: Database) -> AsyncIterator[str]:
    app = App(signing_secret=SECRET, token="xoxb-probe", token_verification_enabled=False)
    async for base in _serve(sqlite_db, lambda web_app: slack_http.register(web_app, app, SECRET)):
        yield base


@pytest.fixture
async def teams(sqlite_db: Database) -> AsyncIterator[str]:
    settings = Settings(_env_file=None, TEAMS_ALLOW_ANONYMOUS=True)  # type: ignore[call-arg]
    runtime = start_teams(
        settings, sqlite_db.factory, Pipeline(sqlite_db.factory), RecordingNotifier()
    )
    async for base in _serve(sqlite_db, runtime.web_routes):
        yield base


def _signed(body: bytes, timestamp: str) -> dict[str, str]:
    base = b"v0:" + timestamp.encode() + b":" + body
    digest = hmac.new(SECRET.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest}"}


async def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            url, data=body, headers={"Content-Type": "application/json", **headers}
        ) as response,
    ):
        return response.status, await response.text()


async def test_slack_malformed_json_unsigned_gets_401(slack: str) -> None:
    status, body = await _post(f"{slack}/slack/events", b'{"type": "event_callback", ', {})

    assert status == 401
    assert "Traceback" not in body


async def test_slack_non_numeric_timestamp_gets_401(slack: str) -> None:
    body = b'{"type": "url_verification", "challenge": "c"}'
    headers = {"X-Slack-Request-Timestamp": "not-a-number", "X-Slack-Signature": "v0=00"}

    assert (await _post(f"{slack}/slack/events", body, headers))[0] == 401
    forged = _signed(body, "１２３")  # digits, but not ASCII ones
    assert (await _post(f"{slack}/slack/events", body, forged))[0] == 401


async def test_slack_signed_requests_still_work_and_signed_garbage_is_400(slack: str) -> None:
    now = str(int(time.time()))
    challenge = b'{"type": "url_verification", "challenge": "probe-challenge"}'
    garbage = b'{"type": "event_callback", '

    ok = await _post(f"{slack}/slack/events", challenge, _signed(challenge, now))
    bad = await _post(f"{slack}/slack/events", garbage, _signed(garbage, now))

    assert ok[0] == 200 and "probe-challenge" in ok[1]
    assert bad[0] == 400


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"[" * DEEP + b"]" * DEEP, b'{"a":' * DEEP + b"1" + b"}" * DEEP],
    ids=["invalid", "deep array", "deep object"],
)
async def test_teams_invalid_or_deeply_nested_json_gets_400(teams: str, body: bytes) -> None:
    status, text = await _post(f"{teams}/api/messages", body, {})

    assert status == 400
    assert "Traceback" not in text


async def test_a_personal_feed_filename_names_no_internal_id(sqlite_db: Database) -> None:
    build(sqlite_db.factory)
    with transaction(sqlite_db.factory) as session:
        member = session.scalars(select(Member).where(Member.name == "Councillor J Walker")).one()
        token = issue_token(session, member, dt.datetime.now(dt.UTC))

    async for base in _serve(sqlite_db, lambda _app: None):
        url = f"{base}/calendar/me/{token}.ics"
        async with aiohttp.ClientSession() as session, session.get(url) as response:
            disposition = response.headers["Content-Disposition"]

    assert response.status == 200
    assert disposition == 'inline; filename="my-meetings.ics"'


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10"])
def test_run_with_anonymous_teams_refuses_any_but_loopback(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch, host: str
) -> None:
    monkeypatch.setenv("TEAMS_ALLOW_ANONYMOUS", "1")

    refused = Boardclerk(sqlite_db.url, monkeypatch)("run", "--host", host, "--port", "0")

    assert refused.exit_code == 2
    assert refused.stderr.strip().splitlines() == [
        f"error: TEAMS_ALLOW_ANONYMOUS=1 accepts unsigned requests: listen on 127.0.0.1, not {host}"
    ]
