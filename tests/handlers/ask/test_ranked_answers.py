"""Questions members type, answered by ranked retrieval over a council's real-looking minutes.

The documents are the evaluation's own (tests/handlers/ask/data/councils), imported by the
real importer; every test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from handlers.messages import ButtonPress, IncomingMessage, Reply
from handlers.pipeline import Pipeline
from ingest import import_paths
from storage.db import transaction
from storage.models import AgendaItem, Board, Decision, DecisionKind, Meeting
from tests.conftest import Database
from tests.handlers.builders import say

COUNCILS = Path(__file__).parent / "data" / "councils"
CPB = "Corporate Parenting Board"
MAY, JULY = dt.date(2024, 5, 15), dt.date(2024, 7, 17)
AUGUST_2024 = dt.datetime(2024, 8, 1, 10, tzinfo=dt.UTC)


@pytest.fixture
def ambridge(db: Database) -> Database:
    import_paths(db.factory, sorted(COUNCILS.glob("ambridge-*")))
    return db


def ask(db: Database, text: str, now: dt.datetime = AUGUST_2024) -> Reply:
    return say(db.factory, text, now=now)


def cited(reply: Reply) -> list[tuple[dt.date, str | None]]:
    return [(c.meeting_date, c.item_title) for c in reply.citations]


def test_any_words_ranked_finds_the_forums_feedback(ambridge: Database) -> None:
    # Not every word is printed ("forum" / "forums"), and none has to be in the title.
    reply = ask(ambridge, "what did we agree about the feedback from the care leavers' forum?")
    assert cited(reply)[0] == (MAY, "Care Leavers Forum Feedback")
    assert (
        "publish a plain-language version of the Local Offer by September" in reply.as_plain_text()
    )


def test_question_words_are_never_topic_words(ambridge: Database) -> None:
    reply = ask(ambridge, "what did we ask for on PEP completion?")
    assert cited(reply)[0] == (MAY, "Personal Education Plans")
    assert "audit the quality of a sample of PEPs" in reply.as_plain_text()


def test_how_many_quotes_the_sentence_with_the_figure(ambridge: Database) -> None:
    reply = ask(ambridge, "how many care leavers were in education or training?")
    assert reply.intent == "ask.said"
    assert reply.items == [
        "“64 per cent of care leavers were in education, employment or training, "
        "compared with 55 per cent nationally.”"
    ]
    assert cited(reply) == [(MAY, "Care Leavers in Education, Employment or Training")]


def test_what_was_said_quotes_sentences_not_the_whole_item(ambridge: Database) -> None:
    reply = ask(ambridge, "what was said about SDQs")
    assert reply.intent == "ask.said"
    assert cited(reply) == [(JULY, "Strengths and Difficulties Questionnaires")]
    assert len(reply.items) <= 2
    assert any("81 per cent" in line for line in reply.items)


@pytest.mark.parametrize("question", ["who became chair this year?", "who was elected chair"])
def test_a_role_is_answered_from_the_resolution_that_elected_them(
    ambridge: Database, question: str
) -> None:
    reply = ask(ambridge, question)
    assert reply.intent == "ask.elected"
    assert reply.items == [
        "“RESOLVED: That Councillor Fiona Archer be elected Chair of the Board for the "
        "municipal year 2024/25.”"
    ]
    assert cited(reply) == [(MAY, "Election of Chair")]
    vice = ask(ambridge, "who was appointed vice chair")
    assert "Councillor Pat Aldridge be appointed Vice-Chair" in vice.as_plain_text()


def test_actions_of_an_item_with_owner_due_and_status(ambridge: Database) -> None:
    reply = ask(ambridge, "what actions came out of the away day item?")
    assert reply.intent == "ask.item-actions"
    assert cited(reply) == [(MAY, "Away Day Outcomes")]
    assert reply.items == [
        "Redraft the work programme around the three priorities by 1 July 2024 — owner: "
        "Democratic Services — due Mon 1 July 2024 — open",
        "Write to all councillors about their role as corporate parents by 1 June 2024 — owner: "
        "Chair — due Sat 1 June 2024 — open",
    ]
    none = ask(ambridge, "what actions came out of the SDQ item?")
    assert none.text.startswith("No actions are recorded against 17 July 2024")


def test_outstanding_from_a_named_meeting_is_that_meetings_actions(ambridge: Database) -> None:
    reply = ask(ambridge, "what's outstanding from the May meeting")
    assert reply.intent == "ask.outstanding"
    assert {date for date, _ in cited(reply)} == {MAY}
    # The March meeting's sufficiency action is open too, but not from May.
    assert "sufficiency" not in reply.as_plain_text()


def test_who_chaired_reads_in_the_chair(ambridge: Database) -> None:
    reply = ask(ambridge, "who chaired the last meeting")
    assert "chaired by Councillor P Aldridge (in the Chair)" in reply.as_plain_text()
    assert cited(reply) == [(JULY, None)]


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("strengths and dificulties questionaire", "Strengths and Difficulties Questionnaires"),
        ("how many UASC are we looking after", "Unaccompanied Asylum Seeking Children"),
        ("sufficency strategy", "Placement Sufficiency Strategy"),
        ("what did we decide after the awayday", "Away Day Outcomes"),
    ],
)
def test_typos_abbreviations_and_compounds(ambridge: Database, question: str, title: str) -> None:
    assert cited(ask(ambridge, question))[0][1] == title


def test_a_named_month_picks_that_meetings_item(ambridge: Database) -> None:
    assert cited(ask(ambridge, "what did we agree on PEPs in march"))[0] == (
        dt.date(2024, 3, 13),
        "Personal Education Plans",
    )
    assert cited(ask(ambridge, "what did we agree on PEPs"))[0] == (MAY, "Personal Education Plans")


def test_history_newest_first_one_line_each(ambridge: Database) -> None:
    reply = say(ambridge.factory, "history sufficiency", command="ask", now=AUGUST_2024)
    assert reply.intent == "ask.history"
    assert reply.items == [
        "17 July 2024, 11 Placement Sufficiency Strategy: “RESOLVED: That the refreshed "
        "Placement Sufficiency Strategy be approved.”",
        "13 March 2024, 63 Placement Sufficiency: “RESOLVED: That a refreshed Placement "
        "Sufficiency Strategy be brought to the July meeting.”",
    ]
    assert reply.buttons == []
    asked = ask(ambridge, "what has the board decided on sufficiency over time?")
    assert asked.items == reply.items


def test_history_shows_eight_then_a_more_button(db: Database) -> None:
    with transaction(db.factory) as session:
        board = Board(name="Corporate Parenting Panel")
        for month in range(1, 11):
            meeting = Meeting(board=board, date=dt.date(2023, month, 10))
            AgendaItem(
                meeting=meeting,
                position=1,
                number=str(month),
                title="Fostering update",
                decisions=[
                    Decision(text=f"AGREED update {month} noted.", kind=DecisionKind.AGREED)
                ],
            )
            session.add(meeting)
    first = say(db.factory, "what has the board decided on fostering over time")
    assert len(first.items) == 8 and first.items[0].startswith("10 October 2023")
    [more] = first.buttons
    assert more.label == "2 more"
    pressed = Pipeline(db.factory).handle(
        IncomingMessage(
            platform="console",
            user_id="operator",
            text="",
            now=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
            button=ButtonPress(more.action_id, more.value),
        )
    )
    assert [line[:16] for line in pressed.items] == ["10 February 2023", "10 January 2023,"]
    assert pressed.buttons == []
