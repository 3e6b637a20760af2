"""What every apologies flow shares: its replies, who may act, and recording with Undo.

Recording (or withdrawing) always answers with an Undo button and tells the
board's clerks; a meeting that cannot be pinned down is asked about with buttons.
The flows themselves live in ``route`` (messages and the command),
``listing`` (listing and withdrawing) and ``buttons`` (presses).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from handlers.apologies import records
from handlers.apologies.language import Reading
from handlers.apologies.meetings import MeetingMatch, boards_named_in
from handlers.apologies.turn_state import UNDO_TURN, remember
from handlers.formatting import meeting_label
from handlers.messages import Button, Citation, Notice, Reply
from handlers.router import Context
from storage import attendance
from storage.boards import clerk_ids, role_holders
from storage.models import Attendance, AttendanceSource, AttendanceStatus, Board, Meeting, Member

INTENT = "apologies"
UNDO = "apology-undo"
CHOOSE = "apology-choose"
NO = "apology-no"
MAX_REASON = 500

NOT_LINKED = (
    "I can't record apologies for you: your chat account isn't linked to a board member. "
    "Ask the clerk to run `boardclerk member link`."
)
OPERATOR_SELF = (
    "You're the operator, not a board member. To record someone's apologies say "
    '"send apologies for Cllr NAME for Wednesday".'
)
ONLY_CLERK = "Only the clerk or the chair can send apologies for someone else; nothing recorded."


# --- replies ---------------------------------------------------------------------------------


def reply(
    text: str,
    meeting: Meeting | None = None,
    *,
    buttons: list[Button] | None = None,
    private: bool = False,
    notices: list[Notice] | None = None,
    items: list[str] | None = None,
) -> Reply:
    citations = [] if meeting is None else [Citation(meeting.board.name, meeting.date)]
    return Reply(
        text=text,
        intent=INTENT,
        citations=citations,
        buttons=buttons or [],
        private=private,
        notices=notices or [],
        items=items or [],
    )


def details(reason: str | None, substitute: str | None) -> str:
    parts = []
    if reason:
        parts.append(f"reason: {reason}")
    if substitute:
        parts.append(f"substitute: {substitute}")
    return f" — {'; '.join(parts)}" if parts else ""


def choice_value(kind: str, reading: Reading, member: Member | None) -> dict[str, Any]:
    """What a choice button carries: withdraw or apologise, reason, substitute, for whom."""
    return {
        "k": kind,
        "r": (reading.reason or "")[:MAX_REASON] or None,
        "s": (reading.substitute or "")[:200] or None,
        "m": None if member is None else member.id,
    }


def choice_buttons(
    meetings: Iterable[Meeting], kind: str, reading: Reading, member: Member | None
) -> list[Button]:
    value = json.dumps(choice_value(kind, reading, member), separators=(",", ":"))
    return [
        Button(label=meeting_label(m), action_id=f"{CHOOSE}:{m.id}", value=value) for m in meetings
    ]


def undoable(
    ctx: Context,
    meeting: Meeting,
    person_key: str,
    member_id: int | None,
    before: dict[str, Any] | None,
) -> Button:
    """The Undo button for the change just made, remembered too for a typed "undo"."""
    value = {"p": person_key, "prev": before}
    remember(ctx, UNDO_TURN, meeting, value, member_id)
    encoded = json.dumps(value, separators=(",", ":"))
    return Button(label="Undo", action_id=f"{UNDO}:{meeting.id}", value=encoded, style="danger")


def clerk_notices(ctx: Context, meeting: Meeting, text: str) -> list[Notice]:
    me = None if ctx.asker.member is None else ctx.asker.member.id
    return [
        Notice(member_id=clerk, reply=reply(text, meeting, private=True))
        for clerk in clerk_ids(ctx.session, meeting.board_id)
        if clerk != me
    ]


def quorum_notices(ctx: Context, meeting: Meeting) -> list[Notice]:
    shortfall = attendance.quorum_shortfall(ctx.session, meeting)
    clerks = clerk_ids(ctx.session, meeting.board_id)
    if shortfall is None or not clerks:
        return []
    if not attendance.claim_quorum_warning(ctx.session, meeting, ctx.message.now):
        return []
    expected, quorum = shortfall
    text = (
        f"Quorum warning for {meeting_label(meeting)}: after apologies only {expected} "
        f"voting member{'s' if expected != 1 else ''} are expected; the quorum is {quorum}."
    )
    return [Notice(member_id=c, reply=reply(text, meeting, private=True)) for c in clerks]


# --- who and which meeting -----------------------------------------------------------------


def own_boards(ctx: Context) -> list[int]:
    ids = sorted(ctx.asker.roles)
    board = ctx.channel_board
    if board is not None and board.id in ids:
        return [board.id]
    return ids


def narrow(ctx: Context, board_ids: list[int]) -> list[int]:
    boards = [b for b in (ctx.session.get(Board, i) for i in board_ids) if b is not None]
    named = boards_named_in(ctx.text, boards)
    return [b.id for b in named] if named else board_ids


def may_act_for(ctx: Context, board_id: int) -> bool:
    return ctx.asker.is_clerk(board_id) or ctx.asker.is_chair(board_id)


def other_member(ctx: Context, name: str) -> tuple[Member | None, list[int]]:
    """The named member and the boards on which the asker may send their apologies."""
    allowed = {b for b in ctx.asker.all_board_ids if may_act_for(ctx, b)}
    member = records.find_named(role_holders(ctx.session, allowed), name)
    if member is None:
        return None, sorted(allowed)
    boards = sorted({r.board_id for r in member.roles if r.board_id in allowed})
    return member, boards


def unmatched(ctx: Context, match: MeetingMatch, reading: Reading, member: Member | None) -> Reply:
    """Anything short of exactly one upcoming meeting: say so, or ask which."""
    phrase = reading.date_phrase
    if match.outcome == "choose":
        return reply(
            "Which meeting are your apologies for?"
            if member is None
            else f"Which meeting are {member.name}'s apologies for?",
            buttons=choice_buttons(match.meetings, "a", reading, member),
            private=True,
        )
    if match.outcome == "past":
        meeting = match.meetings[0]
        return reply(
            f"{meeting_label(meeting)} has already taken place, so I can't record apologies "
            "for it now; nothing recorded. Please tell the clerk directly.",
            meeting,
            private=True,
        )
    if match.outcome == "none-upcoming":
        return reply(
            "There's no upcoming meeting to send apologies for; nothing recorded.", private=True
        )
    wanted = "that" if match.wanted is None else match.wanted.describe()
    if match.outcome == "unreadable":
        text = f'I couldn\'t tell which meeting "{phrase}" means. Which one is it?'
    else:
        text = f"There's no meeting on {wanted}. The nearest are below: which one did you mean?"
    return reply(text, buttons=choice_buttons(match.meetings, "a", reading, member), private=True)


# --- recording and withdrawing -------------------------------------------------------------


def record_apology(
    ctx: Context,
    meeting: Meeting,
    other: Member | None,
    reason: str | None,
    substitute: str | None,
) -> Reply:
    asker = ctx.asker
    member = other or asker.member
    if member is None:
        return reply(OPERATOR_SELF, private=True)
    if other is not None and not may_act_for(ctx, meeting.board_id):
        return reply(ONLY_CLERK, private=True)
    recorded_by = "operator" if asker.member is None else asker.member.name
    row, before = attendance.record_apology_row(
        ctx.session,
        meeting,
        member,
        reason=(reason or "")[:MAX_REASON] or None,
        substitute=substitute,
        recorded_by=recorded_by,
        now=ctx.message.now,
        source=AttendanceSource.EMAIL if ctx.message.platform == "email" else AttendanceSource.CHAT,
    )
    again = before is not None and before["status"] == AttendanceStatus.APOLOGIES.value
    whose = "your apologies" if other is None else f"apologies from {member.name}"
    verb = "Updated" if again else "Recorded"
    extra = details(row.reason, attendance.substitute_of(row))
    label = meeting_label(meeting)
    notice = f"{member.name} {'updated their' if again else 'sent'} apologies for {label}{extra}"
    if other is not None:
        notice += f" (recorded by {recorded_by})"
    return reply(
        f"{verb} {whose} for {label}{extra}",
        meeting,
        buttons=[undoable(ctx, meeting, member.match_key, member.id, before)],
        private=True,
        notices=clerk_notices(ctx, meeting, notice) + quorum_notices(ctx, meeting),
    )


def remove(ctx: Context, row: Attendance, other: Member | None) -> Reply:
    meeting = row.meeting
    if other is not None and not may_act_for(ctx, meeting.board_id):
        return reply(ONLY_CLERK, private=True)
    before = attendance.remove(ctx.session, row)
    label = meeting_label(meeting)
    whose = "your apologies" if other is None else f"{row.name}'s apologies"
    expected = "you're" if other is None else "they're"
    return reply(
        f"Withdrawn {whose} for {label}: {expected} expected to attend.",
        meeting,
        buttons=[undoable(ctx, meeting, row.person_key, row.member_id, before)],
        private=True,
        notices=clerk_notices(ctx, meeting, f"{row.name} withdrew their apologies for {label}."),
    )
