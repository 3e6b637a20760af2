"""Email inside ``boardclerk run``: settings checked at start, webhooks on the one web server."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from bot.email.service import start_email
from bot.settings import Settings, SettingsError
from handlers.pipeline import Pipeline
from schedules.notify import FanOutNotifier
from tests.bot.email.conftest import REPLY_DOMAIN, Council
from tests.bot.web_server import Serve, serving

SECRET = "p7Qx2LrT9vKc4mWz8NbY"


@pytest.fixture
async def serve() -> AsyncIterator[Serve]:
    async for start in serving():
        yield start


def settings(council: Council, **values: object) -> Settings:
    base: dict[str, object] = {
        "smtp_url": f"smtp://127.0.0.1:{council.relay.port}",
        "mail_from": "boardclerk@council.example.gov.uk",
        "reply_address": f"apologies@{REPLY_DOMAIN}",
    }
    return Settings(**{**base, **values})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "error"),
    [
        ({"sendgrid_parse_secret": "short"}, "BOARDCLERK_SENDGRID_PARSE_SECRET: use 16 or more"),
        ({"sendgrid_parse_secret": "x" * 20 + "/.."}, "BOARDCLERK_SENDGRID_PARSE_SECRET"),
        (
            {"mailgun_signing_key": "key-1", "reply_address": None},
            "the email webhooks need BOARDCLERK_REPLY_ADDRESS",
        ),
        (
            {"mailgun_signing_key": "key-1", "smtp_url": None},
            "the email webhooks need BOARDCLERK_SMTP_URL",
        ),
    ],
)
def test_webhook_settings_that_cannot_work_stop_run_in_one_line(
    council: Council, values: dict[str, object], error: str
) -> None:
    with pytest.raises(SettingsError, match=error):
        start_email(
            settings(council, **values),
            council.db.factory,
            Pipeline(council.db.factory),
            FanOutNotifier(),
        )


async def test_only_the_configured_webhooks_are_served(council: Council, serve: Serve) -> None:
    service = start_email(
        settings(council, sendgrid_parse_secret=SECRET),
        council.db.factory,
        Pipeline(council.db.factory),
        FanOutNotifier(),
    )
    assert service is not None and service.scheduler is not None  # the outbox is flushed
    try:
        app = web.Application()
        service.web_routes(app)
        client = await serve(app)
        sendgrid = await client.post(f"/email/sendgrid/{SECRET}", data={"text": "hi"})
        assert (sendgrid.status, await sendgrid.text()) == (406, "406 no recipient\n")
        assert (await client.post("/email/mailgun", data={})).status == 404
    finally:
        service.stop()
    assert service.scheduler is None
