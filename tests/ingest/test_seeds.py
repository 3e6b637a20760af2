"""Both real seed documents import exactly as ``expected.json`` says, field by field.

The seeds are third-party documents kept outside the repository (../shared/seeds);
these tests skip, saying why, where they are absent.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import fuzz

from ingest import ParsedDocument, parse_document
from tests.ingest.conftest import fold

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
NAMES = ["000_92721f12646d5d83.txt", "003_dd52646ca0c8b0f6.txt"]


def _expected() -> dict[str, Any]:
    path = SEEDS / "expected.json"
    if not path.is_file():
        pytest.skip(f"seed documents not found at {SEEDS}")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(params=NAMES)
def seed(request: pytest.FixtureRequest) -> tuple[ParsedDocument, dict[str, Any]]:
    expected = _expected()
    name: str = request.param
    if not (SEEDS / name).is_file():
        pytest.skip(f"seed {name} not found in {SEEDS}")
    return parse_document(SEEDS / name), expected[name]


def test_meeting_header(seed: tuple[ParsedDocument, dict[str, Any]]) -> None:
    doc, want = seed
    assert doc.kind == "minutes"
    assert fold(doc.board_name) == fold(want["board"])
    assert fold(doc.title_as_printed) == fold(want["title_as_printed"])
    starts = want["starts_at"]
    if "T" in starts:
        assert dt.datetime.combine(doc.date, doc.time or dt.time.min) == dt.datetime.fromisoformat(
            starts
        )
        assert doc.time is not None
    else:
        assert doc.date == dt.date.fromisoformat(starts)
        assert doc.time is None, "a date-only meeting must not gain a time"
    assert (fold(doc.venue) or None) == (fold(want["venue"]) or None)
    assert (fold(doc.contact) or None) == (fold(want["contact"]) or None)
    assert doc.declarations_of_interest == want["declarations_of_interest"]


def test_next_meeting(seed: tuple[ParsedDocument, dict[str, Any]]) -> None:
    doc, want = seed
    if want["next_meeting"] is None:
        assert doc.next_meeting is None
    else:
        assert doc.next_meeting is not None
        got = dt.datetime.combine(doc.next_meeting.date, doc.next_meeting.time or dt.time.min)
        assert got == dt.datetime.fromisoformat(want["next_meeting"])


def test_items_in_document_order(seed: tuple[ParsedDocument, dict[str, Any]]) -> None:
    doc, want = seed
    assert [fold(i.title) for i in doc.items] == [fold(i["title"]) for i in want["items"]]
    assert [i.number for i in doc.items] == [i["number"] for i in want["items"]]


def test_item_decisions_presenters_and_truncation(
    seed: tuple[ParsedDocument, dict[str, Any]],
) -> None:
    doc, want = seed
    for item, expected in zip(doc.items, want["items"], strict=True):
        decisions = [fold(d.text) for d in item.decisions]
        if expected["decision"] is None:
            assert decisions == [], item.title
        else:
            assert any(fold(expected["decision"]) in text for text in decisions), (
                item.title,
                decisions,
            )
        if "presenters" in expected:
            assert [fold(p) for p in item.presenters] == [fold(p) for p in expected["presenters"]]
        assert item.truncated == expected.get("truncated", False), item.title
        if "outcome" in expected:
            assert fold(expected["outcome"]) in fold(item.minutes_text)


def _people(doc: ParsedDocument, status: str, official: bool | None = None) -> list[str]:
    return [
        fold(p.as_printed)
        for p in doc.attendance
        if p.status == status and (official is None or (p.note == "official") == official)
    ]


def test_attendance_lists(seed: tuple[ParsedDocument, dict[str, Any]]) -> None:
    doc, want = seed
    assert _people(doc, "present") == [fold(n) for n in want["present"] or []]
    assert _people(doc, "apologies") == [fold(n) for n in want["apologies"] or []]
    assert _people(doc, "in_attendance", official=False) == [
        fold(n) for n in want.get("in_attendance") or []
    ]
    assert _people(doc, "in_attendance", official=True) == [
        fold(n) for n in want.get("officials") or []
    ]


def test_actions_point_at_their_items_with_due_dates(
    seed: tuple[ParsedDocument, dict[str, Any]],
) -> None:
    doc, want = seed
    assert len(doc.actions) == len(want["actions"])
    for action, expected in zip(doc.actions, want["actions"], strict=True):
        assert fold(action.item_ref) == fold(expected["item"])
        assert action.due == (dt.date.fromisoformat(expected["due"]) if expected["due"] else None)
        not_before = expected.get("not_before")
        assert action.not_before == (dt.date.fromisoformat(not_before) if not_before else None)
        # Worded freely, but about the same thing as the expected follow-up.
        assert fuzz.token_set_ratio(fold(action.text), fold(expected["text"])) >= 60, action.text
