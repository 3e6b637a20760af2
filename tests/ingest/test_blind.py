"""The blind set (``blind/README.md``): layouts first met after the parsers were written."""

from __future__ import annotations

from ingest import parse_document
from tests.ingest import fidelity

BLIND = fidelity.BLIND


def test_a_no_item_header_over_bare_titles_keeps_every_title() -> None:
    doc = parse_document(BLIND / "fixtures" / "agenda-no-item-bare-titles.txt")
    assert [item.title for item in doc.items] == [
        "Apologies for Absence",
        "Declarations of Interest",
        "Review of the Statement of Licensing Policy 2027-2032",
        "Taxi and Private Hire Vehicle Age Policy",
    ]


def test_commitments_in_the_narrative_are_actions_with_their_owner() -> None:
    doc = parse_document(BLIND / "fixtures" / "minutes-narrative-commitments.txt")
    by_item = {action.item_ref: action for action in doc.actions}
    assert by_item["2"].owner == "the Head of Service"
    assert "figures by locality" in by_item["2"].text
    assert by_item["4"].owner == "Councillor Everett"
    assert by_item["4"].text.startswith("Meet the Youth Council")


def test_a_resolution_asking_an_officer_to_arrange_something_is_an_action() -> None:
    doc = parse_document(BLIND / "fixtures" / "minutes-two-column-present.txt")
    assert [(a.owner, a.text) for a in doc.actions] == [
        (
            "the Director of Adult Services",
            "Arrange a workshop for members on the new commissioning model",
        )
    ]


def test_the_blind_set_scores_at_least_its_last_measured_figure() -> None:
    total = fidelity.Score()
    for path in fidelity.expected_files(BLIND / "expected"):
        total.add(fidelity.score_fixture(path))
    share = sum(total.exact.values()) / sum(total.expected.values())
    assert share >= 0.85, "\n".join(total.misses)
