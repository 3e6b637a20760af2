"""A report's purpose, reasons and author found as printed, with the pages each starts and ends on."""

from __future__ import annotations

import pytest

from ingest.parsers.report_sections import report_sections
from tests.ingest.report_sections_cases import CASES, HELD_OUT, Case


@pytest.mark.parametrize("case", CASES + HELD_OUT, ids=lambda case: case.name)
def test_each_section_is_found_verbatim_with_its_pages(case: Case) -> None:
    found = report_sections(case.pages)

    for field in ("purpose", "reasons", "author"):
        section = getattr(found, field)
        got = None if section is None else (section.text, section.start_page, section.end_page)
        assert got == getattr(case, field), field
    said = found.no_recommendations
    assert (said.text if said else None) == case.none


def test_a_section_over_a_page_break_keeps_both_pages_and_drops_the_footer() -> None:
    pages = (
        "Purpose of Report\n\nTo agree the plan for\nPage 1",
        "2026/27.\n\nBackground\n\nText.\nPage 2",
    )

    purpose = report_sections(pages).purpose

    assert purpose is not None
    assert (purpose.text, purpose.start_page, purpose.end_page) == (
        "To agree the plan for 2026/27.",
        1,
        2,
    )


def test_a_report_with_no_recommendations_says_so_in_its_own_words() -> None:
    found = report_sections(("Recommendations\n\nNone.\n\nBackground\n\nText.",))

    assert not found.recommends and found.recommendations == ()
    assert found.no_recommendations is not None
    assert found.no_recommendations.text == "None."
    assert found.no_recommendations.kind == "no-recommendations"
    silent = report_sections(("Background\n\nThe board asked for this note.",))
    assert silent.no_recommendations is None and not silent.recommends


def test_a_report_that_recommends_is_not_said_to_make_none() -> None:
    found = report_sections(
        ("Recommendations\n\nThat the Board approves the plan.\n\nThis report is for information.",)
    )

    assert found.recommends and found.no_recommendations is None
