"""Answers drawn from inside an item rather than its headline resolution.

"how many care leavers were in education?" and "what was said about PEPs?" quote the one
or two sentences of the minutes that answer; "who was elected chair?" quotes the
resolution that elected them; "what actions came out of the away day item?" lists that
item's actions. All verbatim and cited.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from handlers.ask.answers import EXEMPT_NOTE, cite, heading, newest_first, quote, quotes_exempt
from handlers.ask.concepts import Concept, alternatives
from handlers.ask.meeting_record import chair_reply
from handlers.ask.outstanding import describe
from handlers.ask.question import Question
from handlers.ask.record import Found
from handlers.ask.scoring import Words, best_sentences, holds, sentences
from handlers.formatting import day
from handlers.messages import Reply
from handlers.router import Context
from handlers.scope import may_quote
from storage.actions import item_actions
from storage.agenda_items import items_by_id
from storage.models import AgendaItem
from storage.search import search_items, words

_LOOKED_AT = 5


def _ranked(found: Found) -> list[AgendaItem]:
    return found.strong + [item for item, _ in found.weak]


def said_reply(ctx: Context, question: Question, found: Found) -> Reply:
    """The best one or two sentences, from the item whose sentences hold most of the topic."""
    wanted = question.wanted
    best: tuple[float, AgendaItem, list[str]] | None = None
    # Whichever item's sentences say most of it, heading or not; among equals the newest.
    looked_at = newest_first(
        found.strong[:_LOOKED_AT] + [item for item, _ in found.weak[:_LOOKED_AT]]
    )
    for item in looked_at:
        said = best_sentences(item, found.concepts, wanted=wanted)
        if not said:
            continue
        joined = " ".join(said)
        score: float = sum(holds(c, Words(joined)) for c in found.concepts)
        # A figure answers "how many" (names "who is on"); an item about the topic beats one
        # mentioning it.
        score += 0.5 * bool(wanted and wanted.search(joined)) + 0.25 * (item in found.strong)
        # "how many adopters approved": the sentence saying "approved" over "placed".
        printed = Words(joined)
        score += 0.1 * sum(printed.has(w) for w in question.form_words)
        if best is None or score > best[0]:
            best = (score, item, said)
    if best is None:
        item = _ranked(found)[0]
        said = []
    else:
        _score, item, said = best
    if not may_quote(ctx, item):
        return Reply(
            text=f"{heading(item)}: {EXEMPT_NOTE}", intent="ask.said", citations=[cite(item)]
        )
    if not said:
        text = f"The minutes of {heading(item)} do not say more about “{question.topic}”."
        return Reply(text=text, intent="ask.said", citations=[cite(item)])
    return Reply(
        text=f"The minutes of {heading(item)} say:",
        intent="ask.said",
        items=[quote(s) for s in said],
        citations=[cite(item)],
        private=quotes_exempt(ctx, [item]),
    )


def item_actions_reply(ctx: Context, question: Question, found: Found) -> Reply:
    """The actions linked to the item asked about: owner, due date and status."""
    item = _ranked(found)[0]
    actions = item_actions(ctx.session, item.id)
    if not actions:
        return Reply(
            text=f"No actions are recorded against {heading(item)}.",
            intent="ask.item-actions",
            citations=[cite(item)],
        )
    lines = [f"{describe(a, its_item=False)} — {a.status.value}" for a in actions]
    return Reply(
        text=f"Actions from {heading(item)}:",
        intent="ask.item-actions",
        items=lines,
        citations=[cite(item)],
    )


_ELECTING = ("elect", "appoint", "chosen", "nominat")
_ELECTED_WORDS = ("elected", "appointed", "chosen", "nominated")
_ROLE_WORDS = frozenset(words("chair chairman chairwoman chairperson convener convenor"))


def elected_reply(ctx: Context, question: Question, board_ids: list[int]) -> Reply:
    """Who was elected or appointed to a role, from the resolution that did it, else from
    the minutes' own sentence ("Councillor Rahman was elected Chair for 2024-25")."""
    role = Concept(question.topic or "chair", _role_forms(question))
    wants_vice = "vice" in question.terms or "deputy" in question.terms
    for said, item in _electing_sentences(ctx, role, board_ids):
        if not holds(role, Words(said)) or wants_vice != _vice(said):
            continue
        if not may_quote(ctx, item):
            return Reply(text=f"{heading(item)}: {EXEMPT_NOTE}", intent="ask.elected")
        return Reply(
            text=f"The {item.meeting.board.name} resolved on {day(item.meeting.date)}:"
            if any(d.text == said for d in item.decisions)
            else f"The minutes of {heading(item)} say:",
            intent="ask.elected",
            items=[quote(said)],
            citations=[cite(item)],
        )
    if not wants_vice and (not question.topic_terms or _ROLE_WORDS & set(question.terms)):
        return chair_reply(ctx, question, board_ids)
    return Reply(
        text=f"I found no resolution electing or appointing a {question.topic}.",
        intent="ask.no-answer",
    )


def _electing_sentences(
    ctx: Context, role: Concept, board_ids: list[int]
) -> Iterator[tuple[str, AgendaItem]]:
    """Resolutions, then sentences of the minutes, that elect or appoint: newest first.

    The full-text index finds the items naming both an electing word and the role (a
    scan of every item's minutes would not hold the speed targets)."""
    hits = search_items(
        ctx.session, [[(stem,) for stem in _ELECTED_WORDS], role.forms], board_ids, where="all"
    )
    for item in items_by_id(ctx.session, [hit.item_id for hit in hits]):
        said = [d.text for d in item.decisions] + sentences(item.minutes_text)
        for text in dict.fromkeys(said):
            if any(stem in text.lower() for stem in _ELECTING):
                yield text, item


def _role_forms(question: Question) -> tuple[tuple[str, ...], ...]:
    """The role asked about; "chair of the hwb" asks for the chair, whatever the board."""
    asked = tuple(w for w in question.topic_terms if w not in {"vice", "deputy"})
    if _ROLE_WORDS & set(asked) or not asked:
        asked = ("chair",)
    return tuple(dict.fromkeys((asked, *alternatives(asked))))


def _vice(text: str) -> bool:
    """Whether a resolution elects a vice or deputy (and no one to the role itself)."""
    printed = " ".join(Words(text).sequence)
    plain = re.sub(r"\b(vice|deputy)\s+(chair\w*|conven\w*)", "", printed)
    return plain != printed and not re.search(r"\b(chair|conven)", plain)
