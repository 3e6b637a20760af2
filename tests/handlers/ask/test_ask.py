"""Questions about the record: exact quotes, citations, typos, scope and exempt items."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from handlers.messages import Citation, Reply
from storage.db import transaction
from storage.models import Action, AgendaItem, Board, Decision, DecisionKind, Meeting, MeetingStatus
from storage.unplaced import replace_passages
from tests.conftest import Database
from tests.handlers.builders import (
    CPB,
    DEFERRED,
    EXEMPT_DECISION,
    LONDON,
    MINUTES_APPROVED,
    NOTED,
    NOW,
    PANEL,
    PANEL_DECISION,
    UPDATE_NOTED,
    VSN_DECISION,
    build,
    say,
)

SEPTEMBER = dt.date(2018, 9, 12)
JULY = dt.date(2022, 7, 27)


@pytest.fixture
def record(db: Database) -> Database:
    build(db.factory)
    return db


def cited(reply: Reply) -> list[tuple[str, dt.date, str | None]]:
    return [(c.board, c.meeting_date, c.item_number) for c in reply.citations]


def test_what_did_we_agree_quotes_the_resolution_and_cites_it(record: Database) -> None:
    reply = say(record.factory, "what was decided about Signs of Safety?")
    assert reply.intent == "ask.decision"
    assert f"“{NOTED}”" in reply.as_plain_text()
    assert reply.citations == [Citation(CPB, SEPTEMBER, "18/9", "Signs of Safety")]


def test_an_item_without_resolution_says_so_and_quotes_its_minutes(record: Database) -> None:
    reply = say(record.factory, "what did we agree on sufficiency?", as_="Councillor J Walker")
    text = reply.as_plain_text()
    assert cited(reply) == [(CPB, JULY, "22/7")]
    assert "No resolution is recorded for this item (the published minutes are cut short)" in text
    assert "“The sufficiency action plan would be reviewed as actions were completed.”" in text
    # "sufficient" in the Signs of Safety minutes is a different word, not an answer.
    assert "18/9" not in text


def test_minutes_approval_is_found_by_the_date_in_the_title(record: Database) -> None:
    reply = say(record.factory, "did we approve the minutes of 7 August?")
    assert cited(reply) == [(CPB, SEPTEMBER, "18/8")]
    assert MINUTES_APPROVED in reply.as_plain_text()


def test_a_deferred_item_says_to_when_and_whether_it_came_back(record: Database) -> None:
    reply = say(record.factory, "what happened with the local offer for care leavers?")
    text = reply.as_plain_text()
    assert cited(reply) == [(CPB, SEPTEMBER, "18/14")]
    assert DEFERRED in text
    assert "deferred to the meeting on Wed 7 November 2018" in text
    assert "no minutes yet of it coming back" in text


def test_a_deferred_item_that_came_back_quotes_what_was_then_decided(record: Database) -> None:
    came_back = "AGREED that the Local Offer for Care Leavers be approved for publication."
    with transaction(record.factory) as session:
        original = session.scalars(select(AgendaItem).where(AgendaItem.number == "18/14")).one()
        november = original.deferred_to
        assert november is not None
        november.status = MeetingStatus.HELD
        november.items.append(
            AgendaItem(
                position=1,
                number="18/20",
                title=original.title,
                carried_from=original,
                decisions=[Decision(text=came_back, kind=DecisionKind.AGREED)],
            )
        )

    reply = say(record.factory, "what happened with the local offer for care leavers?")

    text = reply.as_plain_text()
    assert "It came back on Wed 7 November 2018" in text
    assert f"“{came_back}”" in text
    # The carried copy is told within the original's story, not as a second answer.
    assert cited(reply) == [(CPB, SEPTEMBER, "18/14")]


def test_when_did_we_last_discuss(record: Database) -> None:
    reply = say(record.factory, "when did we last discuss the Virtual School?")
    assert reply.intent == "ask.last-discussed"
    assert "last discussed by the Corporate Parenting Board on Wed 12 September 2018" in reply.text
    assert cited(reply) == [(CPB, SEPTEMBER, "18/10")]
    assert VSN_DECISION in reply.as_plain_text()


def test_who_presented(record: Database) -> None:
    reply = say(record.factory, "who presented the Care Crisis Review?")
    assert reply.intent == "ask.presenter"
    assert "presented by H Watts" in reply.as_plain_text()
    assert cited(reply) == [(CPB, SEPTEMBER, "18/13")]


def test_who_sent_apologies_to_a_month(record: Database) -> None:
    reply = say(record.factory, "who sent apologies to the September 2018 meeting?")
    assert reply.intent == "ask.attendance"
    text = reply.as_plain_text()
    assert "Councillor P Hart" in text and "Councillor R Osei" in text
    assert "Councillor M Carr" not in text
    assert reply.citations == [Citation(CPB, SEPTEMBER)]


def test_whats_outstanding_lists_open_actions_on_the_topic(record: Database) -> None:
    reply = say(record.factory, "what's outstanding on sufficiency?", as_="Councillor J Walker")
    assert reply.intent == "ask.outstanding"
    assert "Complete a full refresh of the Commissioning Action plan" in reply.as_plain_text()
    assert "(overdue)" in reply.as_plain_text()
    assert cited(reply) == [(CPB, JULY, "22/7")]


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("what did we agree on sufficency?", "22/7"),
        ("what did we agree on sign of safty?", "18/9"),
        ("when did we last discuss the virtual scool?", "18/10"),
        ("what did we decide about apology for absence", None),
    ],
)
def test_typos_and_word_forms_still_find_the_item(
    record: Database, question: str, number: str | None
) -> None:
    reply = say(record.factory, question, as_="Councillor J Walker")
    assert reply.citations, reply.as_plain_text()
    if number is not None:
        assert reply.citations[0].item_number == number


def test_an_abbreviation_finds_the_item_that_defines_it(record: Database) -> None:
    reply = say(record.factory, "what did we agree about VSN?")
    assert cited(reply) == [(CPB, SEPTEMBER, "18/10")]
    mentioned = say(record.factory, "what happened with the CICC?")
    assert mentioned.citations[0].item_title == "Participation of children and young people"
    assert UPDATE_NOTED in mentioned.as_plain_text()


def test_nothing_relevant_says_so_and_offers_closest_titles(record: Database) -> None:
    reply = say(record.factory, "what did we decide about parking charges?")
    assert reply.intent == "ask.no-answer"
    assert reply.citations == []
    assert "nothing in the record about “parking charges”" in reply.text
    near = say(record.factory, "what did we agree on care homes budget?")
    assert near.intent == "ask.no-answer" and near.citations == []
    assert near.items  # "Care Crisis Review", ... offered as closest, never as the answer


def test_several_matches_newest_first_at_most_three_and_n_more(record: Database) -> None:
    reply = say(record.factory, "what did we agree on noted?")
    # Every NOTED resolution matches: newest first, three shown, the rest counted.
    dates = [c.meeting_date for c in reply.citations]
    assert dates == sorted(dates, reverse=True) and len(dates) == 3
    assert any(
        line.endswith("more: ask about a particular meeting to see them.") for line in reply.items
    )


def test_a_member_sees_only_their_boards(record: Database) -> None:
    walker = say(record.factory, "what did we agree on sufficiency?", as_="Councillor J Walker")
    assert PANEL not in {c.board for c in walker.citations}
    patel = say(record.factory, "what did we agree on sufficiency?", as_="Councillor K Patel")
    assert [c.board for c in patel.citations] == [PANEL]
    assert PANEL_DECISION in patel.as_plain_text()
    clerk = say(record.factory, "what did we agree on sufficiency?", as_="Jo Bell")
    assert {c.board for c in clerk.citations} == {CPB, PANEL}


def test_a_stranger_gets_the_public_record_of_every_board_and_how_to_get_linked(
    record: Database,
) -> None:
    reply = say(record.factory, "what did we agree on sufficiency?", as_="Someone Else")
    assert {c.board for c in reply.citations} == {CPB, PANEL}
    assert PANEL_DECISION in reply.as_plain_text()
    assert reply.footer is not None and "boardclerk member link" in reply.footer
    assert reply.as_plain_text().endswith(reply.footer)


def test_a_stranger_is_not_shown_an_action_minuted_under_an_exempt_item(
    record: Database,
) -> None:
    with transaction(record.factory) as session:
        exempt = session.scalars(select(AgendaItem).where(AgendaItem.number == "22/9")).one()
        session.add(
            Action(
                board_id=exempt.meeting.board_id,
                item=exempt,
                text="Negotiate the Provider A contract terms",
            )
        )
    for who in ("Someone Else", "Jo Bell"):
        reply = say(record.factory, "what's outstanding?", as_=who)
        shown = "Provider A contract terms" in reply.as_plain_text()
        assert shown is (who == "Jo Bell"), who


@pytest.mark.parametrize(
    "question",
    [
        "what was resolved on the residential home contract?",
        "what happened at the July 2022 meeting?",
        "what did we decide at 22/9?",
    ],
)
def test_a_stranger_is_shown_nothing_of_an_exempt_item_even_in_a_dm(
    record: Database, question: str
) -> None:
    reply = say(record.factory, question, as_="Someone Else")
    text = reply.as_plain_text().lower()
    secrets = ("residential home contract", "provider a", "exempt", "paragraph 3")
    assert [s for s in secrets if s in text and s not in question.lower()] == []
    assert not any(c.item_number == "22/9" for c in reply.citations)


def test_exempt_items_are_quoted_only_in_a_dm_to_members_of_the_board(record: Database) -> None:
    dm = say(
        record.factory,
        "what was resolved on the residential home contract?",
        as_="Councillor J Walker",
    )
    assert EXEMPT_DECISION in dm.as_plain_text() and dm.private
    channel = say(
        record.factory,
        "what was resolved on the residential home contract?",
        as_="U-CARR",
        platform="slack",
        is_direct=False,
        channel_id="C-CPB",
        mentioned=True,
    )
    assert EXEMPT_DECISION not in channel.as_plain_text()
    assert "exempt (confidential)" in channel.as_plain_text()
    other_board = say(record.factory, "residential home contract", as_="Jo Bell")
    assert EXEMPT_DECISION in other_board.as_plain_text()  # the clerk sits on the board
    patel = say(record.factory, "residential home contract", as_="Councillor K Patel")
    assert patel.citations == []


def test_a_meeting_summary_or_item_number_keeps_exempt_items_out_of_channels(
    record: Database,
) -> None:
    for question in ("what happened at the July 2022 meeting?", "what did we decide at 22/9?"):
        dm = say(record.factory, question, as_="Councillor J Walker")
        assert EXEMPT_DECISION in dm.as_plain_text() and dm.private, question
        channel = say(
            record.factory,
            question,
            as_="U-CARR",
            platform="slack",
            is_direct=False,
            channel_id="C-CPB",
            mentioned=True,
        )
        assert EXEMPT_DECISION not in channel.as_plain_text(), question


def test_channel_chatter_without_a_mention_is_ignored(record: Database) -> None:
    reply = say(
        record.factory,
        "lovely weather",
        as_="U-CARR",
        platform="slack",
        is_direct=False,
        channel_id="C-CPB",
    )
    assert reply.intent == "ignored" and reply.text == ""


def test_a_board_named_in_the_question_is_scope_not_topic(record: Database) -> None:
    reply = say(record.factory, "what did the Health Scrutiny Panel agree on sufficiency?")
    assert [c.board for c in reply.citations] == [PANEL]


def test_ask_command_answers_like_plain_words(record: Database) -> None:
    reply = say(record.factory, "signs of safety", command="ask")
    assert cited(reply) == [(CPB, SEPTEMBER, "18/9")]


def test_query_syntax_in_the_question_is_just_words(record: Database) -> None:
    for hostile in ['"signs" OR safety*', "NEAR(signs safety) -care", "signs' ; DROP TABLE x; --"]:
        reply = say(record.factory, hostile)
        assert reply.intent != "error", hostile


def test_an_item_of_a_meeting_still_to_come_is_on_the_agenda_not_undecided(
    sqlite_db: Database,
) -> None:
    with transaction(sqlite_db.factory) as session:
        board = Board(name=CPB)
        meeting = Meeting(board=board, date=dt.date(2026, 12, 2))
        meeting.items.append(AgendaItem(position=1, number="5", title="Fostering Recruitment"))
        session.add(meeting)

    reply = say(sqlite_db.factory, "what did we agree on fostering recruitment?")

    text = reply.as_plain_text()
    assert "It is on the agenda for the meeting on Wed 2 December 2026." in text
    assert "No resolution is recorded" not in text


def test_a_decision_comes_before_the_same_topic_on_a_coming_agenda(sqlite_db: Database) -> None:
    decided = "AGREED that the Fostering Recruitment plan be approved."
    with transaction(sqlite_db.factory) as session:
        board = Board(name=CPB)
        past = Meeting(board=board, date=dt.date(2026, 9, 16), status=MeetingStatus.HELD)
        past.items.append(
            AgendaItem(
                position=1,
                number="26/30",
                title="Fostering Recruitment",
                decisions=[Decision(text=decided, kind=DecisionKind.AGREED)],
            )
        )
        coming = Meeting(board=board, date=dt.date(2026, 12, 2))
        coming.items.append(AgendaItem(position=1, number="5", title="Fostering Recruitment"))
        session.add_all([past, coming])

    reply = say(sqlite_db.factory, "what did we decide on fostering recruitment?")

    assert cited(reply) == [(CPB, dt.date(2026, 9, 16), "26/30"), (CPB, dt.date(2026, 12, 2), "5")]


# --- printed numbers, relative meetings, people, summaries ----------------------------------


@pytest.mark.parametrize(
    ("question", "number"),
    [("what happened with 22/7?", "22/7"), ("what did we decide at 18/14?", "18/14")],
)
def test_a_bare_printed_number_with_a_slash_names_the_item(
    record: Database, question: str, number: str
) -> None:
    reply = say(record.factory, question)
    assert [n for _b, _d, n in cited(reply)] == [number]


def test_a_bare_number_without_item_is_not_an_item_number() -> None:
    from handlers.ask.question import parse

    assert parse("did we agree 44 new placements?").item_number is None
    assert parse("what happened with 22/7?").item_number == "22/7"
    assert parse("CYP/15/24?").item_number == "CYP/15/24"
    assert parse("what was decided on 14/03/2023?").item_number is None
    assert parse("what was funded in 2023/24?").item_number is None


@pytest.mark.parametrize(
    ("question", "now"),
    [
        ("what happened at last week's meeting?", dt.datetime(2018, 9, 19, 10, tzinfo=LONDON)),
        ("summarise yesterday's meeting", dt.datetime(2018, 9, 13, 0, 30, tzinfo=LONDON)),
        ("what did we decide at the meeting before last?", NOW),
        ("what did we decide at the September meeting?", NOW),
    ],
)
def test_relative_meetings_are_counted_from_now(
    record: Database, question: str, now: dt.datetime
) -> None:
    reply = say(record.factory, f"{question} corporate parenting", now=now)
    assert reply.intent == "ask.meeting"
    assert {d for _b, d, _n in cited(reply)} == {SEPTEMBER}


def test_yesterday_is_a_day_in_the_boards_timezone(record: Database) -> None:
    # 23:30 UTC on 12 September is already 13 September in London.
    late = dt.datetime(2018, 9, 12, 23, 30, tzinfo=dt.UTC)
    reply = say(record.factory, "summarise yesterday's meeting corporate parenting", now=late)
    assert reply.intent == "ask.meeting"
    assert {d for _b, d, _n in cited(reply)} == {SEPTEMBER}
    early = dt.datetime(2018, 9, 12, 22, 30, tzinfo=dt.UTC)
    reply = say(record.factory, "summarise yesterday's meeting corporate parenting", now=early)
    assert SEPTEMBER not in {d for _b, d, _n in cited(reply)}


def test_the_next_meetings_agenda(record: Database) -> None:
    reply = say(record.factory, "what's on the next meeting's agenda?")
    assert "Fostering Recruitment Update" in reply.as_plain_text()
    assert dt.date(2026, 12, 2) in {d for _b, d, _n in cited(reply)}


def _attended(db: Database, *names: str) -> None:
    from storage.models import Attendance, AttendanceSource, AttendanceStatus

    with transaction(db.factory) as session:
        meeting = session.scalars(select(Meeting).where(Meeting.date == SEPTEMBER)).one()
        for name in names:
            meeting.attendance.append(
                Attendance(
                    name=name,
                    person_key=name.lower().removeprefix("councillor "),
                    status=AttendanceStatus.PRESENT,
                    source=AttendanceSource.MINUTES,
                )
            )


@pytest.mark.parametrize(
    "question", ["did Frankie attend in September?", "was Cllr Hellaui at the September meeting?"]
)
def test_a_first_name_or_a_small_misspelling_finds_the_attendee(
    record: Database, question: str
) -> None:
    _attended(record, "Councillor Frankie Hellaoui")
    text = say(record.factory, question).as_plain_text()
    assert "Councillor Frankie Hellaoui is recorded as present" in text


def test_an_ambiguous_first_name_says_who_could_be_meant(record: Database) -> None:
    _attended(record, "Councillor Frankie Hellaoui", "Councillor Frankie Dunn")
    text = say(record.factory, "did Frankie attend in September?").as_plain_text()
    assert "Councillor Frankie Dunn" in text and "Councillor Frankie Hellaoui" in text
    assert "is recorded as present" not in text


def test_a_summary_skips_routine_items_and_the_repeated_date(record: Database) -> None:
    reply = say(record.factory, "summarise the September 2018 meeting")
    assert [n for _b, _d, n in cited(reply)] == ["18/9", "18/10", "18/13", "18/14"]
    assert all("12 September 2018" not in line for line in reply.items[1:])
    assert any("18/8" in line for line in reply.items)  # named as left out
    reply = say(record.factory, "summarise the September 2018 meeting including routine items")
    assert next(n for _b, _d, n in cited(reply)) == "18/8"


def test_the_heading_names_the_topic_without_the_meeting(record: Database) -> None:
    reply = say(record.factory, "what did we agree on sufficiency at the July 2022 meeting?")
    assert "“sufficiency”" in reply.text
    assert "July" not in reply.text


def test_a_passage_no_item_kept_answers_when_no_item_does(record: Database) -> None:
    with transaction(record.factory) as session:
        board = session.scalars(select(Board).where(Board.name == CPB)).one()
        meeting = next(m for m in board.meetings if m.date == SEPTEMBER)
        replace_passages(
            session, meeting.id, "minutes", ["The zebra crossing at Hollybrook was welcomed."]
        )

    reply = say(record.factory, "what did we decide about the zebra crossing?")

    assert reply.intent == "ask.unplaced"
    assert "“The zebra crossing at Hollybrook was welcomed.”" in reply.as_plain_text()
    assert reply.citations == [Citation(CPB, SEPTEMBER)]
