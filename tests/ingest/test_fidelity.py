"""Every fixture imports exactly as its ``expected/<name>.json`` says, field by field.

The scorer and the format are in ``fidelity.py`` and ``README.md``; the fidelity
benchmark reports the same comparison as shares per category.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import parse_document
from tests.ingest.fidelity import (
    FIXTURES,
    document_for,
    expected_files,
    load,
    score,
    score_fixture,
    seed_cases,
)
from tests.ingest.pdf_fixtures import PDFS


@pytest.mark.parametrize("expected", expected_files(), ids=lambda path: path.stem)
def test_fixture_is_reproduced_exactly(expected: Path) -> None:
    result = score_fixture(expected)
    assert result.misses == []


def test_every_fixture_document_has_an_expected_result() -> None:
    described = {document_for(path) for path in expected_files()}
    assert sorted(p.name for p in FIXTURES.iterdir() if p not in described) == []


def test_every_expected_result_names_its_council_and_layout() -> None:
    for path in expected_files():
        data = load(path)
        assert data.get("council") and data.get("layout"), path.name


def test_the_seeds_are_reproduced_by_the_same_scorer() -> None:
    cases = seed_cases()
    if not cases:
        pytest.skip("seed documents not found beside the repository (../shared/seeds)")
    for path, want in cases:
        assert score(parse_document(path), want).misses == [], path.name


def test_a_wrong_or_invented_fact_is_a_miss() -> None:
    want = {"board": "Schools Forum", "present": ["Councillor A Bell"], "items": []}
    doc = parse_document(FIXTURES / "numbers-none.txt")
    result = score(doc, want)
    assert result.expected["meetings"] == 1 and result.exact["meetings"] == 0
    assert result.exact["attendance"] == 0
    assert result.expected["items"] == len(doc.items) and result.exact["items"] == 0


@pytest.mark.parametrize("name", sorted(PDFS))
def test_pdf_fixtures_are_what_their_generator_writes(name: str) -> None:
    assert (FIXTURES / f"{name}.pdf").read_bytes() == PDFS[name]()
