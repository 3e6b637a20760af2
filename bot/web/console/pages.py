"""The console's pages and forms: each reads or changes the database for one viewer.

A page is ``render(env, session, viewer, query, now) -> html``; a form is
``apply(session, viewer, path, form, now) -> where to go next``. What a viewer may
see follows their roles: clerks and chairs their boards, everyone their own page.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any

import jinja2
from aiohttp import web
from sqlalchemy.orm import Session

from bot.web.console import own
from bot.web.console.agenda import agenda
from bot.web.console.auth import Viewer
from bot.web.console.forms import FormError, audit
from bot.web.console.forms import local_when as _local
from bot.web.console.meetings import clerk_context
from bot.web.console.paging import PER_PAGE, page_number, pager
from handlers.attendance.summary import COVERAGE, member_summary
from storage import console_pages as q
from storage.attendance import quorum_shortfall, record_apology_row, substitute_of
from storage.audit import log
from storage.boards import VOTING_ROLES
from storage.console_lists import attendance_counts, meetings_page
from storage.models import Attendance, AttendanceSource, AttendanceStatus, Meeting, Member
from storage.privacy import member_data

Render = Callable[[jinja2.Environment, Session, Viewer, Mapping[str, str], dt.datetime], str]
Change = Callable[[Session, Viewer, Mapping[str, str], dict[str, str], dt.datetime], str]


def _show(env: jinja2.Environment, name: str, viewer: Viewer, **values: Any) -> str:
    return env.get_template(name).render(viewer=viewer, **values)


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise web.HTTPNotFound(text="No such page.") from None


def home(
    env: jinja2.Environment,
    session: Session,
    viewer: Viewer,
    query: Mapping[str, str],
    now: dt.datetime,
) -> str:
    """Boards and their upcoming meetings, a page at a time; a member with neither role goes
    to their own page."""
    if not viewer.board_ids:
        raise web.HTTPSeeOther("/console/me")
    boards = q.boards_by_id(session, viewer.board_ids)
    page = page_number(query)
    found = meetings_page(
        session,
        viewer.board_ids,
        today=now.astimezone(boards[0].tz).date(),
        upcoming=True,
        offset=(page - 1) * PER_PAGE,
        limit=PER_PAGE,
    )
    counts = attendance_counts(session, (m.id for m in found.rows))
    rows = [(m, _local(m), counts.get(m.id, 0)) for m in found.rows]
    paging = pager("/console/", query, found.total, page)
    return _show(env, "home.html", viewer, boards=boards, meetings=rows, pager=paging)


def _meeting_for(session: Session, viewer: Viewer, meeting_id: str) -> Meeting:
    meeting = session.get(Meeting, _int(meeting_id))
    if meeting is None or meeting.board_id not in viewer.board_ids:
        raise web.HTTPNotFound(text="No such meeting, or not one of your boards.")
    return meeting


def meeting(
    env: jinja2.Environment,
    session: Session,
    viewer: Viewer,
    query: Mapping[str, str],
    now: dt.datetime,
) -> str:
    """The attendance table (expected, apologies, substitutes, present, and how each came), the
    quorum status, and the agenda with its papers (and minutes and decisions once past)."""
    found = _meeting_for(session, viewer, query.get("id", ""))
    recorded = q.attendance_of(session, found)
    expected = q.expected_members(session, found, VOTING_ROLES)
    table, matched = [], set()
    for member in expected:
        row = next(
            (r for r in recorded if r.member_id == member.id or r.person_key == member.match_key),
            None,
        )
        matched.add(None if row is None else row.id)
        table.append(_attendance_line(viewer, found, member.name, row))
    table += [_attendance_line(viewer, found, r.name, r) for r in recorded if r.id not in matched]
    shortfall = quorum_shortfall(session, found)
    extra = clerk_context(session, viewer, found, query, now)
    return _show(
        env,
        "meeting.html",
        viewer,
        meeting=found,
        when=_local(found),
        table=table,
        members=expected,
        quorum=found.board.quorum,
        shortfall=shortfall,
        apologies=sum(1 for line in table if line["status"] == AttendanceStatus.APOLOGIES.value),
        received=RECEIVED,
        **agenda(session, viewer, found, now.astimezone(found.board.tz).date()),
        **extra,
    )


def _attendance_line(
    viewer: Viewer, meeting: Meeting, name: str, row: Attendance | None
) -> dict[str, str]:
    status = "expected" if row is None else row.status.value
    reason = ""
    if row is not None and row.reason and viewer.may_see_reasons(meeting.board_id):
        reason = row.reason
    substitute = (substitute_of(row) or row.substitute_for or "") if row else ""
    how = "" if row is None else _HOW[row.source]
    if row is not None and row.source is AttendanceSource.CLERK and row.recorded_by:
        how = f"recorded by {row.recorded_by}"
    return {
        "name": name,
        "status": status,
        "reason": reason,
        "substitute": substitute,
        "how": how,
    }


_HOW = {
    AttendanceSource.CHAT: "in chat",
    AttendanceSource.EMAIL: "by email",
    AttendanceSource.CLERK: "by the clerk",
    AttendanceSource.MINUTES: "from the minutes",
}
# How an apology recorded in the console reached the clerk or chair (kept in the audit entry).
RECEIVED = {
    "phone": "By phone",
    "email": "By email",
    "in-person": "In person",
    "letter": "By letter",
}


def record_apology(
    session: Session,
    viewer: Viewer,
    path: Mapping[str, str],
    form: dict[str, str],
    now: dt.datetime,
) -> str:
    """A clerk or chair records an apology received by phone, email, in person or by letter,
    on the member's behalf; how it was received goes in the audit entry."""
    found = _meeting_for(session, viewer, path["id"])
    member = session.get(Member, _int(form.get("member", "")))
    if member is None or member not in q.expected_members(session, found, VOTING_ROLES):
        raise web.HTTPBadRequest(text="Choose a member of this board.")
    received = form.get("received", "phone")
    if received not in RECEIVED:
        raise FormError("Choose how the apology was received: phone, email, in person or letter")
    reason = form.get("reason", "").strip()[:500] or None
    row, before = record_apology_row(
        session,
        found,
        member,
        reason=reason,
        substitute=None,
        recorded_by=viewer.name,
        now=now,
        source=AttendanceSource.CLERK,
    )
    detail = {
        "meeting": found.id,
        "received": received,
        "before": before and before["status"],
        "after": row.status.value,
    }
    audit(session, viewer, "apology-on-behalf", member.name, detail, now, board_id=found.board_id)
    return f"/console/meetings/{found.id}"


