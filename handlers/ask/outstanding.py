"""What is still open on a topic: the actions the minutes committed someone to."""

from __future__ import annotations

from handlers.ask.answers import cite, heading
from handlers.ask.meeting_record import meetings_named
from handlers.ask.question import Question, covers
from handlers.ask.record import find
from handlers.formatting import day
from handlers.messages import Reply
from handlers.router import Context
from storage.actions import actions_for_boards
from storage.models import Action

SHOWN = 5


def describe(action: Action, *, overdue: bool = False, its_item: bool = True) -> str:
    """One action on a line: what, owner, when due, and (``its_item``) where it came from."""
    owner = action.owner.name if action.owner else action.owner_text
    parts = [action.text]
    if owner:
        parts.append(f"owner: {owner}")
    if action.due:
        parts.append(f"due {day(action.due)}" + (" (overdue)" if overdue else ""))
    elif action.due_meeting is not None:
        parts.append(f"due back at the meeting on {day(action.due_meeting.date)}")
    if its_item and action.item is not None:
        parts.append(f"from {heading(action.item)}")
    return " — ".join(parts)


def outstanding_reply(ctx: Context, question: Question, board_ids: list[int]) -> Reply:
    open_actions = actions_for_boards(ctx.session, board_ids)
    topic = question.topic
    if question.names_meeting and not question.topic_terms:
        # "what's outstanding from the October meeting": that meeting's actions.
        return _from_meetings(ctx, question, board_ids, open_actions)
    if question.terms:
        found = find(ctx.session, question.terms, question.raw_terms, board_ids)
        item_ids = {item.id for item in found.strong or [item for item, _ in found.weak]}
        open_actions = [
            a
            for a in open_actions
            if a.item_id in item_ids or covers(found.terms or question.terms, a.text)
        ]
    about = f" on “{topic}”" if topic else ""
    return _listed(ctx, open_actions, about)


def _from_meetings(
    ctx: Context, question: Question, board_ids: list[int], open_actions: list[Action]
) -> Reply:
    meetings = meetings_named(ctx, question, board_ids)
    if not meetings:
        return Reply(text="I can't find that meeting in the record.", intent="ask.outstanding")
    ids = {m.id for m in meetings}
    from_them = [a for a in open_actions if a.meeting_id in ids]
    return _listed(ctx, from_them, " from the meeting on " + day(meetings[0].date))


def _listed(ctx: Context, open_actions: list[Action], about: str) -> Reply:
    if not open_actions:
        return Reply(text=f"Nothing is outstanding{about}.", intent="ask.outstanding")
    today = ctx.message.now.date()
    open_actions.sort(key=lambda a: (a.due is None, a.due or today, a.id))
    shown = open_actions[:SHOWN]
    lines = [describe(a, overdue=a.due is not None and a.due < today) for a in shown]
    if len(open_actions) > SHOWN:
        lines.append(f"{len(open_actions) - SHOWN} more: /actions lists them all.")
    return Reply(
        text=f"Outstanding{about}:",
        intent="ask.outstanding",
        items=lines,
        citations=[cite(a.item) for a in shown if a.item is not None],
    )
