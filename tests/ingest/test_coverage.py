"""Conservation of text: whatever a document says is placed in the record or named as unplaced."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import parse_document
from ingest.parsers.coverage import kept_text, words
from tests.ingest import fidelity

FIXTURES = [
    path
    for folder in (fidelity.EXPECTED, fidelity.BLIND / "expected")
    for path in fidelity.expected_files(folder)
    if fidelity.document_for(path).suffix in {".txt", ".html"}
]
# Text documents only for the insertion property: an HTML page's text outside its content
# region (menus, footers, anything before <html>) is site chrome, left out by design.
TEXTS = [path for path in FIXTURES if fidelity.document_for(path).suffix == ".txt"]
# Made-up words no fixture uses, so finding one proves where the paragraph went.
_SYLLABLES = ("zor", "quib", "vesh", "plon", "drav", "mixt", "kell", "yund")


def _kept_or_named(doc_words: set[str], unplaced: tuple[str, ...], marker: str) -> bool:
    return marker in doc_words or any(marker in words(passage) for passage in unplaced)


def test_the_fixtures_place_nearly_every_content_line() -> None:
    shares = [parse_document(fidelity.document_for(path)).coverage for path in FIXTURES]
    assert sum(shares) / len(shares) >= 0.99
    assert min(shares) >= 0.6


def test_every_fixture_places_99_percent_of_its_content_lines_bar_the_named_few() -> None:
    short = {
        path.stem: doc.unplaced
        for path in fidelity.expected_files(fidelity.EXPECTED)
        if (doc := parse_document(fidelity.document_for(path))).coverage < fidelity.COVERAGE_FLOOR
    }
    assert {name: short[name] for name in short.keys() - fidelity.COVERAGE_EXCEPTIONS.keys()} == {}
    assert short.keys() == fidelity.COVERAGE_EXCEPTIONS.keys()  # a fixed one leaves the list


def test_a_missed_agenda_title_is_named_not_dropped() -> None:
    doc = parse_document(
        b"Agenda\n\nMeeting: Schools Forum\nDate: 3 March 2027 at 2pm\n\n"
        b"1. Apologies\n\n2. Minutes\n\nFootnote about the zorquib arrangements\n"
    )
    texts = " ".join(
        [item.title for item in doc.items]
        + [item.agenda_text or "" for item in doc.items]
        + list(doc.unplaced)
    )
    assert "zorquib" in texts


@settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    index=st.integers(min_value=0, max_value=len(TEXTS) - 1),
    where=st.floats(min_value=0.0, max_value=1.0),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_an_extra_paragraph_anywhere_lands_somewhere(index: int, where: float, seed: int) -> None:
    rng = random.Random(seed)
    marker = "".join(rng.choice(_SYLLABLES) for _ in range(3))
    path = fidelity.document_for(TEXTS[index])
    lines = path.read_text(encoding="utf-8").splitlines()
    at = int(where * len(lines))
    paragraph = f"The {marker} arrangements were discussed at length by those present."
    text = "\n".join([*lines[:at], "", paragraph, "", *lines[at:]])
    doc = parse_document(text.encode(), name=path.name)
    kept = set(words(" ".join(kept_text(doc))))
    assert _kept_or_named(kept, doc.unplaced, marker), (path.name, at)
