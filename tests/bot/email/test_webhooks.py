"""Replies posted by Mailgun and SendGrid: the same pipeline as the listener, and nothing on bad input.

The fixtures under ``fixtures/`` are whole multipart posts as each service sends
them (an Outlook reply with quoted history, an attachment, an out-of-office);
``@@TOKEN@@`` stands for the reply token of the reminder the test has just sent.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.email.inbound import Inbound
from bot.web.guard import DEFAULT_LIMITS, harden, safe_path
from bot.web.inbound_routes import register_inbound
from handlers.pipeline import Pipeline
from tests.bot.email.conftest import (
    WALKER,
    Clock,
    Council,
    apologies,
    reminder_reply_to,
)
from tests.bot.web_server import Serve, serving

FIXTURES = Path(__file__).parent / "fixtures"
MAILGUN_KEY = "key-3f1c0b7e9d2a4c6b8e0f1a2b3c4d5e6f"  # what mailgun_reply was signed with
SENDGRID_SECRET = "p7Qx2LrT9vKc4mWz8NbY"
Client = TestClient[web.Request, web.Application]


@pytest.fixture
async def serve() -> AsyncIterator[Serve]:
    async for start in serving():
        yield start


@pytest.fixture
async def client(council: Council, clock: Clock, serve: Serve) -> Client:
    """The web server with both webhooks on, fed to the listener's pipeline."""
    inbound = Inbound(
        council.db.factory,
        council.config,
        Pipeline(council.db.factory),
        council.mailer,
        council.fan_out,
        clock=clock,
    )
    app = web.Application()
    register_inbound(
        app,
        inbound,
        max_bytes=64 * 1024,
        mailgun_key=MAILGUN_KEY,
        sendgrid_secret=SENDGRID_SECRET,
    )
    harden(app, DEFAULT_LIMITS)
    return await serve(app)


def fixture(name: str, token: str) -> tuple[bytes, str]:
    """A recorded post, its token placeholder filled in; and its Content-Type."""
    body = (FIXTURES / f"{name}.multipart").read_bytes().replace(b"@@TOKEN@@", token.encode())
    return body, (FIXTURES / f"{name}.content-type").read_text().strip()


def token_of(council: Council) -> str:
    return reminder_reply_to(council).partition("@")[0].removeprefix("apologies+")


async def post(client: Client, path: str, body: bytes, content_type: str) -> tuple[int, str]:
    response = await client.post(path, data=body, headers={"Content-Type": content_type})
    return response.status, await response.text()


def to_walker(council: Council) -> int:
    return len([m for r, m in council.relay.received if r == [WALKER]])


async def test_a_mailgun_reply_records_the_apology_and_confirms_it_once(
    council: Council, client: Client
) -> None:
    body, kind = fixture("mailgun_reply", token_of(council))
    assert await post(client, "/email/mailgun", body, kind) == (200, "answered\n")
    assert apologies(council) == [("Councillor J Walker", "family commitment")]
    assert to_walker(council) == 1
    # A retry of the same post (its answer lost) is taken and does nothing more.
    assert await post(client, "/email/mailgun", body, kind) == (200, "200 already taken\n")
    assert to_walker(council) == 1


async def test_a_mailgun_post_with_a_bad_or_stale_signature_changes_nothing(
    council: Council, client: Client, clock: Clock
) -> None:
    body, kind = fixture("mailgun_reply", token_of(council))
    forged = body.replace(b'name="signature"\r\n\r\n', b'name="signature"\r\n\r\n0')
    status, text = await post(client, "/email/mailgun", forged, kind)
    assert (status, text) == (401, "401 bad signature\n")
    clock.now = clock.now.replace(minute=3)  # the post was signed at 09:59:40
    status, text = await post(client, "/email/mailgun", body, kind)
    assert (status, text) == (401, "401 signature timestamp older than 2 minutes\n")
    assert apologies(council) == [] and council.relay.received == []


