"""``/ask`` and every plain question no narrower route claims: the record, quoted and cited."""

from __future__ import annotations

import re

from handlers.answers import (
    decision_reply,
    last_discussed_reply,
    no_answer,
    presenter_reply,
)
from handlers.meeting_record import (
    chair_reply,
    item_number_reply,
    meeting_reply,
    meetings_named,
    topic_at_meetings,
)
from handlers.messages import Reply
from handlers.outstanding import outstanding_reply
from handlers.question import Kind, Question, parse
from handlers.record import Found, find
from handlers.router import Context, Route, Router
from handlers.scope import resolve_scope, visible_boards, without_board_names
from handlers.who_attended import attendance_reply

EXAMPLES = (
    "what did we agree on sufficiency?",
    "when did we last discuss the Virtual School?",
    "who sent apologies to the September 2018 meeting?",
)
_GREETING = re.compile(
    r"^\s*(hi|hello|hey|thanks|thank you|cheers|morning|afternoon)\b[\s!.]*$", re.I
)


def ask(ctx: Context) -> Reply:
    if not ctx.text:
        return Reply(
            text="Ask me about the record, for example: " + " / ".join(EXAMPLES),
            intent="ask.empty",
        )
    if _GREETING.match(ctx.text):
        return Reply(
            text="Hello! Ask me about your board's meetings, or try /help.", intent="greeting"
        )
    scope = resolve_scope(ctx)
    if scope.problem:
        return Reply(text=scope.problem, intent="ask.no-board")
    board_ids = scope.board_ids
    question = parse(without_board_names(ctx.text, visible_boards(ctx)))
    if question.kind is Kind.ATTENDANCE:
        return attendance_reply(ctx, question, board_ids)
    if question.kind is Kind.OUTSTANDING:
        return outstanding_reply(ctx, question, board_ids)
    if question.kind is Kind.CHAIR:
        return chair_reply(ctx, question, board_ids)
    if question.item_number is not None:
        by_number = item_number_reply(ctx, question, board_ids)
        if by_number is not None:
            return by_number
    names_meeting = question.names_meeting
    if names_meeting and not question.topic_terms and question.kind is Kind.DECISION:
        return meeting_reply(ctx, question, meetings_named(ctx, question, board_ids))
    if not question.terms:
        return Reply(text="What about? For example: " + " / ".join(EXAMPLES), intent="ask.empty")
    found = _find(ctx, question, board_ids) if names_meeting else Found()
    if found.empty:
        found = find(ctx.session, question.terms, question.raw_terms, board_ids)
    if found.empty and names_meeting and question.topic_terms:
        # Nothing on the topic at that meeting: where it was discussed is still the answer.
        found = find(ctx.session, question.topic_terms, question.topic_raw, board_ids)
    if found.empty:
        return no_answer(ctx, question, board_ids)
    if question.kind is Kind.LAST_DISCUSSED:
        return last_discussed_reply(ctx, question, found)
    if question.kind is Kind.PRESENTER:
        return presenter_reply(ctx, question, found)
    return decision_reply(ctx, question, found)


def _find(ctx: Context, question: Question, board_ids: list[int]) -> Found:
    """A topic at a named meeting: "what did we agree on sufficiency in March?"."""
    if not question.topic_terms:
        return Found()
    found = find(ctx.session, question.topic_terms, question.topic_raw, board_ids)
    meetings = meetings_named(ctx, question, board_ids)
    strong = topic_at_meetings(found.strong, meetings)
    weak = [(item, said) for item, said in found.weak if item.meeting in meetings]
    return Found(strong=strong, weak=weak, terms=found.terms, corrected=found.corrected)


def register(router: Router) -> None:
    router.add(Route(intent="ask", handle=ask, commands=("ask",), priority=1000))
    router.fallback = ask
