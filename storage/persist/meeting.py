"""Import steps for the meeting itself, its agenda items and their decisions."""

from __future__ import annotations

from rapidfuzz import fuzz
from sqlalchemy import insert

from storage.models import (
    AgendaItem,
    Decision,
    DecisionKind,
    Meeting,
    MeetingStatus,
    MinutesStatus,
)
from storage.parsed import ParsedItem
from storage.persist.base import (
    NewItem,
    StoredItem,
    WriterBase,
    cut,
    fold,
    row_id,
    table_of,
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
        for date in self.parsed.confirms_minutes_of:
            if date < meeting.date:
                earlier = self.find_meeting(date)
                if earlier is not None and earlier.minutes_status != MinutesStatus.NONE:
                    earlier.minutes_status = MinutesStatus.CONFIRMED

    # --- items and decisions -----------------------------------------------------------

    def items(self, meeting: Meeting) -> list[StoredItem]:
        """Match parsed items to stored ones (number, then title), update, keep the rest after.

        Items not stored yet go in with one ``INSERT … RETURNING id, position``: SQLite
        cannot batch ORM inserts of rows with generated keys, and returns the rows of a
        multi-row insert in no set order, so the ids are matched back by position.
        """
        existing = list(meeting.items)
        unmatched = list(existing)
        rows: list[AgendaItem | None] = []
        for parsed_item in self.parsed.items:
            row = _match_item(parsed_item, unmatched)
            if row is not None:
                unmatched.remove(row)
                self._update_item(row, parsed_item)
            rows.append(row)
        for position, row in enumerate([*rows, *unmatched]):
            if row is not None:
                row.position = position
        new = [
            (position, self.parsed.items[position]) for position, r in enumerate(rows) if r is None
        ]
        ids = self._insert_items(meeting, new)
        return [
            row
            if row is not None
            else NewItem(
                ids[position],
                parsed_item.title,
                list(parsed_item.presenters),
                parsed_item.agenda_text,
            )
            for position, (row, parsed_item) in enumerate(zip(rows, self.parsed.items, strict=True))
        ]

    def _insert_items(self, meeting: Meeting, new: list[tuple[int, ParsedItem]]) -> dict[int, int]:
        """Insert the new items and their decisions; their ids by position."""
        values = [
            {
                "meeting_id": meeting,
                "position": position,
                "number": cut(item.number, 40),
                "title": item.title,
                "presenters": list(item.presenters),
                "agenda_text": item.agenda_text or None,
                "minutes_text": item.minutes_text or None,
                "truncated": bool(item.minutes_text) and item.truncated,
                "exempt": bool(item.exempt),
                "exempt_reason": item.exempt_reason if item.exempt else None,
                "deferred_to_meeting_id": self._deferral_target(item),
                "carried_from_item_id": None,
                "search_pending": self.index_later,
            }
            for position, item in new
        ]
        self.session.flush()  # the meeting, and any a deferral creates, get their ids
        if not values:
            return {}
        table = table_of(AgendaItem)
        inserted = self.session.connection().execute(
            insert(table).returning(table.c.id, table.c.position),
            [{key: row_id(value) for key, value in row.items()} for row in values],
        )
        ids = {position: item_id for item_id, position in inserted}
        if self.index_later:
            self.inserted_items(list(ids.values()))
        if self.parsed.kind == "minutes":
            for position, item in new:
                for order, decision in enumerate(item.decisions):
                    self.add_later(
                        Decision,
                        item_id=ids[position],
                        position=order,
                        text=decision.text,
                        kind=DecisionKind(decision.kind),
                    )
        return ids

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
            _replace_decisions(row, parsed)

    def _deferral_target(self, item: ParsedItem) -> Meeting | None:
        """The later meeting a deferred item goes to (created if need be)."""
        if item.deferred_to is None or item.deferred_to <= self.parsed.date:
            return None
        return self.scheduled_meeting(item.deferred_to)

    def carry_deferred(self, items: list[StoredItem]) -> None:
        """A deferred item is carried onto the meeting it was deferred to."""
        for parsed_item, row in zip(self.parsed.items, items, strict=True):
            target = self._deferral_target(parsed_item)
            if target is None:
                continue
            if isinstance(row, AgendaItem):
                row.deferred_to = target
            already = [
                other
                for other in target.items
                if other.carried_from_item_id == row.id or fold(other.title) == fold(row.title)
            ]
            for other in already:
                if other.carried_from_item_id is None:
                    other.carried_from_item_id = row.id
            if not already:
                target.items.append(
                    AgendaItem(
                        title=row.title,
                        position=len(target.items),
                        presenters=list(row.presenters or []),
                        agenda_text=row.agenda_text,
                        carried_from_item_id=row.id,
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