def signed(fields: dict[str, str], token: str, timestamp: str = "1795600780") -> dict[str, str]:
    """``fields`` as Mailgun would sign them at 09:59:40 with a fresh ``token``."""
    signature = hmac.new(
        MAILGUN_KEY.encode(), (timestamp + token).encode(), hashlib.sha256
    ).hexdigest()
    return {**fields, "timestamp": timestamp, "token": token, "signature": signature}


async def test_mailgun_gets_406_for_mail_it_should_not_retry(
    council: Council, client: Client
) -> None:
    elsewhere = signed(
        {"recipient": "clerk@elsewhere.example.com", "body-plain": "Sorry"}, "a" * 50
    )
    response = await client.post("/email/mailgun", data=elsewhere)
    assert response.status == 406
    assert await response.text() == "406 not addressed to the reply domain\n"
    broken = signed({"recipient": f"apologies+{'1' * 32}@boardclerk.example.gov.uk"}, "b" * 50)
    broken["message-headers"] = "{not json"
    response = await client.post("/email/mailgun", data=broken)
    assert (response.status, await response.text()) == (406, "406 message-headers is not JSON\n")
    body, kind = fixture("mailgun_reply", token_of(council))
    padded = body.replace(b"Sorry, I can't", b"Sorry" + b"!" * 70_000 + b" I can't", 1)
    status, text = await post(client, "/email/mailgun", padded, kind)
    assert status == 406 and text == "406 larger than 65536 bytes\n"
    assert apologies(council) == [] and council.relay.received == []


async def test_a_sendgrid_reply_records_the_apology(council: Council, client: Client) -> None:
    body, kind = fixture("sendgrid_reply", token_of(council))
    path = f"/email/sendgrid/{SENDGRID_SECRET}"
    assert await post(client, path, body, kind) == (200, "answered\n")
    assert apologies(council) == [("Councillor J Walker", "hospital appointment")]
    assert to_walker(council) == 1


async def test_sendgrid_with_a_wrong_secret_is_not_found(council: Council, client: Client) -> None:
    body, kind = fixture("sendgrid_reply", token_of(council))
    status, text = await post(client, "/email/sendgrid/" + "x" * 20, body, kind)
    assert (status, text) == (404, "404 no such address\n")
    assert apologies(council) == []


async def test_an_out_of_office_by_sendgrid_is_taken_and_ignored(
    council: Council, client: Client
) -> None:
    body, kind = fixture("sendgrid_out_of_office", token_of(council))
    path = f"/email/sendgrid/{SENDGRID_SECRET}"
    assert await post(client, path, body, kind) == (200, "ignored\n")
    assert apologies(council) == [] and council.relay.received == []


async def test_a_forged_from_without_a_token_is_ignored(council: Council, client: Client) -> None:
    """The From says Councillor Walker; the recipient carries no token: no action, no reply."""
    token_of(council)
    body, kind = fixture("sendgrid_reply", "")
    body = body.replace(b"apologies+@", b"apologies@")
    path = f"/email/sendgrid/{SENDGRID_SECRET}"
    assert await post(client, path, body, kind) == (200, "ignored\n")
    assert apologies(council) == [] and council.relay.received == []


async def test_a_body_that_is_not_a_form_is_refused_in_one_line(
    council: Council, client: Client
) -> None:
    path = f"/email/sendgrid/{SENDGRID_SECRET}"
    status, text = await post(client, path, b'{"text": "Sorry"}', "application/json")
    assert (status, text) == (415, "415 expected multipart/form-data or a urlencoded form\n")
    assert apologies(council) == []


def test_the_sendgrid_secret_never_reaches_a_log_line() -> None:
    assert safe_path(f"/email/sendgrid/{SENDGRID_SECRET}") == "/email/sendgrid/…"
    assert safe_path("/email/mailgun") == "/email/mailgun"
