"""``GET /calendar/<slug>.ics`` (a board's public feed) and ``GET /calendar/me/<token>.ics``.

Feeds are rendered in a worker thread (the database is synchronous) and kept
in a ``FeedCache`` (refreshed in the background once older than the setting). A personal token is checked against the database on
every request, so a revoked link stops at once; a wrong and a revoked token get
the same 404 after the same single lookup. ETag and Cache-Control let calendar
clients poll cheaply: an unchanged feed is a 304 with no body.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from aiohttp import web
from sqlalchemy.orm import Session, sessionmaker

from bot.web.feed_cache import FeedCache
from handlers.calendar.feeds import Feed, board_feed, member_feed
from storage.calendar import board_by_slug, member_for_token
from storage.db import transaction
from storage.models import Member

T = TypeVar("T")
MAX_AGE = 300  # seconds a client may keep a feed without asking again
NOT_FOUND = "No such calendar."


async def _in_thread(work: Callable[[], T]) -> T:
    return await asyncio.get_running_loop().run_in_executor(None, work)


def _respond(request: web.Request, feed: Feed, scope: str) -> web.Response:
    headers = {"Cache-Control": f"{scope}, max-age={MAX_AGE}"}
    wanted = request.if_none_match or ()
    if any(tag.value in (feed.etag, "*") for tag in wanted):
        response = web.Response(status=304, headers=headers)
    else:
        response = web.Response(
            body=feed.body,
            content_type="text/calendar",
            charset="utf-8",
            headers={**headers, "Content-Disposition": f'inline; filename="{feed.name}.ics"'},
        )
    response.etag = feed.etag
    return response


def register(app: web.Application, factory: sessionmaker[Session], *, cache_seconds: float) -> None:
    cache: FeedCache[Feed | None] = FeedCache(cache_seconds)

    def render_board(slug: str) -> Feed | None:
        with transaction(factory) as session:
            board = board_by_slug(session, slug)
            return None if board is None else board_feed(session, board)

    def member_of(token: str) -> int | None:
        with transaction(factory) as session:
            member = member_for_token(session, token)
            return None if member is None else member.id

    def render_member(member_id: int) -> Feed | None:
        with transaction(factory) as session:
            member = session.get(Member, member_id)
            return None if member is None else member_feed(session, member)

    async def board(request: web.Request) -> web.Response:
        slug = request.match_info["slug"]
        feed = await cache.get(("board", slug), lambda: _in_thread(lambda: render_board(slug)))
        if feed is None:
            cache.drop(("board", slug))  # unknown slugs are not remembered
            raise web.HTTPNotFound(text=NOT_FOUND)
        return _respond(request, feed, "public")

    async def personal(request: web.Request) -> web.Response:
        token = request.match_info["token"]
        member_id = await _in_thread(lambda: member_of(token))
        if member_id is None:
            raise web.HTTPNotFound(text=NOT_FOUND)
        feed = await cache.get(
            ("member", member_id), lambda: _in_thread(lambda: render_member(member_id))
        )
        if feed is None:
            raise web.HTTPNotFound(text=NOT_FOUND)
        return _respond(request, feed, "private")

    app.router.add_get("/calendar/me/{token}.ics", personal)
    app.router.add_get("/calendar/{slug}.ics", board)
