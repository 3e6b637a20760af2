"""Answers about agenda items: resolutions quoted exactly as printed, always cited.

Several matches are shown newest first, at most three, with "N more".
"""

from __future__ import annotations

from rapidfuzz import fuzz

from handlers.ask.question import Question
from handlers.ask.record import Found, closest_titles, relevant_sentences
from handlers.ask.scoring import sentences, titled_for
from handlers.formatting import day
from handlers.messages import Citation, Reply
from handlers.router import Context
from handlers.scope import may_quote
from storage.agenda_items import carried_copy
from storage.meetings import meetings_after
from storage.models import AgendaItem, DecisionKind, Meeting, MeetingStatus
from storage.unplaced import search_passages

SHOWN = 3
EXEMPT_NOTE = (
    "This item is exempt (confidential), so I can only quote it in a direct message "
    "to a member of its board."
)


def quote(text: str) -> str:
    return f"“{text}”"


def cite(item: AgendaItem) -> Citation:
    meeting = item.meeting
    return Citation(meeting.board.name, meeting.date, item.number, item.title, item.decision_url)


def heading(item: AgendaItem, *, dated: bool = True) -> str:
    """ "12 September 2018, 18/9 Signs of Safety" (without the date under a meeting's own)."""
    number = f"{item.number} " if item.number else ""
    if not dated:
        return f"{number}{item.title}"
    return f"{item.meeting.date.day} {item.meeting.date:%B %Y}, {number}{item.title}"


def newest_first(items: list[AgendaItem]) -> list[AgendaItem]:
    return sorted(items, key=lambda i: (i.meeting.date, -i.position), reverse=True)


def minuted(item: AgendaItem) -> bool:
    """Whether the record says what happened to the item, not just that it was on an agenda."""
    return bool(item.decisions or item.minutes_text) or item.meeting.status == MeetingStatus.HELD


def _came_back(ctx: Context, item: AgendaItem) -> AgendaItem | None:
    """The later item that took up a deferred one: linked by the importer, else by title.

    The importer's own carried copy proves nothing until that meeting's minutes exist.
    """
    carried = carried_copy(ctx.session, item.id)
    if carried is not None:
        return carried if minuted(carried) else None
    later = meetings_after(ctx.session, item.meeting.board_id, item.meeting.date, limit=4)
    for meeting in later:
        for other in meeting.items:
            if fuzz.token_set_ratio(other.title.lower(), item.title.lower()) >= 90:
                return other
    return None


def _deferral(ctx: Context, item: AgendaItem) -> list[str]:
    deferred = item.deferred_to_meeting_id is not None or any(
        d.kind == DecisionKind.DEFERRED for d in item.decisions
    )
    if not deferred:
        return []
    lines = []
    target = item.deferred_to
    if target is not None:
        lines.append(f"It was deferred to the meeting on {day(target.date)}.")
    back = _came_back(ctx, item)
    if back is None:
        held = target is not None and target.status == MeetingStatus.HELD
        lines.append(
            "It is not in the minutes of that meeting."
            if held
            else "There are no minutes yet of it coming back."
        )
    else:
        lines.append(f"It came back on {day(back.meeting.date)} ({heading(back)}):")
        lines.extend(quote(d.text) for d in back.decisions)
        if not back.decisions:
            lines.append("No resolution is recorded for it there.")
    return lines


def item_lines(
    ctx: Context, item: AgendaItem, terms: tuple[str, ...], *, dated: bool = True
) -> list[str]:
    """The quoted record of one item: its resolutions, or the nearest thing to them."""
    if not may_quote(ctx, item):
        return [f"{heading(item, dated=dated)}: {EXEMPT_NOTE}"]
    lines = [f"{heading(item, dated=dated)}:"]
    if item.decisions:
        lines.extend(quote(d.text) for d in item.decisions)
    elif _still_to_come(ctx, item.meeting):
        lines.append(f"It is on the agenda for the meeting on {day(item.meeting.date)}.")
    elif not minuted(item):
        lines.append("It was on the agenda; no minutes of that meeting are in the record yet.")
    else:
        cut = " (the published minutes are cut short)" if item.truncated else ""
        lines.append(f"No resolution is recorded for this item{cut}.")
        # Asked by date or number, not topic: the opening of the minutes says what happened.
        said = relevant_sentences(item, terms) if terms else sentences(item.minutes_text)[:1]
        if said:
            lines.append("The minutes say: " + " … ".join(quote(s) for s in said))
    lines.extend(_deferral(ctx, item))
    return lines


def _still_to_come(ctx: Context, meeting: Meeting) -> bool:
    """A scheduled meeting not yet held has an agenda, not a record of decisions."""
    today = ctx.message.now.astimezone(meeting.board.tz).date()
    return meeting.status == MeetingStatus.SCHEDULED and meeting.date >= today


