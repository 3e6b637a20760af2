"""Who is looking at the console: the session cookie, the viewer's boards, and CSRF checks.

The cookie holds a random session id (only its hash is stored); forms carry the
session's CSRF token, and a post without the right one is refused with 403.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from aiohttp import web

from storage.console_auth import SESSION_LIFETIME, SignedIn
from storage.models import Role

COOKIE = "boardclerk_console"
PRESIDING = frozenset({Role.CHAIR, Role.VICE_CHAIR})


@dataclass(frozen=True)
class Viewer:
    """The signed-in member and what their roles let them do in the console."""

    member_id: int
    name: str
    csrf: str
    clerk_of: frozenset[int]
    chair_of: frozenset[int]
    # Every board the viewer holds a role on: who may read its exempt items' papers.
    sits_on: frozenset[int] = frozenset()

    @property
    def board_ids(self) -> frozenset[int]:
        """Boards whose meetings and actions the viewer sees: clerked or chaired ones."""
        return self.clerk_of | self.chair_of

    def may_see_reasons(self, board_id: int) -> bool:
        return board_id in self.board_ids

    def may_see_exempt(self, board_id: int) -> bool:
        """Exempt (confidential) items' papers: only for those who sit on the board."""
        return board_id in self.sits_on

    def may_close_actions(self, board_id: int) -> bool:
        return board_id in self.board_ids


def viewer_from(found: SignedIn) -> Viewer:
    """The viewer of a session read as plain values (``storage.console_auth.signed_in``)."""
    clerk = frozenset(board for board, role in found.roles if role == Role.CLERK)
    chair = frozenset(board for board, role in found.roles if role in PRESIDING)
    sits = frozenset(board for board, _ in found.roles)
    return Viewer(found.member_id, found.name, found.csrf, clerk, chair, sits)


def set_cookie(response: web.StreamResponse, secret: str, *, secure: bool) -> None:
    response.set_cookie(
        COOKIE,
        secret,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        path="/console/",
        httponly=True,
        samesite="Lax",
        secure=secure,
    )


def clear_cookie(response: web.StreamResponse) -> None:
    response.del_cookie(COOKIE, path="/console/")


def check_csrf(viewer: Viewer, form: dict[str, str]) -> None:
    """403 unless the form carries this session's token."""
    given = form.get("csrf", "")
    if not given or not hmac.compare_digest(given, viewer.csrf):
        raise web.HTTPForbidden(text="This form has expired or did not come from the console.")
