"""Slack's HTTP mode on Board Clerk's one web server: signed requests over real HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from sqlalchemy import inspect

from bot.slack.app import SlackSetupError, build_app
from bot.slack.runtime import SlackRuntime, start_slack
from bot.web.app import build_web_app
from handlers.pipeline import Pipeline
from tests.bot.slack.conftest import NOW, WALKER, Seeded, sign, slack_settings
from tests.bot.slack.fake_slack import FakeSlack
from tests.bot.web_server import Serve
from tests.conftest import Database


@pytest.fixture
def runtime(fake_slack: FakeSlack, sqlite_db: Database, seeded: Seeded) -> Iterator[SlackRuntime]:
    settings = slack_settings(fake_slack, sqlite_db.url)
    running = start_slack(
        settings, sqlite_db.factory, Pipeline(sqlite_db.factory), clock=lambda: NOW
    )
    yield running
    running.stop()


def _command(fake: FakeSlack) -> str:
    return urlencode(
        {
            "command": "/boardclerk",
            "text": "help",
            "user_id": WALKER,
            "channel_id": "D" + WALKER,
            "channel_name": "directmessage",
            "response_url": fake.response_url("http-mode"),
            "trigger_id": "trigger.http",
        }
    )


async def test_signed_requests_are_acknowledged_then_answered_in_the_background(
    runtime: SlackRuntime, fake_slack: FakeSlack, sqlite_db: Database, serve: Serve
) -> None:
    client = await serve(build_web_app(sqlite_db.factory, routes=[runtime.web_routes]))
    body = _command(fake_slack)

    response = await client.post(
        "/slack/events",
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", **sign(body)},
    )

    assert runtime.mode == "http"
    assert response.status == 200
    [answer] = await asyncio.to_thread(fake_slack.wait_for, "respond")
    assert answer.path == "/respond/http-mode"


async def test_unsigned_and_wrongly_signed_requests_get_401(
    runtime: SlackRuntime, fake_slack: FakeSlack, sqlite_db: Database, serve: Serve
) -> None:
    client = await serve(build_web_app(sqlite_db.factory, routes=[runtime.web_routes]))
    body = _command(fake_slack)
    form = {"Content-Type": "application/x-www-form-urlencoded"}

    unsigned = await client.post("/slack/events", data=body, headers=form)
    forged = await client.post(
        "/slack/events", data=body, headers={**form, **sign(body, secret="not-the-secret")}
    )
    stale = await client.post(
        "/slack/events", data=body, headers={**form, **sign(body, timestamp=1_000_000_000)}
    )

    assert unsigned.status == forged.status == stale.status == 401
    assert fake_slack.called("respond") == []


def test_http_mode_without_a_signing_secret_will_not_start(
    fake_slack: FakeSlack, sqlite_db: Database
) -> None:
    settings = slack_settings(fake_slack, sqlite_db.url, SLACK_SIGNING_SECRET=None)

    with pytest.raises(SlackSetupError, match="SLACK_SIGNING_SECRET"):
        build_app(settings, sqlite_db.factory, Pipeline(sqlite_db.factory))


async def test_oauth_keeps_installations_in_the_same_database_and_serves_the_install_page(
    fake_slack: FakeSlack, sqlite_db: Database, serve: Serve
) -> None:
    settings = slack_settings(
        fake_slack,
        sqlite_db.url,
        SLACK_CLIENT_ID="111.222",
        SLACK_CLIENT_SECRET="client-secret",
    )
    running = start_slack(settings, sqlite_db.factory, Pipeline(sqlite_db.factory))
    try:
        client = await serve(build_web_app(sqlite_db.factory, routes=[running.web_routes]))
        page = await client.get("/slack/install")
        tables = set(inspect(sqlite_db.engine).get_table_names())

        assert {"slack_installations", "slack_bots", "slack_oauth_states"} <= tables
        assert page.status == 200
        assert "client_id=111.222" in await page.text()
        assert "slack-app-oauth-state" in page.headers.get("Set-Cookie", "")
    finally:
        running.stop()
