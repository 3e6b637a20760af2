"""The answers evaluation stays a fair test: big enough, varied, and every label real.

The scores themselves live in benchmarks/bench_answers.py; this only guards the data.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from benchmarks.bench_answers import council_database, labelled
from storage.models import AgendaItem, Meeting


def test_at_least_200_questions_over_10_councils_with_the_issues_forms() -> None:
    cases = list(labelled())
    assert len(cases) >= 200
    assert len({c.council for c in cases}) >= 10
    asked = {c.question for c in cases}
    for form in (
        "what did we agree about the feedback from the care leavers' forum?",
        "what did we ask for on PEP completion?",
        "what actions came out of the away day item?",
        "how many care leavers were in education or training?",
        "who became chair this year?",
    ):
        assert form in asked


def test_every_label_names_an_imported_meeting_and_item(tmp_path: Path) -> None:
    cases = list(labelled())
    for council in dict.fromkeys(c.council for c in cases):
        factory = council_database(council, tmp_path)
        with factory() as session:
            held = {
                (meeting.date, item.title)
                for item, meeting in session.execute(
                    select(AgendaItem, Meeting).join(Meeting, AgendaItem.meeting_id == Meeting.id)
                )
            }
        for case in (c for c in cases if c.council == council):
            assert any(case.matches(date, title) for date, title in held), case
