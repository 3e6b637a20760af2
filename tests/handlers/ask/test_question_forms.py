"""A question's form is told apart from its topic; stop phrases never become search terms."""

from __future__ import annotations

import pytest

from handlers.ask.concepts import alternatives
from handlers.ask.question import Kind, parse


@pytest.mark.parametrize(
    ("question", "kind", "topic"),
    [
        ("what did we agree on sufficiency?", Kind.DECISION, ("sufficiency",)),
        ("what did we resolve on the local offer", Kind.DECISION, ("local", "offer")),
        ("what did we ask for on PEP completion?", Kind.DECISION, ("pep", "completion")),
        ("what was said about SDQs", Kind.SAID, ("sdqs",)),
        ("what came back about the fostering review", Kind.SAID, ("fostering", "review")),
        ("how many care leavers were in EET", Kind.SAID, ("care", "leavers", "eet")),
        ("what actions came out of the away day item?", Kind.ITEM_ACTIONS, ("away", "day")),
        ("has the local offer come back", Kind.LAST_DISCUSSED, ("local", "offer")),
        ("when did we last discuss kinship care", Kind.LAST_DISCUSSED, ("kinship", "care")),
        ("who presented the IRO report", Kind.PRESENTER, ("iro", "report")),
        ("who was elected chair", Kind.ELECTED, ("chair",)),
        ("who was appointed vice convener", Kind.ELECTED, ("vice", "convener")),
        ("what's outstanding from the October meeting", Kind.OUTSTANDING, ()),
        ("who chaired the last meeting", Kind.CHAIR, ("chaired",)),
        ("what has the board decided on sufficiency over time?", Kind.HISTORY, ("sufficiency",)),
        ("history sufficiency", Kind.HISTORY, ("sufficiency",)),
        ("have we looked at looked after children", Kind.DECISION, ("looked", "children")),
    ],
)
def test_form_and_topic(question: str, kind: Kind, topic: tuple[str, ...]) -> None:
    parsed = parse(question)
    assert parsed.kind is kind
    assert parsed.topic_terms == topic


def test_outstanding_from_a_month_names_the_meeting_not_a_topic() -> None:
    parsed = parse("what's outstanding from the October meeting")
    assert parsed.meeting is not None and parsed.meeting.month == 10
    assert parsed.topic_terms == ()


def test_may_is_a_month_only_beside_a_meeting_a_day_or_a_year() -> None:
    assert parse("who chaired the May meeting").meeting is not None
    assert parse("what did we agree on staying put in may").meeting is not None
    assert parse("what may the board decide on fostering").meeting is None


def test_attendance_of_children_is_a_topic_not_a_register() -> None:
    assert parse("attendance of children in care at school").kind is Kind.DECISION
    assert parse("attendance at the last meeting").kind is Kind.ATTENDANCE


def test_the_vocabulary_groups_council_words() -> None:
    assert ("children", "looked", "after") in alternatives(("lac",))
    assert ("cla",) in alternatives(("LAC".lower(),))
    assert ("children", "in", "care") in alternatives(("looked", "after", "children"))
    assert ("local", "offer") in alternatives(("care", "leavers"))
    assert ("foster", "carers") in alternatives(("fostering",))
    for abbreviation in ("sdq", "ehcp", "send", "uasc", "iro", "camhs", "pep", "cic"):
        assert len(alternatives((abbreviation,))) > 1, abbreviation
