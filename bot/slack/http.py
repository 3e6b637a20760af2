"""Slack's HTTP mode on Board Clerk's one aiohttp server: ``/slack/events`` and the OAuth pages.

bolt ships an aiohttp adapter only for its ``AsyncApp``; Board Clerk's ``App``
is synchronous (the pipeline and the database are). So each request becomes a
``BoltRequest`` and the app's own ``dispatch`` (signature check, ack, lazy
listeners) runs in a worker thread, keeping the event loop free; bolt's
``to_aiohttp_response`` turns the answer (and the OAuth cookies) back into aiohttp's.

``/slack/events`` checks the signature on the raw bytes *before* bolt parses
the body: bolt parses first, so a malformed unsigned body or a non-numeric
timestamp escaped as a 500. Both are a 401 here, as any unsigned request is.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

from aiohttp import web
from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_sdk.signature import SignatureVerifier

EVENTS_PATH = "/slack/events"
# The body bolt itself answers an unverifiable request with.
UNSIGNED = {"error": "invalid request"}

Check = Callable[[bytes, web.Request], bool]


def signature_check(signing_secret: str) -> Check:
    """Whether a body and its headers carry Slack's signature, made within five minutes."""
    verifier = SignatureVerifier(signing_secret)

    def signed(body: bytes, request: web.Request) -> bool:
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature")
        if not timestamp.isascii() or not timestamp.isdigit():
            return False
        try:
            return verifier.is_valid(body, timestamp, signature)
        except ValueError:  # a body that is not UTF-8 cannot have been signed by Slack
            return False

    return signed


def _bolt_request(request: web.Request, body: bytes) -> BoltRequest:
    headers: dict[str, str | Sequence[str]] = {
        name: request.headers.getall(name) for name in request.headers
    }
    text = body.decode("utf-8", errors="replace")
    return BoltRequest(body=text, query=request.query_string, headers=headers)


def _handler(
    run: Callable[[BoltRequest], BoltResponse], check: Check | None = None
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def handle(request: web.Request) -> web.StreamResponse:
        body = await request.read()
        if check is not None and not check(body, request):
            return web.json_response(UNSIGNED, status=401)
        try:
            bolt_request = _bolt_request(request, body)
        except ValueError:  # signed, yet not JSON
            return web.json_response({"error": "malformed request"}, status=400)
        response = await asyncio.get_running_loop().run_in_executor(None, run, bolt_request)
        return await to_aiohttp_response(response)

    return handle


def register(web_app: web.Application, bolt_app: App, signing_secret: str) -> None:
    """Serve ``bolt_app`` at /slack/events, and its install pages when OAuth is on."""
    check = signature_check(signing_secret)
    web_app.router.add_post(EVENTS_PATH, _handler(bolt_app.dispatch, check))
    flow = bolt_app.oauth_flow
    if flow is not None:
        web_app.router.add_get(flow.install_path, _handler(flow.handle_installation))
        web_app.router.add_get(flow.redirect_uri_path, _handler(flow.handle_callback))
