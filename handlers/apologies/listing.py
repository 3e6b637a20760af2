"""``/apologies list`` (who has sent apologies) and withdrawing one's apologies."""

from __future__ import annotations

from handlers.apologies import records
from handlers.apologies.language import Reading
from handlers.apologies.meetings import match_meetings
from handlers.apologies.replies import (
    ONLY_CLERK,
    OPERATOR_SELF,
    choice_buttons,
    details,
    narrow,
    other_member,
    own_boards,
    remove,
    reply,
    unmatched,
)
from handlers.formatting import meeting_label
from handlers.messages import Reply
from handlers.router import Context
from handlers.scope import may_see_reason
from storage import attendance
from storage.models import AttendanceStatus, Member
from storage.queries import upcoming_meetings


def withdraw(ctx: Context, reading: Reading) -> Reply:
    member: Member | None = None
    if reading.on_behalf:
        member, board_ids = other_member(ctx, reading.on_behalf)
        if member is None or not board_ids:
            return reply(ONLY_CLERK if not board_ids else "I can't find that member.", private=True)
    else:
        if ctx.asker.member is None:
            return reply(OPERATOR_SELF, private=True)
        board_ids = own_boards(ctx)
    person = member or ctx.asker.member
    assert person is not None
    upcoming = upcoming_meetings(ctx.session, narrow(ctx, board_ids), ctx.message.now)
    rows = [
        row
        for meeting in upcoming
        if (row := attendance.find_row(ctx.session, meeting, person.match_key)) is not None
        and row.status is AttendanceStatus.APOLOGIES
    ]
    whose = "You have" if member is None else f"{person.name} has"
    if reading.date_phrase:
        match = match_meetings(ctx.session, board_ids, reading.date_phrase, ctx.message.now)
        if match.outcome != "found":
            return unmatched(ctx, match, reading, member)
        rows = [r for r in rows if r.meeting_id == match.meetings[0].id]
        if not rows:
            return reply(
                f"{whose} no apologies recorded for {meeting_label(match.meetings[0])}.",
                match.meetings[0],
                private=True,
            )
    if not rows:
        return reply(f"{whose} no apologies recorded for any upcoming meeting.", private=True)
    if len(rows) > 1:
        return reply(
            "Which meeting's apologies should I withdraw?",
            buttons=choice_buttons([r.meeting for r in rows], "w", reading, member),
            private=True,
        )
    return remove(ctx, rows[0], member)


def list_apologies(ctx: Context, phrase: str | None) -> Reply:
    board_ids = sorted(ctx.asker.board_ids)
    if ctx.channel_board is not None:
        board_ids = [ctx.channel_board.id]
    board_ids = narrow(ctx, board_ids)
    match = match_meetings(ctx.session, board_ids, phrase, ctx.message.now)
    if match.outcome in {"found", "choose", "past"}:
        meetings = match.meetings
    else:
        return reply(
            "There's no upcoming meeting to list apologies for."
            if match.outcome == "none-upcoming"
            else "I couldn't find that meeting; try /apologies list 7 November."
        )
    meeting = meetings[0]
    if len(meetings) > 1:
        items = []
        for m in meetings:
            names = [r.name for r in attendance.apologies_for(ctx.session, m)]
            items.append(f"{meeting_label(m)}: {', '.join(names) or 'none'}")
        return reply("Apologies received so far:", meeting, items=items)
    rows = attendance.apologies_for(ctx.session, meeting)
    items = []
    for row in rows:
        reason = row.reason if may_see_reason(ctx, row) else None
        items.append(row.name + details(reason, attendance.substitute_of(row)))
    sentence = records.minutes_sentence([r.name for r in rows])
    return reply(
        f"{meeting_label(meeting)}: {sentence}",
        meeting,
        items=items,
        private=any(r.reason and may_see_reason(ctx, r) for r in rows),
    )
