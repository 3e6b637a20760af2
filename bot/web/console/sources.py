"""The console's Sources pages: followed committees, "Sync now", and following another.

Reading a council's site happens outside any database transaction (a slow site must
not hold a connection), through the same bounded client as ``boardclerk sync``. A
sync from the console takes the same lease as the scheduled one, so it never runs
beside another replica's; its announcements go out from ``boardclerk run``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import jinja2
from aiohttp import web
from sqlalchemy.orm import Session, sessionmaker

from bot.web.console.auth import Viewer, check_csrf
from bot.web.console.forms import audit, clerks_only, in_thread
from bot.web.console.paging import page_number, pager
from handlers.clock import Clock
from ingest.moderngov import xml
from ingest.moderngov.client import FetchError, ServiceOff
from ingest.moderngov.sync import ClientFactory, SourceResult, sync_all
from schedules.sync_job import LEASE
from storage.audit import latest, log
from storage.console_pages import boards_by_id
from storage.db import transaction
from storage.models import BoardRole, Role
from storage.queries import find_board
from storage.sources import registry
from storage.sources.lease import release_lease, take_lease
from storage.sources.tables import Source

SYNC_LEASE_TTL = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class Tools:
    """What the console's route handlers share: sign-in, rendering, the database, the clock."""

    env: jinja2.Environment
    factory: sessionmaker[Session]
    clock: Clock
    signed_in: Callable[[web.Request], Awaitable[Viewer]]
    html: Callable[[str], web.Response]
    make_client: ClientFactory | None


class _Refused(Exception):
    """The site could not be read; the message is one line for the clerk."""


def _clerk(viewer: Viewer) -> None:
    clerks_only(viewer, "Sources are for a board's clerk.")


def _committees(make_client: ClientFactory, url: str) -> list[xml.Committee] | None:
    """The site's live committees; None when its web service is switched off."""
    try:
        with make_client(registry.site_root(url)) as client:
            found = xml.committees(client.service("GetCommittees"))
    except ServiceOff:
        return None
    except (registry.SourceError, FetchError, xml.SiteError) as exc:
        raise _Refused(str(exc).splitlines()[0]) from None
    return [c for c in found if not c.expired and not c.deleted]


def register(app: web.Application, tools: Tools) -> None:
    """Add the Sources pages to ``app``."""

    async def listing(request: web.Request) -> web.Response:
        viewer = await tools.signed_in(request)
        _clerk(viewer)
        query = request.query

        def work() -> str:
            with transaction(tools.factory) as session:
                mine = [s for s in registry.sources(session) if s.board_id in viewer.clerk_of]
                paging = pager("/console/sources", query, len(mine), page_number(query))
                rows = [_row(s) for s in mine[paging.offset : paging.offset + paging.per_page]]
                synced = query.get("synced", "")
                done = latest(session, "sync-now", f"source {synced}") if synced.isdigit() else None
                return tools.env.get_template("sources.html").render(
                    viewer=viewer,
                    rows=rows,
                    pager=paging,
                    synced=done.detail if done and any(str(s.id) == synced for s in mine) else "",
                    busy=query.get("busy") == "yes",
                    added=query.get("added", ""),
                    can_sync=tools.make_client is not None,
                )

        return tools.html(await in_thread(work))

    async def follow_form(request: web.Request) -> web.Response:
        viewer = await tools.signed_in(request)
        _clerk(viewer)
        url = request.query.get("url", "").strip()[:500]
        committees: list[xml.Committee] | None = []
        error = ""
        if url and tools.make_client is not None:
            make_client = tools.make_client
            try:
                committees = await in_thread(lambda: _committees(make_client, url))
            except _Refused as exc:
                error = str(exc)

        def work() -> str:
            with transaction(tools.factory) as session:
                return tools.env.get_template("source_new.html").render(
                    viewer=viewer,
                    url=url,
                    error=error,
                    committees=committees,
                    service_off=committees is None,
                    boards=boards_by_id(session, viewer.clerk_of),
                    can_sync=tools.make_client is not None,
                )

        return tools.html(await in_thread(work))

    async def follow(request: web.Request) -> web.Response:
        viewer = await tools.signed_in(request)
        _clerk(viewer)
        form = {k: str(v) for k, v in (await request.post()).items()}
        check_csrf(viewer, form)
        if tools.make_client is None:
            raise web.HTTPConflict(text="Reading councils' sites is off on this server.")
        make_client = tools.make_client
        url, wanted = form.get("url", "").strip(), form.get("committee", "").strip()
        try:
            committees = await in_thread(lambda: _committees(make_client, url))
        except _Refused as exc:
            raise web.HTTPBadRequest(text=str(exc)) from None
        if committees is None:
            # The web service is off: the clerk named the committee's id and the board.
            name = form.get("board_name", "").strip()
            if not wanted.isdigit() or not name:
                raise web.HTTPBadRequest(text="Give the committee's id and a board name.")
            chosen = xml.Committee(wanted, name)
        else:
            found = next((c for c in committees if c.id == wanted), None)
            if found is None:
                raise web.HTTPBadRequest(text="Choose one of the site's committees.")
            chosen = found

        def work() -> int:
            with transaction(tools.factory) as session:
                return _add(session, viewer, url, chosen, form.get("board", ""), tools.clock())

        source_id = await in_thread(work)
        raise web.HTTPSeeOther(f"/console/sources?added={source_id}")

    async def sync_now(request: web.Request) -> web.Response:
        viewer = await tools.signed_in(request)
        _clerk(viewer)
        check_csrf(viewer, {k: str(v) for k, v in (await request.post()).items()})
        if tools.make_client is None:
            raise web.HTTPConflict(text="Reading councils' sites is off on this server.")
        text = request.match_info["id"]
        source_id = int(text) if text.isdigit() else -1

        def work() -> str:
            with transaction(tools.factory) as session:
                source = session.get(Source, source_id)
                if source is None or source.board_id not in viewer.clerk_of:
                    raise web.HTTPNotFound(text="No such source, or not one of your boards.")
            return _sync(tools, viewer, source_id)

        raise web.HTTPSeeOther(await in_thread(work))

    app.router.add_get("/console/sources", listing)
    app.router.add_get("/console/sources/new", follow_form)
    app.router.add_post("/console/sources", follow)
    app.router.add_post("/console/sources/{id}/sync", sync_now)


