"""The shipped Northmoor examples import as written (they also feed ``boardclerk demo``)."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest import ParsedDocument, parse_document
from tests.ingest.conftest import EXAMPLES


def example(name: str) -> ParsedDocument:
    return parse_document(EXAMPLES / name)


def test_every_example_imports_as_the_corporate_parenting_board() -> None:
    names = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html"})
    assert len(names) >= 6
    for name in names:
        doc = example(name)
        assert doc.board_name == "Corporate Parenting Board", name
        assert doc.items, name


def test_moderngov_html_page() -> None:
    doc = example("northmoor-cpb-2025-09-17-moderngov.html")
    assert (doc.format, doc.kind) == ("html", "minutes")
    assert (doc.date, doc.time) == (dt.date(2025, 9, 17), dt.time(14, 0))
    assert doc.venue == "Committee Room 2, Northmoor Town Hall, Market Street, Northmoor"
    assert doc.contact == "Priya Nandakumar"
    assert [i.number for i in doc.items] == [f"25/{n}" for n in range(14, 22)]
    strategy = doc.items[3]
    assert strategy.title == "Sufficiency Strategy 2025-2028"
    assert strategy.presenters == ("Marcus Feld",)
    assert strategy.agenda_text is not None and "will present" in strategy.agenda_text
    assert strategy.minutes_text is not None and "Appendix A" not in strategy.minutes_text
    assert [d.text for d in strategy.decisions] == [
        "RESOLVED – That the draft Sufficiency Strategy 2025-2028 be endorsed and recommended "
        "to Cabinet for approval."
    ]
    virtual_school = doc.items[4]
    assert virtual_school.truncated and virtual_school.decisions == ()
    assert virtual_school.presenters == ("Anya Petrov",)
    exempt = doc.items[7]
    assert exempt.exempt and "paragraph 3 of Part 1 of Schedule 12A" in (exempt.exempt_reason or "")
    assert not doc.items[6].exempt  # the exclusion resolution itself is public
    substitute = next(p for p in doc.attendance if p.status == "substitute")
    assert (substitute.name, substitute.substitute_for) == (
        "Councillor P Hargreaves",
        "Councillor T Lindqvist",
    )
    assert "declared a personal interest" in (doc.declarations_of_interest or "")
    breakdown = doc.actions[0]
    assert (breakdown.item_ref, breakdown.owner) == (
        "25/17",
        "The Head of Commissioning and Placements",
    )


def test_moderngov_text_page_with_labels() -> None:
    doc = example("northmoor-cpb-2025-12-03-moderngov.txt")
    assert [i.number for i in doc.items] == [f"25/{n}" for n in range(22, 28)]
    assert doc.items[3].title == "Strengths Together Practice Model - Six Month Review"
    assert (
        doc.items[4].decisions[0].text
        == "Resolved: That the annual report of the fostering service be noted."
    )
    fairbairn = next(p for p in doc.attendance if p.match_key == "g fairbairn")
    assert (fairbairn.status, fairbairn.reason) == ("apologies", "unwell")
    action = next(a for a in doc.actions if a.owner == "OP")
    assert (action.item_ref, action.due) == ("25/26", dt.date(2026, 3, 31))


def test_formal_minutes_with_deferral_and_next_meeting() -> None:
    doc = example("northmoor-cpb-2026-03-11-minutes.txt")
    assert doc.next_meeting is not None and doc.next_meeting.date == dt.date(2026, 6, 17)
    deferred = doc.items[3]
    assert deferred.deferred_to == dt.date(2026, 6, 17)
    carried = [a for a in doc.actions if a.item_ref == "26/4"]
    assert [(a.due, a.due_at_meeting) for a in carried] == [(dt.date(2026, 6, 17),) * 2]
    chair = doc.attendance[0]
    assert (chair.name, chair.role, chair.match_key) == (
        "Councillor H Adeyemi",
        "chair",
        "h adeyemi",
    )
    assert doc.items[1].decisions[0].text.startswith("AGREED as follows: 1. That the refreshed")


def test_next_meeting_from_a_resolution() -> None:
    doc = example("northmoor-cpb-2026-09-16-minutes.txt")
    assert doc.next_meeting is not None
    assert (doc.next_meeting.date, doc.next_meeting.time) == (dt.date(2026, 12, 9), dt.time(14, 0))
    assert doc.items[5].deferred_to == dt.date(2026, 12, 9)
    assert doc.items[6].exempt


@pytest.mark.parametrize("name", ["northmoor-cpb-2026-12-09-agenda.txt"])
def test_agenda_for_a_future_meeting(name: str) -> None:
    doc = example(name)
    assert doc.kind == "agenda"
    assert (doc.date, doc.time) == (dt.date(2026, 12, 9), dt.time(14, 0))
    assert len(doc.items) == 8
    assert all(i.decisions == () and i.agenda_text for i in doc.items)
    assert doc.actions == () and doc.attendance == ()
    assert doc.items[7].exempt
