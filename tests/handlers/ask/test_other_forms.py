"""Forms found by asking other councils' minutes blind: the role now, last month's meeting,
partial answers, who sits on a group, and a topic's own item over a passing mention.

The documents are the evaluation's own (tests/handlers/ask/data/councils), imported by the
real importer; every test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from handlers.messages import Reply
from ingest import import_paths
from tests.conftest import Database
from tests.handlers.builders import say

COUNCILS = Path(__file__).parent / "data" / "councils"


def imported(db: Database, council: str) -> Database:
    import_paths(db.factory, sorted(COUNCILS.glob(f"{council}-*")))
    return db


def ask(db: Database, text: str, on: dt.date) -> Reply:
    return say(db.factory, text, now=dt.datetime.combine(on, dt.time(10), tzinfo=dt.UTC))


def cited(reply: Reply) -> list[tuple[dt.date, str | None]]:
    return [(c.meeting_date, c.item_title) for c in reply.citations]


@pytest.mark.parametrize("question", ["who's the chair", "who is the chairman?"])
def test_who_is_the_chair_quotes_the_resolution_that_elected_them(
    db: Database, question: str
) -> None:
    reply = ask(imported(db, "lowmoor"), question, dt.date(2024, 7, 1))
    assert reply.intent == "ask.elected"
    assert reply.items == [
        "“RESOLVED: That Councillor Harriet Vane be elected Chairman of the Corporate "
        "Parenting Panel for the 2024/25 municipal year.”"
    ]
    assert cited(reply) == [(dt.date(2024, 6, 5), "Election of Chairman")]


def test_a_role_minuted_without_a_resolution_is_quoted_from_the_minutes(db: Database) -> None:
    marshfield = imported(db, "marshfield")
    chair = ask(marshfield, "who is chair of the hwb", dt.date(2024, 8, 1))
    assert chair.intent == "ask.elected"
    assert "Councillor Nadia Rahman was elected Chair" in chair.as_plain_text()
    vice = ask(marshfield, "who was made vice chair", dt.date(2024, 8, 1))
    assert cited(vice) == [(dt.date(2024, 7, 10), "Election of Vice-Chair")]
    assert "Dr Colin Avery" in vice.as_plain_text()


def test_last_months_meeting_is_the_calendar_month_before(db: Database) -> None:
    oakridge = imported(db, "oakridge")
    reply = ask(oakridge, "who gave apologies last month", dt.date(2024, 12, 10))
    assert cited(reply) == [(dt.date(2024, 11, 19), None)]
    assert "Councillor F Lindqvist" in reply.as_plain_text()
    outstanding = ask(
        oakridge, "what's outstanding from last month's meeting", dt.date(2024, 12, 10)
    )
    assert "Tue 19 November 2024" in outstanding.text


def test_nothing_holding_all_of_the_question_gives_the_nearest_said_to_be_partial(
    db: Database,
) -> None:
    # "two community pharmacies had closed": "closures" is never printed.
    reply = ask(imported(db, "marshfield"), "pharmacy closures", dt.date(2024, 8, 1))
    assert reply.text == "Nothing in the record holds all of “pharmacy closures”; the nearest:"
    assert cited(reply)[0] == (dt.date(2024, 7, 10), "Pharmaceutical Needs Assessment 2025")
    assert "“Two community pharmacies had closed since the last assessment.”" in reply.items[0]


def test_an_item_holding_less_than_half_of_the_question_is_no_answer(db: Database) -> None:
    reply = ask(imported(db, "marshfield"), "allotment waiting lists", dt.date(2024, 8, 1))
    assert reply.intent == "ask.no-answer"


def test_when_last_discussed_prefers_the_item_about_it_to_a_passing_mention(
    db: Database,
) -> None:
    # April's exclusions report mentions "SEND support"; February had the SEND item itself.
    reply = ask(imported(db, "kestrel"), "when did we last look at SEND", dt.date(2024, 5, 1))
    assert cited(reply) == [
        (dt.date(2024, 2, 13), "SEND IMPROVEMENT PLAN - EDUCATION, HEALTH AND CARE PLANS")
    ]


def test_how_many_prefers_the_sentence_saying_what_was_asked(db: Database) -> None:
    reply = ask(imported(db, "jarrow"), "how many adopters approved", dt.date(2024, 9, 1))
    assert cited(reply) == [(dt.date(2024, 8, 8), "Adopter Recruitment")]
    assert reply.items == [
        "“Members noted that 31 adopter households had been approved, 6 of them for sibling groups.”"
    ]


def test_what_percent_is_a_counting_question_answered_by_the_figure(db: Database) -> None:
    reply = ask(imported(db, "kestrel"), "what % of 16-17 yr olds are NEET", dt.date(2024, 5, 1))
    assert reply.intent == "ask.said"
    assert "4.1% of 16 and 17 year olds were NEET" in reply.as_plain_text()


def test_exempt_items_found_by_new_forms_stay_private(db: Database) -> None:
    kestrel = imported(db, "kestrel")
    for question in ("what was said about the preferred bidder", "send transport contract"):
        reply = ask(kestrel, question, dt.date(2024, 5, 1))
        assert reply.private, question
        assert cited(reply)[0] == (dt.date(2024, 4, 9), "HOME TO SCHOOL TRANSPORT CONTRACT")


def test_a_convener_never_elected_in_the_record_is_read_from_the_attendance_list(
    db: Database,
) -> None:
    reply = ask(imported(db, "glenmorven"), "who is the convener", dt.date(2024, 9, 20))
    assert reply.intent == "ask.chair"
    assert "chaired by Councillor Ross (Convener)" in reply.as_plain_text()


def test_ages_and_numbers_are_asked_as_members_type_them(db: Database) -> None:
    # "2 year olds" where the minutes print "two year olds"; "ELC" is in the vocabulary.
    reply = ask(imported(db, "glenmorven"), "ELC for 2 year olds", dt.date(2024, 9, 20))
    assert cited(reply)[0] == (dt.date(2024, 8, 29), "Early Learning and Childcare - 1140 Hours")
