"""Import steps for the meeting itself, its agenda items and their decisions."""

from __future__ import annotations

from rapidfuzz import fuzz
from sqlalchemy import inspect

from storage.importers.model import ParsedItem
from storage.importers.persist_base import WriterBase, confirmed_dates, fold
from storage.models import (
    AgendaItem,
    Decision,
    DecisionKind,
    Meeting,
    MeetingStatus,
    MinutesStatus,
)


class MeetingSteps(WriterBase):
    def meeting(self) -> tuple[Meeting, bool]:
        parsed = self.parsed
        existing = self.find_meeting(parsed.date)
        meeting = self.scheduled_meeting(parsed.date)
        self.scheduled.discard(parsed.date)
        if parsed.time is not None:
            meeting.starts_at = self.instant(parsed.date, parsed.time)
        for attribute in ("venue", "title_as_printed", "contact"):
            value = getattr(parsed, attribute)
            if value:
                setattr(meeting, attribute, value[:300] if attribute != "contact" else value[:200])
        if parsed.kind == "minutes":
            meeting.status = MeetingStatus.HELD
            if parsed.draft is True and meeting.minutes_status != MinutesStatus.CONFIRMED:
                meeting.minutes_status = MinutesStatus.DRAFT
            elif parsed.draft is False:
                meeting.minutes_status = MinutesStatus.CONFIRMED
            elif meeting.minutes_status in (None, MinutesStatus.NONE):  # None: a new row
                meeting.minutes_status = MinutesStatus.DRAFT
        return meeting, existing is None

    def schedule_next_meeting(self) -> None:
        upcoming = self.parsed.next_meeting
        if upcoming is not None and upcoming.date > self.parsed.date:
            self.scheduled_meeting(upcoming.date, upcoming.time)

    def confirm_earlier_minutes(self, meeting: Meeting) -> None:
        """ "The minutes of the meeting held on 7 August were approved": that meeting's are final."""
        for date in confirmed_dates(self.parsed):
            if date < meeting.date:
                earlier = self.find_meeting(date)
                if earlier is not None and earlier.minutes_status != MinutesStatus.NONE:
                    earlier.minutes_status = MinutesStatus.CONFIRMED

    # --- items and decisions -----------------------------------------------------------

    def items(self, meeting: Meeting) -> list[AgendaItem]:
        """Match parsed items to stored ones (number, then title), update, keep the rest after."""
        existing = list(meeting.items)
        unmatched = list(existing)
        stored: list[AgendaItem] = []
        for parsed_item in self.parsed.items:
            row = _match_item(parsed_item, unmatched)
            if row is None:
                row = AgendaItem(title=parsed_item.title, presenters=[], decisions=[])
                meeting.items.append(row)
            else:
                unmatched.remove(row)
            self._update_item(row, parsed_item)
            stored.append(row)
        for position, row in enumerate(stored + [r for r in existing if r in unmatched]):
            row.position = position
        return stored

    def _update_item(self, row: AgendaItem, parsed: ParsedItem) -> None:
        row.title = parsed.title
        if parsed.number:
            row.number = parsed.number[:40]
        if parsed.presenters:
            row.presenters = list(parsed.presenters)
        if parsed.agenda_text:
            row.agenda_text = parsed.agenda_text
        # A full version replaces a truncated one; a truncated one never hides a full one.
        if parsed.minutes_text and (not parsed.truncated or row.truncated or not row.minutes_text):
            row.minutes_text = parsed.minutes_text
            row.truncated = parsed.truncated
        if parsed.exempt:
            row.exempt = True
            row.exempt_reason = parsed.exempt_reason
        if self.parsed.kind == "minutes" and (parsed.decisions or parsed.minutes_text):
            if not inspect(row).has_identity and not row.decisions:
                for position, decision in enumerate(parsed.decisions):
                    self.add_later(
                        Decision,
                        item_id=row,
                        position=position,
                        text=decision.text,
                        kind=DecisionKind(decision.kind),
                    )
            else:
                _replace_decisions(row, parsed)

    def carry_deferred(self, items: list[AgendaItem]) -> None:
        """A deferred item is carried onto the meeting it was deferred to (created if need be)."""
        for parsed_item, row in zip(self.parsed.items, items, strict=True):
            if parsed_item.deferred_to is None or parsed_item.deferred_to <= self.parsed.date:
                continue
            target = self.scheduled_meeting(parsed_item.deferred_to)
            row.deferred_to = target
            already = [
                other
                for other in target.items
                if (other.carried_from is row)
                or (row.id is not None and other.carried_from_item_id == row.id)
                or fold(other.title) == fold(row.title)
            ]
            if already:
                for other in already:
                    if other.carried_from_item_id is None and other.carried_from is None:
                        other.carried_from = row
                continue
            target.items.append(
                AgendaItem(
                    title=row.title,
                    position=len(target.items),
                    presenters=list(row.presenters or []),
                    agenda_text=row.agenda_text,
                    carried_from=row,
                    decisions=[],
                )
            )


def _match_item(parsed: ParsedItem, rows: list[AgendaItem]) -> AgendaItem | None:
    if parsed.number:
        for row in rows:
            if row.number and row.number.rstrip(".") == parsed.number.rstrip("."):
                return row
    title = fold(parsed.title)
    for row in rows:
        if fold(row.title) == title:
            return row
    scored = [
        (fuzz.token_sort_ratio(title, fold(row.title)), row)
        for row in rows
        if not (
            parsed.number and row.number and row.number.rstrip(".") != parsed.number.rstrip(".")
        )
    ]
    scored = [pair for pair in scored if pair[0] >= 88]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def _replace_decisions(row: AgendaItem, parsed: ParsedItem) -> None:
    """The item's resolutions become the printed ones; unchanged rows are kept as they are."""
    by_text = {d.text: d for d in row.decisions}
    kept: list[Decision] = []
    for position, decision in enumerate(parsed.decisions):
        stored = by_text.pop(decision.text, None)
        if stored is None:
            stored = Decision(text=decision.text, kind=DecisionKind(decision.kind))
        stored.kind = DecisionKind(decision.kind)
        stored.position = position
        kept.append(stored)
    row.decisions = kept
