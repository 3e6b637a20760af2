"""The audit log in the console, newest first, a page at a time: clerks only.

Every change made in the console (and every subject-access or erasure request)
is an entry: who, what, when, and the fields before and after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import jinja2
from sqlalchemy.orm import Session

from bot.web.console.auth import Viewer
from bot.web.console.forms import clerks_only
from bot.web.console.paging import PER_PAGE, page_number, pager
from storage.boards import boards_by_name
from storage.console_lists import audit_page


def audit_list(
    env: jinja2.Environment,
    session: Session,
    viewer: Viewer,
    query: Mapping[str, str],
    now: dt.datetime,
) -> str:
    """The entries about the viewer's boards and the viewer's own (those about no one board
    only for a clerk of every board), in the timezone of the viewer's first board."""
    clerks_only(viewer, "Only a clerk can read the audit log.")
    page = page_number(query)
    found = audit_page(
        session,
        board_ids=viewer.clerk_of,
        actor=f"console:{viewer.name}",
        offset=(page - 1) * PER_PAGE,
        limit=PER_PAGE,
    )
    zone = viewer_zone(session, viewer)
    rows = [(entry, entry.at.astimezone(zone).strftime("%-d %b %Y %H:%M")) for entry in found.rows]
    return env.get_template("audit.html").render(
        viewer=viewer, rows=rows, pager=pager("/console/audit", query, found.total, page)
    )


def viewer_zone(session: Session, viewer: Viewer) -> dt.tzinfo:
    boards = boards_by_name(session, viewer.clerk_of)
    return boards[0].tz if boards else dt.UTC


PAGES = (("/console/audit", audit_list),)
