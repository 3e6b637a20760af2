"""Slack's HTTP mode on Board Clerk's one aiohttp server: ``/slack/events`` and the OAuth pages.

bolt ships an aiohttp adapter only for its ``AsyncApp``; Board Clerk's ``App``
is synchronous (the pipeline and the database are). So each request becomes a
``BoltRequest`` and the app's own ``dispatch`` (signature check, ack, lazy
listeners) runs in a worker thread, keeping the event loop free; bolt's
``to_aiohttp_response`` turns the answer (and the OAuth cookies) back into aiohttp's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

from aiohttp import web
from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.aiohttp import to_aiohttp_response

EVENTS_PATH = "/slack/events"


async def _bolt_request(request: web.Request) -> BoltRequest:
    headers: dict[str, str | Sequence[str]] = {
        name: request.headers.getall(name) for name in request.headers
    }
    return BoltRequest(body=await request.text(), query=request.query_string, headers=headers)


def _handler(
    run: Callable[[BoltRequest], BoltResponse],
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def handle(request: web.Request) -> web.StreamResponse:
        bolt_request = await _bolt_request(request)
        response = await asyncio.get_running_loop().run_in_executor(None, run, bolt_request)
        return await to_aiohttp_response(response)

    return handle


def register(web_app: web.Application, bolt_app: App) -> None:
    """Serve ``bolt_app`` at /slack/events, and its install pages when OAuth is on."""
    web_app.router.add_post(EVENTS_PATH, _handler(bolt_app.dispatch))
    flow = bolt_app.oauth_flow
    if flow is not None:
        web_app.router.add_get(flow.install_path, _handler(flow.handle_installation))
        web_app.router.add_get(flow.redirect_uri_path, _handler(flow.handle_callback))
