"""``start_slack`` in HTTP mode: a real server on a free port, Slack's requests over real HTTP."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from sqlalchemy import inspect

from bot.slack.app import SlackSetupError, build_app
from bot.slack.runtime import SlackRuntime, start_slack
from handlers.pipeline import Pipeline
from tests.bot.slack.conftest import NOW, WALKER, Seeded, sign, slack_settings
from tests.bot.slack.fake_slack import FakeSlack
from tests.conftest import Database


@pytest.fixture
def runtime(fake_slack: FakeSlack, sqlite_db: Database, seeded: Seeded) -> Iterator[SlackRuntime]:
    settings = slack_settings(fake_slack, sqlite_db.url)
    running = start_slack(
        settings,
        sqlite_db.factory,
        Pipeline(sqlite_db.factory),
        port=0,
        host="127.0.0.1",
        clock=lambda: NOW,
    )
    yield running
    running.stop()


def _post(runtime: SlackRuntime, body: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{runtime.port}/slack/events",
        data=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


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


def test_http_mode_acknowledges_then_answers_in_the_background(
    runtime: SlackRuntime, fake_slack: FakeSlack
) -> None:
    body = _command(fake_slack)

    assert runtime.mode == "http"
    assert _post(runtime, body, sign(body)) == 200
    [answer] = fake_slack.wait_for("respond")
    assert answer.path == "/respond/http-mode"


def test_http_mode_refuses_unsigned_requests_with_401(
    runtime: SlackRuntime, fake_slack: FakeSlack
) -> None:
    assert _post(runtime, _command(fake_slack), {}) == 401
    assert fake_slack.called("respond") == []


def test_http_mode_without_a_signing_secret_will_not_start(
    fake_slack: FakeSlack, sqlite_db: Database
) -> None:
    settings = slack_settings(fake_slack, sqlite_db.url, SLACK_SIGNING_SECRET=None)

    with pytest.raises(SlackSetupError, match="SLACK_SIGNING_SECRET"):
        build_app(settings, sqlite_db.factory, Pipeline(sqlite_db.factory))


def test_oauth_keeps_installations_in_the_same_database_and_serves_the_install_page(
    fake_slack: FakeSlack, sqlite_db: Database
) -> None:
    settings = slack_settings(
        fake_slack,
        sqlite_db.url,
        SLACK_CLIENT_ID="111.222",
        SLACK_CLIENT_SECRET="client-secret",
    )
    running = start_slack(
        settings, sqlite_db.factory, Pipeline(sqlite_db.factory), port=0, host="127.0.0.1"
    )
    try:
        tables = set(inspect(sqlite_db.engine).get_table_names())
        assert {"slack_installations", "slack_bots", "slack_oauth_states"} <= tables
        with urllib.request.urlopen(
            f"http://127.0.0.1:{running.port}/slack/install", timeout=10
        ) as page:
            assert page.status == 200
            assert "client_id=111.222" in page.read().decode()
    finally:
        running.stop()
