"""The member's own settings on ``/console/me``: a new calendar link, the papers digest, and
how each kind of message reaches them (chat, email, both or neither).

Only a hash of a calendar token is kept, so the console cannot show an existing link:
"Get a new calendar link" revokes the old ones and shows the new one once, on the page
the form answers with (never in an address). Every change is written to the audit
table, before and after, like the chat commands' (``/calendar reset``, ``/digest``,
``/boardclerk email``) that change the same rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import jinja2
from aiohttp import web
from sqlalchemy.orm import Session, sessionmaker

from bot.web.console.auth import Viewer, check_csrf
from bot.web.console.forms import FormError, audit, in_thread
from handlers.calendar.links import FeedLinks
from handlers.clock import Clock
from storage.boards import boards_by_name
from storage.calendar import issue_token, revoke_tokens
from storage.db import transaction
from storage.email import CHANNELS, KINDS, channels_of, set_channel
from storage.models import Member
from storage.papers.digest import digest_enabled, set_digest

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
KIND_LABELS = {
    "reminders": "Meeting reminders",
    "digests": "Papers digest",
    "actions": "Reminders about your actions",
    "announcements": "Announcements (meetings moved or cancelled, late papers)",
}
CHANNEL_LABELS = {
    "chat": "Chat",
    "email": "Email",
    "both": "Chat and email",
    "neither": "Neither",
}
DONE = {
    "digest-on": "Papers digest on: you get each meeting's papers when the agenda is published.",
    "digest-off": "Papers digest off: you no longer get the papers of coming meetings.",
    "email": "How you get messages is saved.",
}


def settings(session: Session, viewer: Viewer, query: Mapping[str, str]) -> dict[str, Any]:
    """What the own page shows of the member's choices, and the notice after a change."""
    member = session.get_one(Member, viewer.member_id)
    return {
        "own": {
            "digest": digest_enabled(session, member.id),
            "channels": channels_of(session, member.id),
            "email": member.email,
        },
        "kinds": KIND_LABELS,
        "channel_labels": CHANNEL_LABELS,
        "notice": DONE.get(query.get("done", "")),
    }


def save_digest(
    session: Session,
    viewer: Viewer,
    _: Mapping[str, str],
    form: dict[str, str],
    now: dt.datetime,
) -> str:
    """``/digest on|off`` from the console."""
    choice = form.get("digest", "")
    if choice not in {"on", "off"}:
        raise FormError("Choose whether to get the papers digest: on or off")
    before = "on" if digest_enabled(session, viewer.member_id) else "off"
    set_digest(session, viewer.member_id, choice == "on", now)
    audit(
        session,
        viewer,
        "digest",
        viewer.name,
        {"before": before, "after": choice},
        now,
        board_id=None,
    )
    return f"/console/me?done=digest-{choice}"


def save_channels(
    session: Session,
    viewer: Viewer,
    _: Mapping[str, str],
    form: dict[str, str],
    now: dt.datetime,
) -> str:
    """Chat, email, both or neither for each kind of message; email needs an address."""
    member = session.get_one(Member, viewer.member_id)
    before = channels_of(session, member.id)
    after = {kind: form.get(kind, before[kind]) for kind in KINDS}
    for kind, channel in after.items():
        if channel not in CHANNELS:
            raise FormError(f"Choose chat, email, both or neither for {KIND_LABELS[kind].lower()}")
        if channel in {"email", "both"} and not member.email:
            raise FormError(
                "Board Clerk has no email address for you: ask the clerk to add one first"
            )
    changed = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    for kind in changed:
        set_channel(session, member.id, kind, after[kind])
    if changed:
        audit(session, viewer, "email-channels", member.name, changed, now, board_id=None)
    return "/console/me?done=email"


def register(
    app: web.Application,
    factory: sessionmaker[Session],
    env: jinja2.Environment,
    *,
    clock: Clock,
    public_url: str | None,
    signed_in: Callable[[web.Request], Awaitable[Viewer]],
    changing: Callable[[Any], Handler],
) -> None:
    """The own page's forms; the page itself is ``pages.own_page``."""
    links = FeedLinks(public_url)

    async def new_calendar_link(request: web.Request) -> web.Response:
        who = await signed_in(request)
        check_csrf(who, {k: str(v) for k, v in (await request.post()).items()})

        def work() -> str:
            now = clock()
            with transaction(factory) as session:
                member = session.get_one(Member, who.member_id)
                revoked = revoke_tokens(session, member, now)
                token = issue_token(session, member, now)
                audit(
                    session,
                    who,
                    "calendar-link",
                    member.name,
                    {"revoked": revoked},
                    now,
                    board_id=None,
                )
                boards = boards_by_name(session, who.sits_on)
                return env.get_template("calendar_link.html").render(
                    viewer=who,
                    link=links.personal(token),
                    revoked=revoked,
                    boards=[(b.name, links.board(b.name)) for b in boards],
                )

        body = await in_thread(work)
        return web.Response(
            text=body,
            content_type="text/html",
            headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY"},
        )

    app.router.add_post("/console/me/calendar", new_calendar_link)
    app.router.add_post("/console/me/digest", changing(save_digest))
    app.router.add_post("/console/me/email", changing(save_channels))
