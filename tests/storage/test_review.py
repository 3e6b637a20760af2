"""Review: what imports could not place or read with confidence, and what a clerk has checked."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.db import transaction
from storage.models import Action, AgendaItem
from storage.review import mark_checked, review_findings
from storage.unplaced import replace_passages
from tests.conftest import Database
from tests.storage.test_unplaced import _meeting

NOW = dt.datetime(2024, 3, 7, 10, tzinfo=dt.UTC)


def test_review_names_swallowed_items_and_actions_without_item(db: Database) -> None:
    board, meeting = _meeting(db)
    long_text = "\n\n".join(f"Paragraph {n} of what may be later titles." for n in range(9))
    with transaction(db.factory) as session:
        session.add_all(
            [
                AgendaItem(meeting_id=meeting, position=0, title="Welcome", presenters=[]),
                AgendaItem(
                    meeting_id=meeting,
                    position=1,
                    title="Budget",
                    presenters=[],
                    agenda_text=long_text,
                ),
                Action(
                    board_id=board,
                    meeting_id=meeting,
                    text="Circulate the revised protocol",
                    origin_key="k1",
                    created_by="import",
                ),
            ]
        )
    with transaction(db.factory) as session:
        found = [(f.kind, f.detail) for f in review_findings(session, [board])]
        assert found == [
            ("swallowed items", "unnumbered item 'Budget' holds 9 paragraphs"),
            ("action without item", "Circulate the revised protocol"),
        ]
        assert review_findings(session, [board + 1]) == []


def test_a_checked_finding_leaves_the_list_and_a_reimport_lists_only_what_changed(
    db: Database,
) -> None:
    board, meeting = _meeting(db)
    with transaction(db.factory) as session:
        replace_passages(session, meeting, "minutes", ["Zebra crossing", "Lollipop patrol"])
    with transaction(db.factory) as session:
        first = review_findings(session, [board])[0]
        assert first.meeting_id == meeting and first.key.startswith("unplaced:")
        marked = mark_checked(session, first.key, frozenset({board}), "Sam Clerk", NOW)
        assert marked.detail == "minutes: Zebra crossing"
    with transaction(db.factory) as session:
        assert [f.detail for f in review_findings(session, [board])] == ["minutes: Lollipop patrol"]
        shown = review_findings(session, [board], include_checked=True)
        assert [(f.detail, f.checked_by) for f in shown] == [
            ("minutes: Zebra crossing", "Sam Clerk"),
            ("minutes: Lollipop patrol", None),
        ]
        with pytest.raises(LookupError):
            mark_checked(session, first.key, frozenset({board}), "Sam Clerk", NOW)
        with pytest.raises(LookupError):
            mark_checked(session, shown[1].key, frozenset({board + 1}), "Sam Clerk", NOW)
        replace_passages(session, meeting, "minutes", ["Zebra crossing", "Zebra crossing moved"])
    with transaction(db.factory) as session:
        # Re-imported: the passage the clerk checked stays checked; the changed one is new.
        assert [f.detail for f in review_findings(session, [board])] == [
            "minutes: Zebra crossing moved"
        ]
