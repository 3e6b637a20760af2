"""Replies by webhook: ``POST /email/mailgun`` and ``POST /email/sendgrid/<secret>``.

For a council whose inbound mail service posts mail to a URL instead of relaying
it to the SMTP listener. Both feed ``Inbound.receive_message``, the listener's
own pipeline: the token comes from the envelope recipient, auto-replies are
ignored, and nothing is ever answered to mail without a live token.

Answers: 200 once taken (answered or ignored, as the listener's 250, and for a
Mailgun post whose token was already taken); 401 for a Mailgun post whose
signature is wrong or older than two minutes;
404 for a wrong SendGrid secret; 406 for mail it will never take (too large,
malformed, not for the reply domain), which Mailgun does not retry; other 4xx
for a body that is not a form. A refusal is one line and changes nothing.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Callable
from email.message import EmailMessage

from aiohttp import hdrs, web

from bot.email.inbound import Inbound
from bot.email.webhooks import (
    MAX_AGE_SECONDS,
    WebhookRefused,
    mailgun_message,
    read_form,
    sendgrid_message,
    verify_mailgun,
)

log = logging.getLogger(__name__)
Parse = Callable[[dict[str, str]], tuple[EmailMessage, list[str]]]
Check = Callable[[dict[str, str]], None]


class SeenTokens:
    """Mailgun tokens already taken within the signature's lifetime: a replay is refused."""

    def __init__(self) -> None:
        self.seen: dict[str, float] = {}

    def first_time(self, token: str, now: float) -> bool:
        self.seen = {t: at for t, at in self.seen.items() if now - at <= 2 * MAX_AGE_SECONDS}
        if token in self.seen:
            return False
        self.seen[token] = now
        return True


def refused(status: int, reason: str, service: str) -> web.Response:
    log.info("email: %s post refused (%d): %s", service, status, reason)
    return web.Response(status=status, text=f"{status} {reason}\n")


def register_inbound(
    app: web.Application,
    inbound: Inbound,
    *,
    max_bytes: int,
    mailgun_key: str | None = None,
    sendgrid_secret: str | None = None,
) -> None:
    """Adds each webhook whose secret is configured."""

    async def take(
        request: web.Request, service: str, parse: Parse, check: Check | None
    ) -> web.Response:
        body = await request.read()
        if len(body) > max_bytes:
            return refused(406, f"larger than {max_bytes} bytes", service)
        try:
            fields = read_form(request.headers.get(hdrs.CONTENT_TYPE, ""), body)
            if check is not None:
                check(fields)
            message, recipients = parse(fields)
        except WebhookRefused as exc:
            return refused(exc.status, exc.reason, service)
        if not any(inbound.accepts(r) for r in recipients):
            return refused(406, "not addressed to the reply domain", service)
        reply = await asyncio.to_thread(inbound.receive_message, message, recipients)
        return web.Response(text="answered\n" if reply is not None else "ignored\n")

    if mailgun_key is not None:
        seen = SeenTokens()

        def signed(fields: dict[str, str]) -> None:
            now = inbound.clock().timestamp()
            token = verify_mailgun(mailgun_key, fields, now)
            if not seen.first_time(token, now):
                raise WebhookRefused(200, "already taken")  # a retry: taken, nothing done

        async def mailgun(request: web.Request) -> web.Response:
            return await take(request, "mailgun", mailgun_message, signed)

        app.router.add_post("/email/mailgun", mailgun)

    if sendgrid_secret is not None:
        expected = sendgrid_secret.encode()

        async def sendgrid(request: web.Request) -> web.Response:
            given = request.match_info["secret"].encode()
            if not hmac.compare_digest(given, expected):
                return refused(404, "no such address", "sendgrid")
            return await take(request, "sendgrid", sendgrid_message, None)

        app.router.add_post("/email/sendgrid/{secret}", sendgrid)