def _row(source: Source) -> dict[str, object]:
    synced = ""
    if source.synced_at is not None:
        local = source.synced_at.astimezone(ZoneInfo(source.board.timezone))
        synced = local.strftime("%-d %B %Y, %-I:%M%p").replace("AM", "am").replace("PM", "pm")
    return {
        "id": source.id,
        "source": source,
        "synced": synced or "never",
        "failed": list(source.failed_meetings or ()),
    }


def _add(
    session: Session,
    viewer: Viewer,
    url: str,
    committee: xml.Committee,
    board_choice: str,
    now: dt.datetime,
) -> int:
    """Follow ``committee`` into a board the viewer clerks, or a new one they then clerk."""
    if board_choice:
        if not board_choice.isdigit() or int(board_choice) not in viewer.clerk_of:
            raise web.HTTPBadRequest(text="Choose one of the boards you clerk.")
        name = boards_by_id(session, {int(board_choice)})[0].name
    else:
        name = committee.title
        existing = find_board(session, name)
        if existing is not None and existing.id not in viewer.clerk_of:
            raise web.HTTPBadRequest(
                text=f"A board called {name} already exists; ask its clerk to follow this."
            )
    try:
        source = registry.add_source(session, "moderngov", url, committee, name)
    except registry.SourceError as exc:
        raise web.HTTPBadRequest(text=str(exc)) from None
    if source.board_id not in viewer.clerk_of:
        session.add(
            BoardRole(board_id=source.board_id, member_id=viewer.member_id, role=Role.CLERK)
        )
    subject = f"{committee.title} ({committee.id})"
    detail = {"site": source.url, "board": source.board.name}
    audit(session, viewer, "source-add", subject, detail, now, board_id=source.board_id)
    return source.id


def _sync(tools: Tools, viewer: Viewer, source_id: int) -> str:
    """Sync one source under the sync lease; where the browser goes next."""
    assert tools.make_client is not None
    now = tools.clock()
    holder = f"console-{uuid.uuid4().hex[:12]}"
    if not take_lease(tools.factory, LEASE, holder, now, SYNC_LEASE_TTL):
        return "/console/sources?busy=yes"
    try:
        results = sync_all(tools.factory, now, source_id=source_id, make_client=tools.make_client)
    finally:
        release_lease(tools.factory, LEASE, holder, tools.clock())
    with transaction(tools.factory) as session:
        for result in results:
            followed = session.get(Source, result.source_id)
            log(
                session,
                actor=f"console:{viewer.name}",
                action="sync-now",
                subject=f"source {result.source_id}",
                detail=f"{result.committee}: {_summary(result)}",
                now=now,
                board_id=None if followed is None else followed.board_id,
            )
    return f"/console/sources?synced={source_id}"


def _summary(result: SourceResult) -> str:
    if result.error is not None:
        return f"failed: {result.error}"
    count = len(result.meetings)
    return (
        f"{count} meeting{'' if count == 1 else 's'}: {result.count('new')} new, "
        f"{result.count('updated')} updated, {len(result.failed)} failed"
    )
