"""The console's Review page: passages imports could not place and doubtful readings.

Each finding links to its meeting; a clerk marks it checked (audited) and it leaves
the list. The same findings as ``boardclerk review``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import jinja2
from aiohttp import web
from sqlalchemy.orm import Session

from bot.web.console.auth import Viewer
from bot.web.console.forms import audit, clerks_only
from bot.web.console.paging import page_number, pager
from storage.review import mark_checked, review_findings


def review_page(
    env: jinja2.Environment,
    session: Session,
    viewer: Viewer,
    query: Mapping[str, str],
    _: dt.datetime,
) -> str:
    """Findings on the boards the viewer clerks, by board and meeting date, a page at a time."""
    clerks_only(viewer, "The review page is for a board's clerk.")
    findings = review_findings(session, viewer.clerk_of)
    paging = pager("/console/review", query, len(findings), page_number(query))
    shown = findings[paging.offset : paging.offset + paging.per_page]
    return env.get_template("review.html").render(
        viewer=viewer, findings=shown, pager=paging, checked=query.get("checked") == "yes"
    )


def check_finding(
    session: Session, viewer: Viewer, _: Mapping[str, str], form: dict[str, str], now: dt.datetime
) -> str:
    """Mark one finding checked: it leaves the list, and the audit says who and when."""
    clerks_only(viewer, "The review page is for a board's clerk.")
    try:
        finding = mark_checked(session, form.get("key", ""), viewer.clerk_of, viewer.name, now)
    except LookupError as exc:
        raise web.HTTPBadRequest(text=str(exc)) from None
    subject = f"{finding.board} {finding.meeting_date.isoformat()}"
    detail = {"kind": finding.kind, "detail": finding.detail[:300]}
    audit(session, viewer, "review-checked", subject, detail, now, board_id=finding.board_id)
    page = form.get("page", "")
    return "/console/review?checked=yes" + (f"&page={page}" if page.isdigit() else "")
