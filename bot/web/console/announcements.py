"""The console's Announcements page: what sync told the boards, sent, pending or failed.

A clerk can put a failed (or dropped as too old) announcement back in the queue;
``boardclerk run`` sends it within a minute, to the channels linked then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from zoneinfo import ZoneInfo

import jinja2
from aiohttp import web
from sqlalchemy.orm import Session

from bot.web.console.auth import Viewer
from bot.web.console.forms import audit, clerks_only
from bot.web.console.paging import PER_PAGE, page_number, pager
from schedules.announcements import render
from storage.console_pages import boards_by_id
from storage.sources import outbox

OUTCOMES = ("all", "pending", "sent", "failed", "dropped")


def announcements_page(
    env: jinja2.Environment,
    session: Session,
    viewer: Viewer,
    query: Mapping[str, str],
    _: dt.datetime,
) -> str:
    """Announcements of the boards the viewer clerks, newest first, filtered by outcome."""
    clerks_only(viewer, "Announcements are for a board's clerk.")
    chosen = query.get("outcome", "all")
    if chosen not in OUTCOMES:
        raise web.HTTPBadRequest(text="Unknown outcome.")
    boards = {b.id: b for b in boards_by_id(session, viewer.clerk_of)}
    number = page_number(query)
    found = outbox.listing(
        session,
        viewer.clerk_of,
        None if chosen == "all" else chosen,
        offset=(number - 1) * PER_PAGE,
        limit=PER_PAGE,
    )
    paging = pager("/console/announcements", query, found.total, number)
    rows = []
    for row in found.rows:
        board = boards[row.board_id]
        when = row.created_at.astimezone(ZoneInfo(board.timezone))
        rows.append(
            {
                "row": row,
                "board": board.name,
                "when": when.strftime("%-d %B %Y, %-I:%M%p")
                .replace("AM", "am")
                .replace("PM", "pm"),
                "text": render(row.kind, row.facts).text,
            }
        )
    return env.get_template("announcements.html").render(
        viewer=viewer,
        rows=rows,
        pager=paging,
        outcomes=OUTCOMES,
        chosen=chosen,
        retried=query.get("retried") == "yes",
    )


def retry_announcement(
    session: Session, viewer: Viewer, path: Mapping[str, str], _: dict[str, str], now: dt.datetime
) -> str:
    """Queue a failed announcement again (audited); the next send round delivers it."""
    clerks_only(viewer, "Announcements are for a board's clerk.")
    text = path.get("id", "")
    if not text.isdigit():
        raise web.HTTPNotFound(text="No such announcement.")
    try:
        row = outbox.retry(session, int(text), viewer.clerk_of, now)
    except LookupError as exc:
        raise web.HTTPBadRequest(text=str(exc)) from None
    detail = {"kind": row.kind, "after": row.outcome}
    audit(
        session,
        viewer,
        "announcement-retry",
        f"announcement #{row.id}",
        detail,
        now,
        board_id=row.board_id,
    )
    return "/console/announcements?retried=yes"
