"""``/next-meeting [board]``: when and where, the agenda, and what is coming back to it."""

from __future__ import annotations

import re

from handlers.formatting import day, meeting_when
from handlers.messages import Citation, Reply, ReplyField
from handlers.router import Context, Route, Router
from handlers.scope import Scope, resolve_scope
from storage.actions import actions_due_at, items_deferred_to
from storage.models import AttendanceStatus, Meeting
from storage.queries import past_meetings, upcoming_meetings

_ASKS = re.compile(
    r"\b(next|upcoming)\s+(\w+\s+){0,3}?(meeting|board|committee|session)\b"
    r"|\bwhen\s*(is|'s|s|are)\s+we\s+(next\s+)?meeting\b"
    r"|\bwhen\s+do\s+we\s+(next\s+)?meet\b"
)
# Apology statements ("sorry, can't make the next meeting") belong to the apologies route.
APOLOGY_WORDS = re.compile(
    r"\b(sorry|apolog\w*|can'?t|cannot|won'?t|unable|not\s+able|send\s+my|away|miss)\b"
)
_OTHER_QUESTIONS = re.compile(r"\b(agenda|who|agree\w*|decid\w*|outstanding|resol\w*)\b")


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def recognises(ctx: Context) -> bool:
    """Narrow on purpose: "when's the next meeting?", never an apology or a record question."""
    text = _normal(ctx.text)
    return (
        bool(_ASKS.search(text))
        and not APOLOGY_WORDS.search(text)
        and not (_OTHER_QUESTIONS.search(text))
    )


def agenda_lines(meeting: Meeting) -> list[str]:
    lines = []
    for item in meeting.items:
        number = f"{item.number} " if item.number else ""
        who = f" — {', '.join(item.presenters)}" if item.presenters else ""
        exempt = " (exempt)" if item.exempt else ""
        origin = item.carried_from
        if origin is not None:
            was = f"{origin.number}, " if origin.number else ""
            exempt += f" (deferred from {was}{day(origin.meeting.date)})"
        lines.append(f"{number}{item.title}{exempt}{who}")
    return lines


def meeting_fields(meeting: Meeting) -> list[ReplyField]:
    fields = [ReplyField("When", meeting_when(meeting))]
    if meeting.venue:
        fields.append(ReplyField("Where", meeting.venue))
    return fields


def _coming_back(ctx: Context, meeting: Meeting) -> list[str]:
    """Deferred items not yet on the agenda, and actions due back that aren't just those."""
    lines = []
    deferred = items_deferred_to(ctx.session, meeting.id)
    on_agenda = {item.carried_from_item_id for item in meeting.items}
    for item in deferred:
        if item.id in on_agenda:
            continue
        number = f"{item.number} " if item.number else ""
        lines.append(
            f"Deferred to this meeting: {number}{item.title} (from {day(item.meeting.date)})"
        )
    actions = actions_due_at(ctx.session, meeting.id)
    deferred_ids = {item.id for item in deferred}
    for action in actions:
        if action.item_id in deferred_ids:
            continue  # "bring it back" is the deferral itself, already shown
        owner = action.owner.name if action.owner else action.owner_text
        lines.append(f"Action due back: {action.text}" + (f" ({owner})" if owner else ""))
    return lines


def next_meeting_reply(ctx: Context, scope: Scope) -> Reply:
    boards = scope.boards
    upcoming = upcoming_meetings(ctx.session, scope.board_ids, ctx.message.now)
    names = " or ".join(b.name for b in boards) if len(boards) <= 2 else "your boards"
    if not upcoming:
        last = past_meetings(ctx.session, scope.board_ids, ctx.message.now, limit=1)
        text = f"No upcoming meeting of the {names} is scheduled."
        citations = []
        if last:
            text += f" The last one was on {day(last[0].date)} ({last[0].board.name})."
            citations.append(Citation(last[0].board.name, last[0].date))
        return Reply(text=text, intent="next-meeting.none", citations=citations)
    meeting = upcoming[0]
    apologies = [a.name for a in meeting.attendance if a.status == AttendanceStatus.APOLOGIES]
    items = [*agenda_lines(meeting)]
    fields = meeting_fields(meeting)
    fields.append(ReplyField("Apologies so far", ", ".join(apologies) if apologies else "none"))
    items.extend(_coming_back(ctx, meeting))
    others = {m.board_id: m for m in reversed(upcoming[1:]) if m.board_id != meeting.board_id}
    text = f"The next meeting of the {meeting.board.name} is on {meeting_when(meeting)}."
    if meeting.title_as_printed and meeting.title_as_printed.lower() != meeting.board.name.lower():
        text += f" ({meeting.title_as_printed})"
    if not meeting.items:
        text += " No agenda has been published yet."
    for other in others.values():
        text += f" Next {other.board.name}: {meeting_when(other)}."
    return Reply(
        title=f"Next meeting: {meeting.board.name}",
        text=text,
        intent="next-meeting",
        fields=fields,
        items=items,
        citations=[Citation(meeting.board.name, meeting.date)],
    )


def next_meeting(ctx: Context) -> Reply:
    scope = resolve_scope(ctx, ctx.text if ctx.message.command else None)
    if scope.problem:
        return Reply(text=scope.problem, intent="next-meeting.no-board")
    if not scope.boards:
        return Reply(text="You don't sit on any board yet.", intent="next-meeting.none")
    return next_meeting_reply(ctx, scope)


def register(router: Router) -> None:
    router.add(
        Route(
            intent="next-meeting",
            handle=next_meeting,
            commands=("next-meeting", "next"),
            recognises=recognises,
            priority=50,
        )
    )