def quotes_exempt(ctx: Context, items: list[AgendaItem]) -> bool:
    """Whether the answer quotes an exempt item: then it must never show in a channel."""
    return any(item.exempt and may_quote(ctx, item) for item in items)


def no_answer(ctx: Context, question: Question, board_ids: list[int]) -> Reply:
    topic = question.topic or "that"
    passages = search_passages(ctx.session, question.terms, board_ids, limit=SHOWN)
    if passages:
        # No item holds it, but a passage the import could not place does: quoted, cited
        # to its meeting, and said to be outside any agenda item.
        lines = [f"No agenda item is about “{topic}”, but the published papers say:"]
        lines += [f"{day(p.meeting_date)}, {p.board}: {quote(p.text)}" for p in passages]
        return Reply(
            text="\n".join(lines),
            intent="ask.unplaced",
            citations=[Citation(board=p.board, meeting_date=p.meeting_date) for p in passages],
        )
    closest = closest_titles(ctx.session, question.terms, board_ids)
    if closest:
        text = f"I found nothing in the record about “{topic}”. The closest items are:"
    else:
        text = f"I found nothing in the record about “{topic}”."
    return Reply(text=text, intent="ask.no-answer", items=closest)


def decision_reply(ctx: Context, question: Question, found: Found) -> Reply:
    """What was decided: every matching item newest first, at most three."""
    topic = question.topic
    if found.strong:
        # A deferred item's carried copy is told with the original's story, not apart.
        ids = {item.id for item in found.strong}
        # Best first: the item titled for the topic, then the newest (``find``'s order).
        items = [i for i in found.strong if i.carried_from_item_id not in ids]
        # What was decided comes before what is only on an agenda (sort is stable).
        items.sort(key=lambda item: not minuted(item))
        shown = items[:SHOWN]
        lines = [" ".join(item_lines(ctx, item, found.terms)) for item in shown]
        text = f"What the minutes record on “{topic}”:"
        if found.corrected:
            text = f"What the minutes record on “{' '.join(found.terms)}” (from “{topic}”):"
        if len(items) > SHOWN:
            lines.append(f"{len(items) - SHOWN} more: ask about a particular meeting to see them.")
        return Reply(
            text=text,
            intent="ask.decision",
            items=lines,
            citations=[cite(item) for item in shown],
            private=quotes_exempt(ctx, shown),
        )
    weak = found.weak  # best first
    shown_weak = weak[:SHOWN]
    lines = []
    for item, said in shown_weak:
        if not may_quote(ctx, item):
            lines.append(f"{heading(item)}: {EXEMPT_NOTE}")
            continue
        resolution = " ".join(quote(d.text) for d in item.decisions) or "no resolution recorded"
        lines.append(
            f"{heading(item)}: the minutes mention it — "
            + " … ".join(quote(s) for s in said)
            + f" Resolution on the item: {resolution}"
        )
    if len(weak) > SHOWN:
        lines.append(f"{len(weak) - SHOWN} more.")
    text = f"No item is about “{topic}” as such, but it came up in these:"
    if found.partial:
        text = f"Nothing in the record holds all of “{topic}”; the nearest:"
    return Reply(
        text=text,
        intent="ask.mentioned",
        items=lines,
        citations=[cite(item) for item, _ in shown_weak],
        private=quotes_exempt(ctx, [item for item, _ in shown_weak]),
    )


def last_discussed_reply(ctx: Context, question: Question, found: Found) -> Reply:
    matches = newest_first([*found.strong, *(item for item, _ in found.weak)])
    # An item titled for the topic beats a passing mention in another item's minutes ("SEND
    # support" in an exclusions report is not the board looking at SEND).
    matches = [i for i in matches if titled_for(i, found.concepts)] or matches
    # Discussed means minuted; a coming meeting's agenda is not a discussion yet.
    items = [i for i in matches if minuted(i) and not _still_to_come(ctx, i.meeting)] or matches
    last = items[0]
    board = last.meeting.board.name
    text = f"“{question.topic}” was last discussed by the {board} on {day(last.meeting.date)}."
    lines = item_lines(ctx, last, found.terms)
    before = [f"Before that: {day(i.meeting.date)}" for i in items[1:SHOWN]]
    return Reply(
        text=text,
        intent="ask.last-discussed",
        items=[" ".join(lines), *before],
        citations=[cite(last)],
        private=quotes_exempt(ctx, [last]),
    )


def presenter_reply(ctx: Context, question: Question, found: Found) -> Reply:
    items = newest_first(found.strong or [item for item, _ in found.weak])[:SHOWN]
    lines = []
    for item in items:
        if item.presenters:
            lines.append(f"{heading(item)}: presented by {_names(item.presenters)}.")
        else:
            lines.append(f"{heading(item)}: the minutes name no presenter.")
    return Reply(
        text=f"Who presented “{question.topic}”:",
        intent="ask.presenter",
        items=lines,
        citations=[cite(item) for item in items],
    )


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
