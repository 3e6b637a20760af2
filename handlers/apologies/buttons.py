"""The apologies buttons: choosing a meeting ("apology-choose:", also a confirmation's Yes),
a confirmation's No ("apology-no:") and Undo ("apology-undo:").

A button's value carries what the message said (reason, substitute, on whose
behalf), so pressing it finishes the flow the message started.
"""

from __future__ import annotations

import json
from typing import Any

from handlers.apologies.replies import (
    NO,
    NOT_LINKED,
    UNDO,
    clerk_notices,
    details,
    may_act_for,
    record_apology,
    remove,
    reply,
)
from handlers.apologies.turn_state import CONFIRM_TURN, UNDO_TURN, settle
from handlers.formatting import meeting_label
from handlers.messages import Reply
from handlers.router import Context
from storage import attendance
from storage.models import AttendanceStatus, Meeting, Member
from storage.queries import parse_id, upcoming_meetings


def _load(value: str) -> dict[str, Any]:
    try:
        data = json.loads(value)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def pressed(ctx: Context) -> Reply:
    button = ctx.message.button
    assert button is not None
    if not ctx.asker.known:
        return reply(NOT_LINKED, private=True)
    prefix, _, meeting_id = button.action_id.partition(":")
    meeting = ctx.session.get(Meeting, number) if (number := parse_id(meeting_id)) else None
    if meeting is None:
        return reply("That meeting no longer exists; nothing changed.", private=True)
    data = _load(button.value)
    if prefix == UNDO:
        return undo(ctx, meeting, data)
    if prefix == NO:
        return declined(ctx, meeting)
    return chosen(ctx, meeting, data)


def declined(ctx: Context, meeting: Meeting) -> Reply:
    settle(ctx, CONFIRM_TURN)
    return reply(f"OK, no apologies sent for {meeting_label(meeting)}.", meeting, private=True)


def chosen(ctx: Context, meeting: Meeting, data: dict[str, Any]) -> Reply:
    """The meeting chosen (or confirmed with Yes): record or withdraw as the message asked."""
    settle(ctx, CONFIRM_TURN)
    if meeting not in upcoming_meetings(ctx.session, [meeting.board_id], ctx.message.now):
        return reply(
            f"{meeting_label(meeting)} is no longer upcoming; nothing recorded.",
            meeting,
            private=True,
        )
    other = ctx.session.get(Member, number) if (number := parse_id(data.get("m"))) else None
    reason = data.get("r") if isinstance(data.get("r"), str) else None
    substitute = data.get("s") if isinstance(data.get("s"), str) else None
    if data.get("k") == "w":
        person = other or ctx.asker.member
        row = (
            None if person is None else attendance.find_row(ctx.session, meeting, person.match_key)
        )
        if row is None or row.status is not AttendanceStatus.APOLOGIES:
            return reply(f"No apologies to withdraw for {meeting_label(meeting)}.", meeting)
        return remove(ctx, row, other)
    if other is None and ctx.asker.member is not None and not ctx.asker.sits_on(meeting.board_id):
        return reply(f"You don't sit on {meeting.board.name}; nothing recorded.", private=True)
    return record_apology(ctx, meeting, other, reason, substitute)


def undo(ctx: Context, meeting: Meeting, data: dict[str, Any]) -> Reply:
    """Put the person's attendance back as it was before the change ``data`` describes."""
    settle(ctx, UNDO_TURN)
    person_key = data.get("p")
    if not isinstance(person_key, str):
        return reply("That Undo button is broken; nothing changed.", private=True)
    own = ctx.asker.member is not None and ctx.asker.member.match_key == person_key
    if not (own or may_act_for(ctx, meeting.board_id)):
        return reply("You can only undo your own apologies; nothing changed.", private=True)
    before = data.get("prev")
    state = before if isinstance(before, dict) else None
    current = attendance.find_row(ctx.session, meeting, person_key)
    name = (state or {}).get("name") or (current.name if current else person_key)
    row = attendance.restore(ctx.session, meeting, person_key, state, ctx.message.now)
    label = meeting_label(meeting)
    if row is not None and row.status is AttendanceStatus.APOLOGIES:
        extra = details(row.reason, attendance.substitute_of(row))
        text = f"Undone: apologies for {label} are back as before{extra}."
        notice = f"{row.name}'s apologies for {label} were restored{extra}."
    else:
        text = f"Undone: no apologies are recorded for {label} any more."
        notice = f"{name}'s apologies for {label} were withdrawn (undo)."
    return reply(text, meeting, private=True, notices=clerk_notices(ctx, meeting, notice))
