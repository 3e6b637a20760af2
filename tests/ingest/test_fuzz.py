"""Whatever it is given, the parser returns a document or raises ``DocumentError``, nothing else."""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import DocumentError, ParsedDocument, parse_document
from tests.ingest.pathological import CASES

# Fragments of real layouts, so generated documents reach the deeper parsing paths.
FRAGMENTS = [
    "Corporate Parenting Board",
    "Wednesday 27th July, 2022 1.00 pm",
    "A meeting of the Board was held on 12 September 2018.",
    "PRESENT: Councillors M Carr (Chair), J Brunton Dobson (Vice Chair) and J A Walker.",
    "APOLOGIES FOR ABSENCE:",
    "ALSO IN ATTENDANCE: A Allen - Director",
    "18/8MINUTES OF THE PREVIOUS MEETING",
    "63. Apologies",
    "1.",
    "CYP/15/24 Work Programme",
    "** SUSPENSION OF RULE",
    "AGREED as follows:-",
    "- 1. That the report be noted.",
    "- That feedback be presented to a future meeting",
    "RESOLVED – That",
    "That the update be noted.",
    "Action: CF to feedback by November 2022",
    "this would be circulated after the meeting",
    "deferred to the next meeting on 7 November 2018",
    "view the full minutes text for item 22/7",
    "pdf icon PDF 839 KB",
    "Additional documents:",
    "Minutes:",
    "Venue: Mandela room",
    "(",
    ")",
    "Councillors",
    "DATE AND TIME OF NEXT MEETING - WEDNESDAY, 7 NOVEMBER 2018 AT 3.00PM",
    "Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A",
    "<table class='mgItemTable'><tr><td class='mgItemNumberCell'>",
    "<p class='mgAiTitleTxt'>",
    "",
]

documents = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=60).map(
    "\n".join
)


def _check(source: bytes) -> None:
    try:
        result = parse_document(source)
    except DocumentError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert isinstance(result, ParsedDocument)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_document_like_text_never_crashes(text: str) -> None:
    _check(text.encode("utf-8", errors="surrogatepass"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    _check(data)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=600))
def test_bytes_claiming_to_be_a_pdf_never_crash(data: bytes) -> None:
    _check(b"%PDF-1.4\n" + data)


@pytest.mark.parametrize("name", sorted(CASES))
def test_pathological_lines_cost_work_in_proportion_to_their_length(name: str) -> None:
    """Twice the repeats never cost more than about twice the parser's calls (a quadratic
    look-back would cost four times as many). Counted, not timed: the regex engine's own
    work is timed by benchmarks/bench_pathological.py."""
    small, large = (_calls(CASES[name](n)) for n in (1_000, 2_000))
    assert large <= 2.2 * small, (name, small, large)


def _calls(text: str) -> int:
    """Function calls (Python and built-in) made while parsing ``text``."""
    count = 0

    def counter(_frame: object, event: str, _arg: object) -> None:
        nonlocal count
        count += event in ("call", "c_call")

    sys.setprofile(counter)
    try:
        _check(text.encode())
    finally:
        sys.setprofile(None)
    return count
