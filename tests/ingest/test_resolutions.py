"""Resolutions stored whole, their lettered parts read as follow-ups, and agendas as printed.

Field-by-field expectations live in ``expected/*.json``; these tests state the
rules behind them and check them across every fixture.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ingest import ParsedDocument, parse_document
from tests.ingest.conftest import FIXTURES
from tests.ingest.fidelity import document_for, expected_files

_DANGLING_END = re.compile(r"\s(?:in|on|by|to|the|of|and|or|a|an|for|at|with|from|that|be)$", re.I)


@pytest.fixture(scope="module")
def every_fixture() -> list[tuple[str, ParsedDocument]]:
    return [(path.stem, parse_document(document_for(path))) for path in expected_files()]


def test_a_lettered_part_wrapped_mid_clause_is_stored_whole() -> None:
    item = parse_document(FIXTURES / "resolution-lettered-parts.txt").items[2]
    assert item.decisions[0].text.endswith(
        "(b) a report on the adoption support fund be presented to the Committee in October 2024."
    )


def test_a_report_presented_in_a_month_is_due_at_the_month_end() -> None:
    doc = parse_document(FIXTURES / "resolution-lettered-parts.txt")
    action = doc.actions[0]
    assert action.text == "Present a report on the adoption support fund to the Committee"
    assert action.due == dt.date(2024, 10, 31)


def test_brought_to_the_next_meeting_is_due_on_its_date() -> None:
    doc = parse_document(FIXTURES / "resolution-lettered-parts.txt")
    brought = [a for a in doc.actions if a.text.startswith("Bring")]
    assert [(a.due, a.due_at_meeting) for a in brought] == [(dt.date(2024, 9, 10),) * 2]


def test_an_officer_who_agreed_to_act_owns_the_action() -> None:
    doc = parse_document(FIXTURES / "resolution-officer-owners.txt")
    shared = next(a for a in doc.actions if a.text.startswith("Share the breakdown"))
    assert shared.owner == "the Head of Fostering"
    assert shared.due == dt.date(2021, 7, 15)


def test_a_part_running_over_a_page_break_is_whole() -> None:
    item = parse_document(FIXTURES / "resolution-page-break.pdf").items[1]
    assert "outside the borough be brought to the next meeting." in item.decisions[0].text


def test_no_stored_resolution_ends_mid_sentence(
    every_fixture: list[tuple[str, ParsedDocument]],
) -> None:
    cut = [
        (name, decision.text[-60:])
        for name, doc in every_fixture
        for item in doc.items
        for decision in item.decisions
        if _DANGLING_END.search(decision.text)
    ]
    assert cut == []


def test_action_text_is_a_whole_clean_sentence(
    every_fixture: list[tuple[str, ParsedDocument]],
) -> None:
    fragments = [
        (name, action.text)
        for name, doc in every_fixture
        for action in doc.actions
        if _DANGLING_END.search(action.text)
        or not action.text[:1].isupper()
        or re.match(r"^\w+\s+\(?[a-z0-9]{1,4}\)", action.text)
    ]
    assert fragments == []


def test_an_unnumbered_moderngov_agenda_keeps_every_item_and_its_blurb() -> None:
    doc = parse_document(FIXTURES / "agenda-unnumbered-moderngov.txt")
    assert doc.kind == "agenda"
    assert [i.title for i in doc.items] == [
        "Apologies for Absence",
        "Declarations of Interest",
        "Minutes of the Previous Meeting",
        "Youth Justice Plan 2025-26",
        "Elective Home Education Annual Report",
        "Work Programme",
    ]
    assert all(i.number is None for i in doc.items)
    assert doc.items[3].agenda_text == "Report of the Head of Youth Justice Services."


def test_an_agenda_cover_page_is_header_and_page_ranges_are_not_titles() -> None:
    doc = parse_document(FIXTURES / "agenda-cover-notice.pdf")
    assert (doc.kind, doc.board_name) == ("agenda", "Corporate Parenting Panel")
    assert doc.venue == "Committee Room 2, Greywater Town Hall, Market Street, Greywater"
    assert doc.items[2].title == "Minutes"
    assert doc.attendance == ()


def test_titles_wrapped_at_a_hyphen_keep_their_last_word() -> None:
    doc = parse_document(FIXTURES / "title-hyphen-pdf.pdf")
    assert doc.items[1].title == "Special Educational Needs and Disabilities - Self-Evaluation"
    assert doc.items[2].title.endswith("(NEET) Year-End Report")


def test_lettered_headings_are_items_only_where_nothing_is_numbered() -> None:
    lettered = parse_document(FIXTURES / "lettered-items-pdf.pdf")
    assert [i.number for i in lettered.items] == ["(a)", "(b)", "(c)", "(d)"]
    numbered = parse_document(FIXTURES / "schools-forum-subitems.txt")
    assert all(not (i.number or "").startswith("(") for i in numbered.items)
