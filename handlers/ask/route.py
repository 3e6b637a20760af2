"""``/ask`` and every plain question no narrower route claims: the record, quoted and cited."""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers.ask.answers import (
    decision_reply,
    last_discussed_reply,
    no_answer,
    presenter_reply,
)
from handlers.ask.from_minutes import elected_reply, item_actions_reply, said_reply
from handlers.ask.history import HISTORY_MOST, MORE, history_reply
from handlers.ask.meeting_record import (
    chair_reply,
    item_number_reply,
    meeting_reply,
    meetings_named,
    topic_at_meetings,
)
from handlers.ask.outstanding import outstanding_reply
from handlers.ask.question import Kind, Question, parse
from handlers.ask.record import Found, find
from handlers.ask.who_attended import attendance_reply
from handlers.messages import Reply
from handlers.router import Context, Route, Router
from handlers.scope import resolve_scope, visible_boards, without_board_names

EXAMPLES = (
    "what did we agree on sufficiency?",
    "when did we last discuss the Virtual School?",
    "who sent apologies to the September 2018 meeting?",
)
# Forms whose answer may be a sentence of the minutes, not a heading.
_FROM_THE_MINUTES = frozenset({Kind.SAID, Kind.LAST_DISCUSSED})
_GREETING = re.compile(
    r"^\s*(hi|hello|hey|thanks|thank you|cheers|morning|afternoon)\b[\s!.]*$", re.I
)


def ask(ctx: Context) -> Reply:
    button = ctx.message.button
    if button is not None:
        return _more_history(ctx, button.action_id, button.value)
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
    if question.kind in _NOT_BY_TOPIC:
        return _NOT_BY_TOPIC[question.kind](ctx, question, board_ids)
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
        found = find(
            ctx.session,
            question.terms,
            question.raw_terms,
            board_ids,
            thorough=question.kind in _FROM_THE_MINUTES,
            latest=question.kind is Kind.LAST_DISCUSSED,
            candidates=HISTORY_MOST if question.kind is Kind.HISTORY else 30,
            form_words=question.form_words,
            said_as=question.said_as,
        )
    if found.empty and names_meeting and question.topic_terms:
        # Nothing on the topic at that meeting: where it was discussed is still the answer.
        found = find(ctx.session, question.topic_terms, question.topic_raw, board_ids)
    if found.empty:
        return no_answer(ctx, question, board_ids)
    return _BY_TOPIC.get(question.kind, decision_reply)(ctx, question, found)


def _history(ctx: Context, question: Question, found: Found) -> Reply:
    return history_reply(ctx, question.topic, found)


# Questions answered from the attendance list, the actions or the resolutions that elect.
_NOT_BY_TOPIC: dict[Kind, Callable[[Context, Question, list[int]], Reply]] = {
    Kind.ATTENDANCE: attendance_reply,
    Kind.OUTSTANDING: outstanding_reply,
    Kind.CHAIR: chair_reply,
    Kind.ELECTED: elected_reply,
}
# Questions about a topic, by what they want of the items found (else what was decided).
_BY_TOPIC: dict[Kind, Callable[[Context, Question, Found], Reply]] = {
    Kind.HISTORY: _history,
    Kind.SAID: said_reply,
    Kind.ITEM_ACTIONS: item_actions_reply,
    Kind.LAST_DISCUSSED: last_discussed_reply,
    Kind.PRESENTER: presenter_reply,
}


def _find(ctx: Context, question: Question, board_ids: list[int]) -> Found:
    """A topic at a named meeting: "what did we agree on sufficiency in March?"."""
    if not question.topic_terms:
        return Found()
    found = find(ctx.session, question.topic_terms, question.topic_raw, board_ids, thorough=True)
    meetings = meetings_named(ctx, question, board_ids)
    strong = topic_at_meetings(found.strong, meetings)
    weak = [(item, said) for item, said in found.weak if item.meeting in meetings]
    return Found(
        strong=strong,
        weak=weak,
        terms=found.terms,
        corrected=found.corrected,
        concepts=found.concepts,
    )


def _more_history(ctx: Context, action_id: str, topic: str) -> Reply:
    """The "more" button of a topic's history: the next page, in the same scope."""
    scope = resolve_scope(ctx)
    if scope.problem:
        return Reply(text=scope.problem, intent="ask.no-board")
    shown = action_id.partition(":")[2]
    if not (shown.isascii() and shown.isdigit()):
        return Reply(text="That button is out of date; ask again.", intent="ask.bad-button")
    question = parse(f"history {topic}")
    found = find(
        ctx.session, question.terms, question.raw_terms, scope.board_ids, candidates=HISTORY_MOST
    )
    return history_reply(ctx, topic, found, int(shown))


def register(router: Router) -> None:
    router.add(
        Route(
            intent="ask",
            handle=ask,
            commands=("ask",),
            priority=1000,
            button_prefixes=(MORE,),
        )
    )
    router.fallback = ask
