"""One-click unsubscribe (RFC 8058): ``POST /email/unsubscribe/<token>``.

Mail clients POST ``List-Unsubscribe=One-Click`` to the link in the
``List-Unsubscribe`` header. A GET (a person following the link, or a mail
scanner) only shows a button, so nothing changes without a POST. Unknown and
revoked tokens get the same 404.
"""

from __future__ import annotations

import asyncio
from html import escape

from aiohttp import web
from sqlalchemy.orm import Session, sessionmaker

from storage.db import transaction
from storage.email import token_holder, unsubscribe

NOT_FOUND = "No such subscription."
PAGE = (
    "<html><body><form method='post'><p>Stop getting {kind} from Board Clerk by email?</p>"
    "<button type='submit' name='List-Unsubscribe' value='One-Click'>Unsubscribe</button>"
    "</form></body></html>"
)


def register(app: web.Application, factory: sessionmaker[Session]) -> None:
    def kind_of(token: str) -> str | None:
        with transaction(factory) as session:
            holder = token_holder(session, token)
            return None if holder is None else holder.kind

    def stop(token: str) -> str | None:
        with transaction(factory) as session:
            return unsubscribe(session, token)

    async def show(request: web.Request) -> web.Response:
        kind = await asyncio.to_thread(kind_of, request.match_info["token"])
        if kind is None:
            return web.Response(status=404, text=NOT_FOUND)
        return web.Response(text=PAGE.format(kind=escape(kind)), content_type="text/html")

    async def one_click(request: web.Request) -> web.Response:
        kind = await asyncio.to_thread(stop, request.match_info["token"])
        if kind is None:
            return web.Response(status=404, text=NOT_FOUND)
        return web.Response(text=f"Unsubscribed: no more {kind} by email.")

    app.router.add_get("/email/unsubscribe/{token}", show)
    app.router.add_post("/email/unsubscribe/{token}", one_click)
