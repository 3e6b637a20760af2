"""Apologies for absence sent as ordinary messages, and the ``/apologies`` command.

The recogniser claims a message only when ``apology_language`` is sure it is
about attendance; everything it records can be undone with one button, and a
meeting it cannot pin down is asked about, never guessed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from handlers import apology_records as records
from handlers.apology_language import Label, Reading, read, read_command
from handlers.apology_meetings import MeetingMatch, boards_named_in, match_meetings
from handlers.formatting import meeting_label
from handlers.messages import Button, Citation, Notice, Reply
from handlers.router import Context, Route, Router
from storage.models import Attendance, AttendanceStatus, Board, BoardRole, Meeting, Member
from storage.queries import upcoming_meetings

INTENT = "apologies"
UNDO = "apology-undo"
CHOOSE = "apology-choose"
MAX_REASON = 500

HELP = (
    "Send apologies in your own words (\"Sorry, I can't make Wednesday – hospital "
    'appointment"), or use /apologies [meeting] [reason]. /apologies list [meeting] shows '
    "who has sent apologies; /apologies withdraw [meeting] takes yours back."
)
NOT_LINKED = (
    "I can't record apologies for you: your chat account isn't linked to a board member. "
    "Ask the clerk to run `boardclerk member link`."
)
OPERATOR_SELF = (
    "You're the operator, not a board member. To record someone's apologies say "
    '"send apologies for Cllr NAME for Wednesday".'
)
ONLY_CLERK = "Only the clerk or the chair can send apologies for someone else; nothing recorded."


def register(router: Router) -> None:
    router.add(
        Route(
            intent=INTENT,
            handle=handle,
            commands=("apologies",),
            recognises=recognises,
            priority=15,
            button_prefixes=(UNDO, CHOOSE),
            hears_unaddressed=True,
        )
    )


def _board_words(ctx: Context) -> list[str]:
    words: list[str] = []
    for board in ctx.session.scalars(select(Board)):
        words.extend([board.name, *(board.aliases or [])])
        if board.short_name:
            words.append(board.short_name)
    return words


def recognises(ctx: Context) -> bool:
    return read(ctx.text, _board_words(ctx)).is_apology_business


def handle(ctx: Context) -> Reply:
    message = ctx.message
    if message.button is not None:
        return _pressed(ctx)
    if not ctx.asker.known:
        return _reply(NOT_LINKED, private=True)
    if message.command is not None:
        return _command(ctx)
    reading = read(ctx.text, _board_words(ctx))
    if reading.label is Label.WITHDRAWAL:
        return _withdraw(ctx, reading)
    return _apologise(ctx, reading)


def _command(ctx: Context) -> Reply:
    verb, _, rest = ctx.text.partition(" ")
    if verb.lower() == "list":
        return _list(ctx, rest.strip() or None)
    if verb.lower() in {"withdraw", "cancel"}:
        return _withdraw(ctx, read_command(rest))
    if verb.lower() == "help":
        return _reply(HELP)
    return _apologise(ctx, read_command(ctx.text))


# --- replies -------------------------------------------------------------------------------


def _reply(
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


def _details(reason: str | None, substitute: str | None) -> str:
    parts = []
    if reason:
        parts.append(f"reason: {reason}")
    if substitute:
        parts.append(f"substitute: {substitute}")
    return f" — {'; '.join(parts)}" if parts else ""


def _choice_buttons(
    meetings: Iterable[Meeting], kind: str, reading: Reading, member: Member | None
) -> list[Button]:
    value = json.dumps(
        {
            "k": kind,
            "r": (reading.reason or "")[:MAX_REASON] or None,
            "s": (reading.substitute or "")[:200] or None,
            "m": None if member is None else member.id,
        },
        separators=(",", ":"),
    )
    return [
        Button(label=meeting_label(m), action_id=f"{CHOOSE}:{m.id}", value=value) for m in meetings
    ]


def _undo_button(meeting: Meeting, person_key: str, before: dict[str, Any] | None) -> Button:
    value = json.dumps({"p": person_key, "prev": before}, separators=(",", ":"), default=str)
    return Button(label="Undo", action_id=f"{UNDO}:{meeting.id}", value=value, style="danger")


def _clerk_notices(ctx: Context, meeting: Meeting, text: str) -> list[Notice]:
    me = None if ctx.asker.member is None else ctx.asker.member.id
    return [
        Notice(member_id=clerk, reply=_reply(text, meeting, private=True))
        for clerk in records.clerk_ids(ctx.session, meeting.board_id)
        if clerk != me
    ]


def _quorum_notices(ctx: Context, meeting: Meeting) -> list[Notice]:
    shortfall = records.quorum_shortfall(ctx.session, meeting)
    clerks = records.clerk_ids(ctx.session, meeting.board_id)
    if shortfall is None or not clerks:
        return []
    if not records.claim_quorum_warning(ctx.session, meeting, ctx.message.now):
        return []
    expected, quorum = shortfall
    text = (
        f"Quorum warning for {meeting_label(meeting)}: after apologies only {expected} "
        f"voting member{'s' if expected != 1 else ''} are expected; the quorum is {quorum}."
    )
    return [Notice(member_id=c, reply=_reply(text, meeting, private=True)) for c in clerks]


# --- who and which meeting -----------------------------------------------------------------


def _own_boards(ctx: Context) -> list[int]:
    ids = sorted(ctx.asker.roles)
    board = ctx.channel_board
    if board is not None and board.id in ids:
        return [board.id]
    return ids


def _narrow(ctx: Context, board_ids: list[int]) -> list[int]:
    boards = [b for b in (ctx.session.get(Board, i) for i in board_ids) if b is not None]
    named = boards_named_in(ctx.text, boards)
    return [b.id for b in named] if named else board_ids


def _may_act_for(ctx: Context, board_id: int) -> bool:
    return ctx.asker.is_clerk(board_id) or ctx.asker.is_chair(board_id)


def _other_member(ctx: Context, name: str) -> tuple[Member | None, list[int]]:
    """The named member and the boards on which the asker may send their apologies."""
    allowed = {b for b in ctx.asker.all_board_ids if _may_act_for(ctx, b)}
    candidates = [
        role.member
        for role in ctx.session.scalars(select(BoardRole).where(BoardRole.board_id.in_(allowed)))
    ]
    member = records.find_named(candidates, name)
    if member is None:
        return None, sorted(allowed)
    boards = sorted({r.board_id for r in member.roles if r.board_id in allowed})
    return member, boards


def _unmatched(ctx: Context, match: MeetingMatch, reading: Reading, member: Member | None) -> Reply:
    """Anything short of exactly one upcoming meeting: say so, or ask which."""
    phrase = reading.date_phrase
    if match.outcome == "choose":
        return _reply(
            "Which meeting are your apologies for?"
            if member is None
            else f"Which meeting are {member.name}'s apologies for?",
            buttons=_choice_buttons(match.meetings, "a", reading, member),
            private=True,
        )
    if match.outcome == "past":
        meeting = match.meetings[0]
        return _reply(
            f"{meeting_label(meeting)} has already taken place, so I can't record apologies "
            "for it now; nothing recorded. Please tell the clerk directly.",
            meeting,
            private=True,
        )
    if match.outcome == "none-upcoming":
        return _reply(
            "There's no upcoming meeting to send apologies for; nothing recorded.", private=True
        )
    wanted = "that" if match.wanted is None else match.wanted.describe()
    if match.outcome == "unreadable":
        text = f'I couldn\'t tell which meeting "{phrase}" means. Which one is it?'
    else:
        text = f"There's no meeting on {wanted}. The nearest are below: which one did you mean?"
    return _reply(text, buttons=_choice_buttons(match.meetings, "a", reading, member), private=True)


# --- recording -----------------------------------------------------------------------------


def _apologise(ctx: Context, reading: Reading) -> Reply:
    member: Member | None = None
    if reading.on_behalf:
        member, board_ids = _other_member(ctx, reading.on_behalf)
        if not board_ids:
            return _reply(ONLY_CLERK, private=True)
        if member is None:
            return _reply(
                f"I can't find a member called {reading.on_behalf} on your boards; "
                "nothing recorded.",
                private=True,
            )
        if not board_ids:
            return _reply(ONLY_CLERK, private=True)
    else:
        if ctx.asker.member is None:
            return _reply(OPERATOR_SELF, private=True)
        board_ids = _own_boards(ctx)
        if not board_ids:
            return _reply("You don't sit on any board, so there's nothing to send apologies for.")
    match = match_meetings(
        ctx.session, _narrow(ctx, board_ids), reading.date_phrase, ctx.message.now
    )
    if match.outcome != "found":
        return _unmatched(ctx, match, reading, member)
    return _record(ctx, match.meetings[0], member, reading.reason, reading.substitute)


def _record(
    ctx: Context,
    meeting: Meeting,
    other: Member | None,
    reason: str | None,
    substitute: str | None,
) -> Reply:
    asker = ctx.asker
    member = other or asker.member
    if member is None:
        return _reply(OPERATOR_SELF, private=True)
    if other is not None and not _may_act_for(ctx, meeting.board_id):
        return _reply(ONLY_CLERK, private=True)
    recorded_by = "operator" if asker.member is None else asker.member.name
    row, before = records.record(
        ctx.session,
        meeting,
        member,
        reason=(reason or "")[:MAX_REASON] or None,
        substitute=substitute,
        recorded_by=recorded_by,
        now=ctx.message.now,
    )
    again = before is not None and before["status"] == AttendanceStatus.APOLOGIES.value
    whose = "your apologies" if other is None else f"apologies from {member.name}"
    verb = "Updated" if again else "Recorded"
    details = _details(row.reason, records.substitute_of(row))
    label = meeting_label(meeting)
    notice = f"{member.name} {'updated their' if again else 'sent'} apologies for {label}{details}"
    if other is not None:
        notice += f" (recorded by {recorded_by})"
    return _reply(
        f"{verb} {whose} for {label}{details}",
        meeting,
        buttons=[_undo_button(meeting, member.match_key, before)],
        private=True,
        notices=_clerk_notices(ctx, meeting, notice) + _quorum_notices(ctx, meeting),
    )


# --- withdrawing ---------------------------------------------------------------------------


def _withdraw(ctx: Context, reading: Reading) -> Reply:
    member: Member | None = None
    if reading.on_behalf:
        member, board_ids = _other_member(ctx, reading.on_behalf)
        if member is None or not board_ids:
            return _reply(
                ONLY_CLERK if not board_ids else "I can't find that member.", private=True
            )
    else:
        if ctx.asker.member is None:
            return _reply(OPERATOR_SELF, private=True)
        board_ids = _own_boards(ctx)
    person = member or ctx.asker.member
    assert person is not None
    upcoming = upcoming_meetings(ctx.session, _narrow(ctx, board_ids), ctx.message.now)
    rows = [
        row
        for meeting in upcoming
        if (row := records.find_row(ctx.session, meeting, person.match_key)) is not None
        and row.status is AttendanceStatus.APOLOGIES
    ]
    whose = "You have" if member is None else f"{person.name} has"
    if reading.date_phrase:
        match = match_meetings(ctx.session, board_ids, reading.date_phrase, ctx.message.now)
        if match.outcome != "found":
            return _unmatched(ctx, match, reading, member)
        rows = [r for r in rows if r.meeting_id == match.meetings[0].id]
        if not rows:
            return _reply(
                f"{whose} no apologies recorded for {meeting_label(match.meetings[0])}.",
                match.meetings[0],
                private=True,
            )
    if not rows:
        return _reply(f"{whose} no apologies recorded for any upcoming meeting.", private=True)
    if len(rows) > 1:
        return _reply(
            "Which meeting's apologies should I withdraw?",
            buttons=_choice_buttons([r.meeting for r in rows], "w", reading, member),
            private=True,
        )
    return _remove(ctx, rows[0], member)


def _remove(ctx: Context, row: Attendance, other: Member | None) -> Reply:
    meeting = row.meeting
    if other is not None and not _may_act_for(ctx, meeting.board_id):
        return _reply(ONLY_CLERK, private=True)
    before = records.remove(ctx.session, row)
    label = meeting_label(meeting)
    whose = "your apologies" if other is None else f"{row.name}'s apologies"
    expected = "you're" if other is None else "they're"
    return _reply(
        f"Withdrawn {whose} for {label}: {expected} expected to attend.",
        meeting,
        buttons=[_undo_button(meeting, row.person_key, before)],
        private=True,
        notices=_clerk_notices(ctx, meeting, f"{row.name} withdrew their apologies for {label}."),
    )


# --- buttons -------------------------------------------------------------------------------


def _load(value: str) -> dict[str, Any]:
    try:
        data = json.loads(value)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _pressed(ctx: Context) -> Reply:
    button = ctx.message.button
    assert button is not None
    if not ctx.asker.known:
        return _reply(NOT_LINKED, private=True)
    prefix, _, meeting_id = button.action_id.partition(":")
    meeting = ctx.session.get(Meeting, int(meeting_id)) if meeting_id.isdigit() else None
    if meeting is None:
        return _reply("That meeting no longer exists; nothing changed.", private=True)
    data = _load(button.value)
    if prefix == UNDO:
        return _undo(ctx, meeting, data)
    return _chosen(ctx, meeting, data)


def _chosen(ctx: Context, meeting: Meeting, data: dict[str, Any]) -> Reply:
    if meeting not in upcoming_meetings(ctx.session, [meeting.board_id], ctx.message.now):
        return _reply(
            f"{meeting_label(meeting)} is no longer upcoming; nothing recorded.",
            meeting,
            private=True,
        )
    other = ctx.session.get(Member, data["m"]) if isinstance(data.get("m"), int) else None
    reason = data.get("r") if isinstance(data.get("r"), str) else None
    substitute = data.get("s") if isinstance(data.get("s"), str) else None
    if data.get("k") == "w":
        person = other or ctx.asker.member
        row = None if person is None else records.find_row(ctx.session, meeting, person.match_key)
        if row is None or row.status is not AttendanceStatus.APOLOGIES:
            return _reply(f"No apologies to withdraw for {meeting_label(meeting)}.", meeting)
        return _remove(ctx, row, other)
    if other is None and ctx.asker.member is not None and not ctx.asker.sits_on(meeting.board_id):
        return _reply(f"You don't sit on {meeting.board.name}; nothing recorded.", private=True)
    return _record(ctx, meeting, other, reason, substitute)


def _undo(ctx: Context, meeting: Meeting, data: dict[str, Any]) -> Reply:
    person_key = data.get("p")
    if not isinstance(person_key, str):
        return _reply("That Undo button is broken; nothing changed.", private=True)
    own = ctx.asker.member is not None and ctx.asker.member.match_key == person_key
    if not (own or _may_act_for(ctx, meeting.board_id)):
        return _reply("You can only undo your own apologies; nothing changed.", private=True)
    before = data.get("prev")
    state = before if isinstance(before, dict) else None
    row = records.restore(ctx.session, meeting, person_key, state, ctx.message.now)
    label = meeting_label(meeting)
    name = (state or {}).get("name") or person_key
    if row is not None and row.status is AttendanceStatus.APOLOGIES:
        details = _details(row.reason, records.substitute_of(row))
        text = f"Undone: apologies for {label} are back as before{details}."
        notice = f"{row.name}'s apologies for {label} were restored{details}."
    else:
        text = f"Undone: no apologies are recorded for {label} any more."
        notice = f"{name}'s apologies for {label} were withdrawn (undo)."
    return _reply(text, meeting, private=True, notices=_clerk_notices(ctx, meeting, notice))


# --- listing -------------------------------------------------------------------------------


def _list(ctx: Context, phrase: str | None) -> Reply:
    board_ids = sorted(ctx.asker.board_ids)
    if ctx.channel_board is not None:
        board_ids = [ctx.channel_board.id]
    board_ids = _narrow(ctx, board_ids)
    match = match_meetings(ctx.session, board_ids, phrase, ctx.message.now)
    if match.outcome in {"found", "choose", "past"}:
        meetings = match.meetings
    else:
        return _reply(
            "There's no upcoming meeting to list apologies for."
            if match.outcome == "none-upcoming"
            else "I couldn't find that meeting; try /apologies list 7 November."
        )
    meeting = meetings[0]
    if len(meetings) > 1:
        items = []
        for m in meetings:
            names = [r.name for r in records.apologies_for(ctx.session, m)]
            items.append(f"{meeting_label(m)}: {', '.join(names) or 'none'}")
        return _reply("Apologies received so far:", meeting, items=items)
    rows = records.apologies_for(ctx.session, meeting)
    reasons = _may_act_for(ctx, meeting.board_id)
    items = []
    for row in rows:
        line = row.name
        if reasons:
            line += _details(row.reason, records.substitute_of(row))
        elif (substitute := records.substitute_of(row)) is not None:
            line += f" — substitute: {substitute}"
        items.append(line)
    sentence = records.minutes_sentence([r.name for r in rows])
    return _reply(
        f"{meeting_label(meeting)}: {sentence}",
        meeting,
        items=items,
        private=reasons and any(r.reason for r in rows),
    )
