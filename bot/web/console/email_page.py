"""The console's Email page (clerks): members' replies Board Clerk answered without acting on
(the clerk's copy, as the member was told), and outgoing email that failed for good.

Both are of the clerk's boards' members only. *Try again* is ``boardclerk email retry``:
the email gets a fresh set of attempts and ``boardclerk run`` sends it within 30 seconds.
Apologies that came by email are on each meeting's page (*How*: by email).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from zoneinfo import ZoneInfo

import jinja2
from aiohttp import web
from sqlalchemy.orm import Session

from bot.web.console.auth import Viewer
from bot.web.console.forms import FormError, audit, clerks_only, local_time, number
from bot.web.console.paging import PER_PAGE, page_number, pager
from storage.console_email import board_failed_mail, board_replies, retry_failed
from storage.console_pages import boards_by_id

LISTS = {"replies": "Replies kept for you", "failed": "Failed email"}


def email_page(
    env: jinja2.Environment,
    session: Session,
    viewer: Viewer,
    query: Mapping[str, str],
    _: dt.datetime,
) -> str:
    """One of the two lists, newest first, 25 a page."""
    clerks_only(viewer, "Email is for a board's clerk.")
    chosen = query.get("list", "replies")
    if chosen not in LISTS:
        raise web.HTTPNotFound(text="No such list.")
    zone = ZoneInfo(boards_by_id(session, viewer.clerk_of)[0].timezone)
    page = page_number(query)
    offset = (page - 1) * PER_PAGE
    if chosen == "replies":
        replies = board_replies(session, viewer.clerk_of, offset=offset, limit=PER_PAGE)
        rows: list[object] = [(r, local_time(r.received_at, zone)) for r in replies.rows]
        total = replies.total
    else:
        failed = board_failed_mail(session, viewer.clerk_of, offset=offset, limit=PER_PAGE)
        rows = [(r, local_time(r.created_at, zone)) for r in failed.rows]
        total = failed.total
    return env.get_template("email.html").render(
        viewer=viewer,
        lists=LISTS,
        chosen=chosen,
        rows=rows,
        pager=pager("/console/email", query, total, page),
        notice="Queued again: it goes within 30 seconds." if query.get("done") == "retry" else None,
    )


def retry_email(
    session: Session, viewer: Viewer, path: Mapping[str, str], _: dict[str, str], now: dt.datetime
) -> str:
    """A failed email to one of the clerk's boards' members, queued again (audited)."""
    clerks_only(viewer, "Email is for a board's clerk.")
    mail_id = number(path.get("id", ""))
    found = retry_failed(session, mail_id, viewer.clerk_of, now)
    if found is None:
        raise FormError(f"There is no failed email {mail_id} to your boards' members")
    detail = {"to": found.member, "subject": found.subject, "before": "failed", "after": "queued"}
    audit(session, viewer, "email-retry", f"email #{mail_id}", detail, now, board_id=None)
    return "/console/email?list=failed&done=retry"


PAGES = (("/console/email", email_page),)
FORMS = (("/console/email/{id}/retry", retry_email),)