def own_page(
    env: jinja2.Environment,
    session: Session,
    viewer: Viewer,
    query: Mapping[str, str],
    now: dt.datetime,
) -> str:
    """The viewer's own page, with their calendar link, digest and email settings."""
    return _member(
        env, session, viewer, viewer.member_id, now, **own.settings(session, viewer, query)
    )


def _member(
    env: jinja2.Environment,
    session: Session,
    viewer: Viewer,
    member_id: int,
    now: dt.datetime,
    **extra: Any,
) -> str:
    member = session.get(Member, member_id)
    if member is None:
        raise web.HTTPNotFound(text="No such member.")
    board_ids = {r.board_id for r in member.roles}
    meetings = [(m, _local(m)) for m in q.upcoming_meetings(session, board_ids, now.date())]
    apologies = [
        (row, _local(row.meeting))
        for row in q.member_apologies(session, member)
        if row.status == AttendanceStatus.APOLOGIES
    ]
    return _show(
        env,
        "member.html",
        viewer,
        member=member,
        meetings=meetings,
        apologies=apologies,
        actions=q.member_actions(session, member.id),
        today=now.date(),
        figures=member_summary(session, member.id, member.name, now.date()),
        coverage=COVERAGE,
        **extra,
    )


def own_data(session: Session, viewer: Viewer, now: dt.datetime) -> str:
    """The viewer's own data as JSON (the same as ``member data --json``); logged as access."""
    member = session.get(Member, viewer.member_id)
    assert member is not None  # a session's member is deleted with it
    held = member_data(session, member)
    log(
        session,
        actor=f"console:{viewer.name}",
        action="subject-access",
        subject=member.name,
        detail=", ".join(f"{kind}: {len(rows)}" for kind, rows in held.items()),
        now=now,
    )
    return json.dumps(held, ensure_ascii=False, indent=2)
