"""``/console/``: the clerk's console, pages rendered on the server with Jinja2 (no JavaScript needed).

Registered on the one web server like the other route groups. Work that touches the
database runs in a worker thread, one transaction per request; every change is
written to the audit table.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from sqlalchemy.orm import Session, sessionmaker

from bot.web.console import (
    actions,
    announcements,
    audit_log,
    email_page,
    meetings,
    members,
    own,
    pages,
    review,
    sources,
)
from bot.web.console.auth import (
    COOKIE,
    Viewer,
    check_csrf,
    clear_cookie,
    set_cookie,
    viewer_from,
)
from bot.web.console.forms import in_thread
from handlers.clock import Clock, system_clock
from handlers.console_link import SIGN_IN_PATH
from ingest.moderngov.sync import ClientFactory
from storage.console_auth import end_session, redeem_link
from storage.console_auth import signed_in as signed_in_as
from storage.db import transaction
from storage.errors import InvalidInput

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
TEMPLATES: web.AppKey[jinja2.Environment] = web.AppKey("console_templates", jinja2.Environment)
STATIC = Path(__file__).resolve().parent.parent / "static"


def register(
    app: web.Application,
    factory: sessionmaker[Session],
    *,
    public_url: str | None = None,
    clock: Clock = system_clock,
    make_client: ClientFactory | None = None,
) -> None:
    """Add the console's routes and its template environment to ``app``.

    ``make_client`` reads councils' sites (Sources: "Sync now", following a
    committee); without it those pages only show what is followed.
    """
    env = aiohttp_jinja2.setup(
        app,
        app_key=TEMPLATES,
        loader=jinja2.PackageLoader("bot.web.console", "templates"),
        autoescape=True,
        default_helpers=False,
        auto_reload=False,  # compiled once: the package's templates do not change under it
    )
    secure = bool(public_url and public_url.startswith("https://"))

    def html(body: str, status: int = 200) -> web.Response:
        return web.Response(
            text=body,
            status=status,
            content_type="text/html",
            headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY"},
        )

    async def viewer(request: web.Request) -> Viewer | None:
        secret = request.cookies.get(COOKIE)
        if not secret:
            return None

        def load() -> Viewer | None:
            with transaction(factory) as session:
                found = signed_in_as(session, secret, clock())
                return None if found is None else viewer_from(found)

        return await in_thread(load)

    async def signed_in(request: web.Request) -> Viewer:
        found = await viewer(request)
        if found is None:
            raise web.HTTPSeeOther("/console/sign-in")
        return found

    async def page(request: web.Request, render: pages.Render) -> web.Response:
        secret = request.cookies.get(COOKIE)
        if not secret:
            raise web.HTTPSeeOther("/console/sign-in")
        values = {**request.query, **request.match_info}

        def work() -> str | None:
            """Who is asking and the page, in one transaction and one trip to a thread."""
            now = clock()
            with transaction(factory) as session:
                found = signed_in_as(session, secret, now)
                if found is None:
                    return None
                return render(env, session, viewer_from(found), values, now)

        body = await in_thread(work)
        if body is None:
            raise web.HTTPSeeOther("/console/sign-in")
        return html(body)

    async def change(request: web.Request, apply: pages.Change) -> web.Response:
        who = await signed_in(request)
        form = {k: str(v) for k, v in (await request.post()).items()}
        check_csrf(who, form)

        def work() -> str:
            with transaction(factory) as session:
                return apply(session, who, request.match_info, form, clock())

        try:
            target = await in_thread(work)
        except InvalidInput as exc:  # rolled back: nothing changed
            back = urlsplit(request.headers.get("Referer", ""))
            body = env.get_template("error.html").render(
                viewer=who, message=str(exc), back=back.path or "/console/"
            )
            return html(body, status=400)
        raise web.HTTPSeeOther(target)

    async def sign_in_help(request: web.Request) -> web.Response:
        return html(env.get_template("sign_in.html").render(token=None, viewer=None))

    async def sign_in_form(request: web.Request) -> web.Response:
        token = request.match_info["token"]
        return html(env.get_template("sign_in.html").render(token=token, viewer=None))

    async def sign_in(request: web.Request) -> web.Response:
        token = str((await request.post()).get("token", ""))

        def work() -> str | None:
            with transaction(factory) as session:
                opened = redeem_link(session, token, clock())
                return None if opened is None else opened[0]

        secret = await in_thread(work) if token else None
        if secret is None:
            body = env.get_template("sign_in.html").render(token=None, refused=True, viewer=None)
            return html(body, status=403)
        response = web.HTTPSeeOther("/console/")
        set_cookie(response, secret, secure=secure)
        raise response

    async def sign_out(request: web.Request) -> web.Response:
        who = await signed_in(request)
        check_csrf(who, {k: str(v) for k, v in (await request.post()).items()})
        secret = request.cookies[COOKIE]

        def work() -> None:
            with transaction(factory) as session:
                end_session(session, secret)

        await in_thread(work)
        response = web.HTTPSeeOther("/console/sign-in")
        clear_cookie(response)
        raise response

    async def own_data(request: web.Request) -> web.Response:
        who = await signed_in(request)

        def work() -> str:
            with transaction(factory) as session:
                return pages.own_data(session, who, clock())

        return web.Response(
            text=await in_thread(work),
            content_type="application/json",
            headers={
                "Cache-Control": "no-store",
                "Content-Disposition": 'attachment; filename="my-board-clerk-data.json"',
            },
        )

    def showing(render: pages.Render) -> Handler:
        async def handle(request: web.Request) -> web.Response:
            return await page(request, render)

        return handle

    def changing(apply: pages.Change) -> Handler:
        async def handle(request: web.Request) -> web.Response:
            return await change(request, apply)

        return handle

    app.router.add_get("/console", _to_console)
    app.router.add_get("/console/", showing(pages.home))
    app.router.add_get("/console/sign-in", sign_in_help)
    app.router.add_get(SIGN_IN_PATH, sign_in_form)
    app.router.add_post("/console/sign-in", sign_in)
    app.router.add_post("/console/sign-out", sign_out)
    app.router.add_get("/console/meetings/{id}", showing(pages.meeting))
    app.router.add_post("/console/meetings/{id}/apologies", changing(pages.record_apology))
    app.router.add_get("/console/me", showing(pages.own_page))
    app.router.add_get("/console/me/data.json", own_data)
    for path, render in (*meetings.PAGES, *actions.PAGES, *audit_log.PAGES, *email_page.PAGES):
        app.router.add_get(path, showing(render))
    for path, apply in (*meetings.FORMS, *actions.FORMS, *email_page.FORMS):
        app.router.add_post(path, changing(apply))
    own.register(
        app,
        factory,
        env,
        clock=clock,
        public_url=public_url,
        signed_in=signed_in,
        changing=changing,
    )
    members.register(
        app, factory, clock=clock, showing=showing, changing=changing, signed_in=signed_in
    )
    app.router.add_get("/console/review", showing(review.review_page))
    app.router.add_post("/console/review/check", changing(review.check_finding))
    app.router.add_get("/console/announcements", showing(announcements.announcements_page))
    app.router.add_post(
        "/console/announcements/{id}/retry", changing(announcements.retry_announcement)
    )
    sources.register(app, sources.Tools(env, factory, clock, signed_in, html, make_client))
    app.router.add_static("/console/static/", STATIC, append_version=False)


async def _to_console(_: web.Request) -> web.Response:
    raise web.HTTPMovedPermanently("/console/")
