"""Questions against minutes of other councils, imported by the real importer.

Each test imports a few of the importer's fixture documents (fictional councils
in many layouts) or the Northmoor examples, then asks what a councillor would.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from handlers.messages import Reply
from ingest import import_paths
from tests.conftest import Database
from tests.handlers.builders import LONDON, say

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "tests" / "ingest" / "fixtures"
EXAMPLES = REPO / "examples"


def imported(db: Database, *names: str) -> Database:
    results = import_paths(db.factory, [FIXTURES / name for name in names])
    assert results and all(r.ok for r in results), [(r.path, r.error) for r in results]
    return db


def ask(db: Database, text: str, now: dt.datetime) -> Reply:
    return say(db.factory, text, now=now)


def cited(reply: Reply) -> list[tuple[str, dt.date, str | None]]:
    return [(c.board, c.meeting_date, c.item_number) for c in reply.citations]


def when(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 10, 0, tzinfo=LONDON)


ASC = "Adult Social Care Scrutiny Panel"
MARCH_2023 = dt.date(2023, 3, 14)
CARERS = "That the draft Carers Strategy be endorsed for consultation."


@pytest.fixture
def wrexford(db: Database) -> Database:
    return imported(db, "moderngov-decision-labels.txt")


@pytest.mark.parametrize(
    "question",
    [
        "what did the panel resolve about the carers strategy?",
        "what was agreed on carers strategy?",
        "did we approve the carers strategy?",
        "what was decided about the carer's stratgy?",
        "what was the decision on item 44?",
        "what happened at minute 44.",
        "what did the committee agree on the carers strategy in March?",
    ],
)
def test_a_resolution_is_quoted_and_cited_however_asked(wrexford: Database, question: str) -> None:
    reply = ask(wrexford, question, when(2023, 4, 1))
    assert f"“{CARERS}”" in reply.as_plain_text()
    assert cited(reply) == [(ASC, MARCH_2023, "44")]


def test_a_truncated_item_asked_by_number_says_so_and_quotes_its_minutes(
    wrexford: Database,
) -> None:
    reply = ask(wrexford, "what happened at item 45?", when(2023, 4, 1))
    text = reply.as_plain_text()
    assert cited(reply) == [(ASC, MARCH_2023, "45")]
    assert "No resolution is recorded for this item (the published minutes are cut short)" in text
    assert "“Councillor Hartley, Cabinet Member for Adult Care, presented" in text


def test_an_item_number_not_in_the_record_is_said_plainly(wrexford: Database) -> None:
    reply = ask(wrexford, "what was decided at item 99?", when(2023, 4, 1))
    assert reply.intent == "ask.no-answer"
    assert "item numbered 99" in reply.as_plain_text()
    assert reply.citations == []


@pytest.mark.parametrize(
    ("question", "now"),
    [
        ("what did we decide at the March meeting?", when(2023, 4, 1)),
        ("what was decided on 14 March 2023?", when(2026, 11, 23)),
        ("what was decided on 14/03/2023?", when(2026, 11, 23)),
        ("what happened at the last meeting?", when(2023, 4, 1)),
        ("summarise the last meeting", when(2023, 4, 1)),
        # The "date of next meeting" (9 May) is scheduled, never minuted: not the last meeting.
        ("summarise the last meeting", when(2026, 11, 23)),
    ],
)
def test_a_meeting_named_by_date_lists_its_items_and_resolutions(
    wrexford: Database, question: str, now: dt.datetime
) -> None:
    reply = ask(wrexford, question, now)
    assert reply.intent == "ask.meeting"
    numbers = [number for _board, _date, number in cited(reply)]
    # Routine items (apologies; minutes approved as a correct record) are left out of a summary.
    assert numbers == ["42", "44", "45", "46"]
    assert {date for _board, date, _number in cited(reply)} == {MARCH_2023}
    assert f"“{CARERS}”" in reply.as_plain_text()


def test_attendance_questions_about_a_named_meeting(wrexford: Database) -> None:
    reply = ask(wrexford, "who sent apologies for the 14 March meeting?", when(2023, 4, 1))
    assert "apologies from Councillor R Ashdown" in reply.as_plain_text()
    assert cited(reply) == [(ASC, MARCH_2023, None)]
    reply = ask(wrexford, "did Councillor Ashdown attend in March?", when(2023, 4, 1))
    assert "Councillor R Ashdown sent apologies" in reply.as_plain_text()
    assert cited(reply) == [(ASC, MARCH_2023, None)]


def test_a_topic_never_discussed_is_said_plainly(wrexford: Database) -> None:
    reply = ask(wrexford, "what did we agree about parking charges?", when(2023, 4, 1))
    assert reply.intent == "ask.no-answer"
    assert "I found nothing in the record about “parking charges”" in reply.as_plain_text()
    assert reply.citations == []


OSP = "Overview and Scrutiny Panel"
SEPT_2024 = dt.date(2024, 9, 9)


@pytest.fixture
def scrutiny(db: Database) -> Database:
    return imported(db, "scrutiny-resolved-variants.txt")


def test_scrutiny_resolutions_by_topic_and_number(scrutiny: Database) -> None:
    now = when(2024, 10, 1)
    reply = ask(scrutiny, "what did the panel resolve about housing repairs?", now)
    assert cited(reply) == [(OSP, SEPT_2024, "15")]
    assert (
        "“The Panel RESOLVED to note the report and to request a further update at its "
        "December meeting.”"
    ) in reply.as_plain_text()
    reply = ask(scrutiny, "what happened at minute 16?", now)
    assert cited(reply) == [(OSP, SEPT_2024, "16")]
    assert "“The Panel decided not to refer the decision back to Cabinet.”" in (
        reply.as_plain_text()
    )


def test_who_chaired_and_who_attended(scrutiny: Database) -> None:
    now = when(2024, 10, 1)
    reply = ask(scrutiny, "who chaired the last meeting?", now)
    assert reply.intent == "ask.chair"
    assert "chaired by Councillor R Knowles (Chairman)" in reply.as_plain_text()
    assert "Lacey" not in reply.as_plain_text()
    assert cited(reply) == [(OSP, SEPT_2024, None)]
    reply = ask(scrutiny, "did Councillor Sturridge attend?", now)
    assert "Councillor V Sturridge sent apologies" in reply.as_plain_text()
    reply = ask(scrutiny, "who was at the September meeting?", now)
    text = reply.as_plain_text()
    assert "present — " in text and "Councillor T Mabbott" in text
    assert "Sturridge" not in text


def test_sub_items_are_found_under_their_printed_numbers(db: Database) -> None:
    pensions = imported(db, "pdf-lettered-subitems.txt")
    now = when(2024, 1, 10)
    reply = ask(pensions, "what was decided at item 47?", now)
    board, date = "Pensions Committee", dt.date(2023, 12, 8)
    assert cited(reply) == [(board, date, "47(a)"), (board, date, "47(b)")]
    reply = ask(pensions, "what happened at item 47(b)?", now)
    assert cited(reply) == [(board, date, "47(b)")]
    # (a) printed inside item 45, not as an item of its own: item 45 is the answer.
    reply = ask(pensions, "what was agreed at item 45(a)?", now)
    assert cited(reply) == [(board, date, "45")]
    assert "“RESOLVED that the performance report be noted.”" in reply.as_plain_text()


def test_item_numbers_with_a_code_prefix(db: Database) -> None:
    cyp = imported(db, "numbers-code.txt")
    reply = ask(cyp, "what was decided at minute CYP/16/24?", when(2024, 12, 1))
    assert cited(reply) == [
        ("Children and Young People Committee", dt.date(2024, 11, 12), "CYP/16/24")
    ]
    assert "“RESOLVED – That the annual report be noted.”" in reply.as_plain_text()


def test_schools_forum_by_topic_month_and_presenter(db: Database) -> None:
    forum = imported(db, "schools-forum-subitems.txt")
    now = when(2024, 2, 1)
    board, date = "Schools Forum", dt.date(2024, 1, 17)
    reply = ask(forum, "what did the forum agree on the dedicated schools grant?", now)
    assert cited(reply) == [(board, date, "4")]
    assert "“The Forum RESOLVED to recommend the formula to Cabinet.”" in reply.as_plain_text()
    reply = ask(forum, "what did the forum decide in January?", now)
    assert reply.intent == "ask.meeting"
    # Apologies and minutes approved as a correct record are routine: left out of a summary.
    assert [n for _b, _d, n in cited(reply)] == ["2", "4", "5", "6"]
    reply = ask(forum, "who presented high needs?", now)
    assert "presented by Peter Farrant" in reply.as_plain_text()
    assert cited(reply) == [(board, date, "5")]


def test_scottish_convener_and_continued_item(db: Database) -> None:
    ecs = imported(db, "scottish-agreed.txt")
    now = when(2025, 4, 1)
    reply = ask(ecs, "who was the convener at the March meeting?", now)
    assert "chaired by Councillor Morag Fraser (Convener)" in reply.as_plain_text()
    reply = ask(ecs, "what was agreed on the school estate review?", now)
    board = "Education and Children's Services Committee"
    assert cited(reply) == [(board, dt.date(2025, 3, 11), "4")]
    assert "“The Committee agreed to continue consideration" in reply.as_plain_text()


def test_in_the_chair_is_the_chair(db: Database) -> None:
    county = imported(db, "minute-no-county-hall.txt")
    now = when(2024, 4, 1)
    reply = ask(county, "who chaired the 5 March 2024 meeting?", now)
    assert "chaired by Councillor H Okafor (in the Chair)" in reply.as_plain_text()
    reply = ask(county, "who was at the 5 March 2024 meeting?", now)
    assert "Councillor J Pemberton" in reply.as_plain_text()


CPB = "Corporate Parenting Board"


@pytest.fixture
def northmoor(db: Database) -> Database:
    import_paths(db.factory, sorted(EXAMPLES.iterdir()))
    return db


def test_northmoor_last_meeting_summary_and_chair(northmoor: Database) -> None:
    now = when(2026, 11, 23)
    reply = ask(northmoor, "what happened at the last meeting?", now)
    assert reply.intent == "ask.meeting"
    assert {d for _b, d, _n in cited(reply)} == {dt.date(2026, 9, 16)}
    assert [n for _b, _d, n in cited(reply)] == [str(n) for n in range(17, 22)]
    reply = ask(northmoor, "what happened at the last meeting, all items?", now)
    assert [n for _b, _d, n in cited(reply)] == [str(n) for n in range(14, 22)]
    assert (
        "“RESOLVED – That the minutes of the meeting held on 17 June 2026 be confirmed as a "
        "correct record.”"
    ) in reply.as_plain_text()
    reply = ask(northmoor, "who chaired the last meeting?", now)
    assert "Councillor H Adeyemi" in reply.as_plain_text()
    reply = ask(northmoor, "did Councillor Whitcombe attend the last meeting?", now)
    assert "Councillor S Whitcombe is recorded as present" in reply.as_plain_text()


def test_northmoor_topics_typos_abbreviations_and_no_answer(northmoor: Database) -> None:
    now = when(2026, 11, 23)
    reply = ask(northmoor, "what did we agree on sufficiency?", now)
    assert cited(reply) == [(CPB, dt.date(2025, 9, 17), "25/17")]
    reply = ask(northmoor, "what did we agree about CICC?", now)
    assert cited(reply) == [(CPB, dt.date(2025, 9, 17), "25/19")]
    reply = ask(northmoor, "what was decided on the virtul school report?", now)
    assert cited(reply)[0] == (CPB, dt.date(2025, 9, 17), "25/18")
    reply = ask(northmoor, "what did we resolve on skateboard parks?", now)
    assert reply.intent == "ask.no-answer"
    assert reply.citations == []
    # A topic at a month it was not discussed still finds where it was.
    reply = ask(northmoor, "what was agreed about sufficiency in June?", now)
    assert (CPB, dt.date(2025, 9, 17), "25/17") in cited(reply)


def test_northmoor_actions_next_meeting_and_agenda(northmoor: Database) -> None:
    now = when(2026, 11, 23)
    reply = ask(northmoor, "who is responsible for the care leavers actions?", now)
    assert reply.intent == "ask.outstanding"
    assert "owner: MF" in reply.as_plain_text()
    reply = ask(northmoor, "when is the next meeting?", now)
    assert "Wed 9 December 2026" in reply.as_plain_text()
    reply = ask(northmoor, "what's on the agenda?", now)
    assert reply.intent == "agenda"
    assert "Care Leavers' Local Offer - Take-up Report" in reply.as_plain_text()


def test_a_bare_code_number_names_the_item(db: Database) -> None:
    cyp = imported(db, "numbers-code.txt")
    reply = ask(cyp, "CYP/16/24?", when(2024, 12, 1))
    assert cited(reply) == [
        ("Children and Young People Committee", dt.date(2024, 11, 12), "CYP/16/24")
    ]
