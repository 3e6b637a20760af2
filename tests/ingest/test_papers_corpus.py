"""Recommendations read from report PDFs in many councils' templates, as printed, with pages.

The corpus (``papers_corpus/``, rendered by ``paper_reports``) marks each report's
recommendations in its spec; ``benchmarks/bench_papers.py`` prints the same score.
"""

from __future__ import annotations

from functools import cache

from ingest.parsers.papers import recommendations
from ingest.readers.paper_pages import read_paper
from tests.ingest import paper_reports
from tests.ingest.paper_reports import Report

# 78 of 79 when set; the miss is a table row whose cells all fit one line, so PDF text
# runs the reason cell on after the recommendation.
FLOOR = 0.95


@cache
def _built() -> tuple[tuple[Report, tuple[str, ...]], ...]:
    return tuple((report, read_paper(data).pages) for report, data in paper_reports.build())


def test_the_corpus_spans_the_committees_and_councils_the_benchmark_claims() -> None:
    reports = [report for report, _ in _built()]
    assert len(reports) >= 60
    assert len({report.council for report in reports}) >= 15
    assert {report.committee for report in reports} >= {
        "cabinet",
        "scrutiny",
        "planning",
        "corporate parenting",
        "health and wellbeing",
        "audit",
        "licensing",
    }
    assert len(paper_reports.questions(reports)) >= 100


def test_recommendations_are_extracted_exactly_from_most_reports() -> None:
    score = paper_reports.score(list(_built()))
    assert score.share >= FLOOR, "\n".join(score.misses)


def test_a_recommendation_running_over_a_page_break_is_quoted_whole() -> None:
    [(report, pages)] = [(r, p) for r, p in _built() if r.name == "mar-3"]
    [section] = recommendations(pages)
    assert (section.start_page, section.end_page) == (2, 3)
    assert section.text.endswith(
        "2) ask the mental health trust to report in November on waiting times for the crisis "
        "line, including the number of calls abandoned after five minutes."
    )
    assert "OFFICIAL" not in section.text and "Page" not in section.text
    assert paper_reports.fold(section.text) == report.sections()[0][0]


def test_a_report_that_makes_no_recommendations_yields_none() -> None:
    for name in ("lyd-4", "kin-4", "gle-2"):
        [pages] = [p for r, p in _built() if r.name == name]
        assert recommendations(pages) == [], name
