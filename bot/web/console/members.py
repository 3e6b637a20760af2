"""The console's Members pages: a clerk's view of their boards' members, and the board's
attendance figures.

A clerk (of any board the member holds a role on) sees the member's roles with dates,
chat links and email (and edits them), their attendance figures and six-month-rule
dates, approved absences (records and withdraws them), resets their calendar links,
downloads their data and, behind a confirmation page, forgets them. Every change is
written to the audit table, before and after.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import jinja2
from aiohttp import web
from sqlalchemy.orm import Session, sessionmaker

from bot.web.console import pages
from bot.web.console.auth import Viewer, check_csrf
from bot.web.console.forms import audit, clerks_only, in_thread
from bot.web.console.paging import PER_PAGE, page_number, pager
from handlers.attendance.summary import COVERAGE, board_summary, member_summary
from handlers.clock import Clock
from storage import attendance_history as attendance
from storage import directory
from storage.audit import log
from storage.calendar import revoke_tokens
from storage.console_members import member_counts, members_page
from storage.db import settle_erasure, transaction
from storage.email import set_member_email
from storage.errors import InvalidInput
from storage.models import Board, BoardRole, Member
from storage.privacy import forget_member, member_data

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
SignedIn = Callable[[web.Request], Awaitable[Viewer]]
PLATFORMS = ("slack", "discord", "teams")
# What a change's redirect (``?done=…``) says at the top of the member's page.
DONE = {
    "contact": "Chat links and email saved.",
    "role": "Role ended: a former member is not warned under the six-month rule.",
    "calendar": "Calendar links reset: the old links no longer work.",
    "absence": "Approved absence recorded: six-month warnings stop until its end.",
    "withdrawn": "Approved absence withdrawn: six-month warnings resume.",
    "forgotten": "Personal data erased. The published record (name, roles, attendance, "
    "actions) is kept.",
}


def _audit(
    session: Session,
    viewer: Viewer,
    action: str,
    member: Member,
    detail: dict[str, Any],
    now: dt.datetime,
    board_id: int | None = None,
) -> None:
    """Filed under ``board_id``, else the board through which the clerk reached the member."""
    filed = board_id if board_id is not None else _board_of(viewer, member)
    audit(session, viewer, action, member.name, detail, now, board_id=filed)


def _board_of(viewer: Viewer, member: Member) -> int | None:
    """The first board the viewer clerks that the member sits on, for the audit log."""
    shared = sorted({role.board_id for role in member.roles} & viewer.clerk_of)
    return shared[0] if shared else None


def _clerked_member(session: Session, viewer: Viewer, member_id: str) -> Member:
    """The member, if the viewer clerks a board the member holds a role on; else 403/404."""
    try:
        found = session.get(Member, int(member_id))
    except ValueError:
        found = None
    if found is None:
        raise web.HTTPNotFound(text="No such member.")
    if not {r.board_id for r in found.roles} & viewer.clerk_of:
        raise web.HTTPForbidden(text="You can see only your own page.")
    return found


def members_list(
    env: jinja2.Environment,
    session: Session,
    viewer: Viewer,
    query: Mapping[str, str],
    now: dt.datetime,
) -> str:
    """The members of every board the viewer clerks, with their roles and links, a page at
    a time (boards A to Z, each one's members A to Z)."""
    clerks_only(viewer, "The Members pages are for a board's clerk.")
    page = page_number(query)
    found = members_page(session, viewer.clerk_of, offset=(page - 1) * PER_PAGE, limit=PER_PAGE)
    counts = member_counts(session, viewer.clerk_of)
    boards = {board.id: board for board, _ in counts}
    groups: list[tuple[Board, list[Member]]] = []
    for board_id, member in found.rows:
        if not groups or groups[-1][0].id != board_id:
            groups.append((boards[board_id], []))
        groups[-1][1].append(member)
    return env.get_template("members.html").render(
        viewer=viewer,
        counts=counts,
        groups=groups,
        pager=pager("/console/members", query, found.total, page),
        today=now.date(),
    )


def board_attendance(
    env: jinja2.Environment,
    session: Session,
    viewer: Viewer,
    query: Mapping[str, str],
    now: dt.datetime,
) -> str:
    """Each member's figures at one board's meetings, with six-month-rule dates."""
    try:
        board = session.get(Board, int(query.get("id", "")))
    except ValueError:
        board = None
    if board is None or board.id not in viewer.board_ids:
        raise web.HTTPNotFound(text="No such board, or not one of your boards.")
    today = now.astimezone(board.tz).date()
    since = _date(query["since"], "From") if query.get("since", "").strip() else None
    until = _date(query["until"], "To") if query.get("until", "").strip() else None
    if since and until and since > until:
        raise web.HTTPBadRequest(text="From is after To.")
    page = page_number(query)
    summaries = board_summary(session, board.id, today, since=since, until=until)
    paging = pager(f"/console/boards/{board.id}/attendance", query, len(summaries), page)
    return env.get_template("board_attendance.html").render(
        viewer=viewer,
        board=board,
        summaries=summaries[paging.offset : paging.offset + paging.per_page],
        pager=paging,
        coverage=COVERAGE,
        today=today,
        since=query.get("since", ""),
        until=query.get("until", ""),
    )


def member_page(
    env: jinja2.Environment,
    session: Session,
    viewer: Viewer,
    query: Mapping[str, str],
    now: dt.datetime,
) -> str:
    """A member's page for their clerk; a member's own page for anyone else it belongs to."""
    member_id = query.get("id", "")
    if member_id == str(viewer.member_id) and not viewer.clerk_of:
        return pages.own_page(env, session, viewer, query, now)
    member = _clerked_member(session, viewer, member_id)
    today = now.date()
    links = {p: [i for i in member.identities if i.platform == p] for p in PLATFORMS}
    return env.get_template("member_admin.html").render(
        viewer=viewer,
        member=member,
        links={p: (ids[0].user_id if ids else "") for p, ids in links.items()},
        slack_team=next((i.team_id or "" for i in links["slack"]), ""),
        figures=member_summary(session, member.id, member.name, today),
        coverage=COVERAGE,
        today=today,
        done=DONE.get(query.get("done", ""), ""),
    )


def save_contact(
    session: Session,
    viewer: Viewer,
    path: Mapping[str, str],
    form: dict[str, str],
    now: dt.datetime,
) -> str:
    """Sets the member's email and chat links as the form gives them; empty removes one."""
    member = _clerked_member(session, viewer, path["id"])

    def held() -> dict[str, str | None]:
        found: dict[str, str | None] = {"email": member.email}
        for platform in PLATFORMS:
            found[platform] = next(
                (i.user_id for i in member.identities if i.platform == platform), None
            )
        return found

    before = held()
    slack_team = next((i.team_id for i in member.identities if i.platform == "slack"), None)
    if form.get("slack_team", "").strip() and not form.get("slack", "").strip():
        raise web.HTTPBadRequest(
            text="Nothing saved: a Slack workspace ID goes with a Slack user ID."
        )
    try:
        email = form.get("email", "").strip()
        if email != (member.email or ""):
            if email:
                set_member_email(session, member, email)
            else:
                member.email = None
        for platform in PLATFORMS:
            wanted = form.get(platform, "").strip()
            team = (form.get("slack_team", "").strip() or None) if platform == "slack" else None
            if wanted == (before[platform] or "") and (platform != "slack" or team == slack_team):
                continue
            directory.unlink_identity(session, member, platform)
            if wanted:
                directory.link_identity(session, member, platform, wanted, team)
    except InvalidInput as exc:
        raise web.HTTPBadRequest(text=f"Nothing saved: {exc}.") from None
    after = held()
    if after != before:
        _audit(session, viewer, "member-contact", member, {"before": before, "after": after}, now)
    return f"/console/members/{member.id}?done=contact"


def reset_calendar(
    session: Session, viewer: Viewer, path: Mapping[str, str], _: dict[str, str], now: dt.datetime
) -> str:
    """Revokes every calendar link of the member; they get a new one by asking in chat."""
    member = _clerked_member(session, viewer, path["id"])
    revoked = revoke_tokens(session, member, now)
    _audit(session, viewer, "calendar-reset", member, {"revoked": revoked}, now)
    return f"/console/members/{member.id}?done=calendar"


def _date(value: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise web.HTTPBadRequest(text=f"{what} must be a date like 2026-06-01.") from None


def approve_absence(
    session: Session,
    viewer: Viewer,
    path: Mapping[str, str],
    form: dict[str, str],
    now: dt.datetime,
) -> str:
    """Records an absence the authority approved: the six-month warnings stop until its end."""
    member = _clerked_member(session, viewer, path["id"])
    until = _date(form.get("until", ""), "The last day")
    try:
        absence = attendance.approve_absence(
            session,
            member,
            until,
            form.get("reason", ""),
            today=now.date(),
            recorded_by=f"console:{viewer.name}",
        )
    except InvalidInput as exc:
        raise web.HTTPBadRequest(text=f"Nothing saved: {exc}.") from None
    detail = {"absence": absence.id, "until": until.isoformat(), "reason": absence.reason}
    _audit(session, viewer, "absence-approved", member, {"before": None, "after": detail}, now)
    return f"/console/members/{member.id}?done=absence"


def withdraw_absence(
    session: Session, viewer: Viewer, path: Mapping[str, str], _: dict[str, str], now: dt.datetime
) -> str:
    """Withdraws an approved absence: the six-month warnings resume at once."""
    try:
        absence = attendance.absence_by_id(session, int(path["id"]))
    except (ValueError, InvalidInput):
        raise web.HTTPNotFound(text="No such approved absence.") from None
    member = _clerked_member(session, viewer, str(absence.member_id))
    try:
        attendance.withdraw_absence(session, absence, by=f"console:{viewer.name}", now=now)
    except InvalidInput as exc:
        raise web.HTTPBadRequest(text=f"Nothing changed: {exc}.") from None
    detail = {"absence": absence.id, "before": "approved", "after": "withdrawn"}
    _audit(session, viewer, "absence-withdrawn", member, detail, now)
    return f"/console/members/{member.id}?done=withdrawn"


def end_role(
    session: Session, viewer: Viewer, path: Mapping[str, str], _: dict[str, str], now: dt.datetime
) -> str:
    """Ends one role today (in the board's timezone): the member left the board."""
    try:
        role = session.get(BoardRole, int(path["id"]))
    except ValueError:
        role = None
    if role is None or role.board_id not in viewer.clerk_of:
        raise web.HTTPNotFound(text="No such role on a board you clerk.")
    today = now.astimezone(role.board.tz).date()
    try:
        directory.end_roles(session, role.member, role.board, today, role=role.role)
    except InvalidInput as exc:
        raise web.HTTPBadRequest(text=f"Nothing changed: {exc}.") from None
    detail = {
        "board": role.board.name,
        "role": role.role.value,
        "before": {"ended": None},
        "after": {"ended": today.isoformat()},
    }
    _audit(session, viewer, "role-ended", role.member, detail, now, role.board_id)
    return f"/console/members/{role.member_id}?done=role"


def forget_confirm(
    env: jinja2.Environment,
    session: Session,
    viewer: Viewer,
    query: Mapping[str, str],
    _: dt.datetime,
) -> str:
    """The confirmation page before erasing: what goes and what the record keeps."""
    member = _clerked_member(session, viewer, query.get("id", ""))
    return env.get_template("member_forget.html").render(viewer=viewer, member=member)


def register(
    app: web.Application,
    factory: sessionmaker[Session],
    *,
    clock: Clock,
    showing: Callable[[pages.Render], Handler],
    changing: Callable[[pages.Change], Handler],
    signed_in: SignedIn,
) -> None:
    """Add the Members pages' routes (``/console/members…``, a board's attendance)."""

    async def download(request: web.Request) -> web.Response:
        who = await signed_in(request)

        def work() -> str:
            with transaction(factory) as session:
                member = _clerked_member(session, who, request.match_info["id"])
                held = member_data(session, member)
                counts = ", ".join(f"{kind}: {len(rows)}" for kind, rows in held.items())
                log(
                    session,
                    actor=f"console:{who.name}",
                    action="subject-access",
                    subject=member.name,
                    detail=counts,
                    now=clock(),
                    board_id=_board_of(who, member),
                )
                return json.dumps(held, ensure_ascii=False, indent=2)

        return web.Response(
            text=await in_thread(work),
            content_type="application/json",
            headers={
                "Cache-Control": "no-store",
                "Content-Disposition": 'attachment; filename="member-data.json"',
            },
        )

    async def forget(request: web.Request) -> web.Response:
        who = await signed_in(request)
        check_csrf(who, {k: str(v) for k, v in (await request.post()).items()})

        def work() -> int:
            with transaction(factory) as session:
                member = _clerked_member(session, who, request.match_info["id"])
                erased = forget_member(session, member)
                _audit(session, who, "erasure", member, erased, clock())
                engine = session.get_bind().engine
                member_id = member.id
            settle_erasure(engine)  # committed: now out of SQLite's write-ahead log too
            return member_id

        member_id = await in_thread(work)
        raise web.HTTPSeeOther(f"/console/members/{member_id}?done=forgotten")

    app.router.add_get("/console/members", showing(members_list))
    app.router.add_get("/console/boards/{id}/attendance", showing(board_attendance))
    app.router.add_get("/console/members/{id}", showing(member_page))
    app.router.add_post("/console/members/{id}/contact", changing(save_contact))
    app.router.add_post("/console/members/{id}/calendar-reset", changing(reset_calendar))
    app.router.add_post("/console/members/{id}/absences", changing(approve_absence))
    app.router.add_post("/console/absences/{id}/withdraw", changing(withdraw_absence))
    app.router.add_post("/console/roles/{id}/end", changing(end_role))
    app.router.add_get("/console/members/{id}/data.json", download)
    app.router.add_get("/console/members/{id}/forget", showing(forget_confirm))
    app.router.add_post("/console/members/{id}/forget", forget)
