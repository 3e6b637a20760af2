"""Full-text search: one interface over FTS5 and PostgreSQL, always in step with the data."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update

from storage.db import transaction
from storage.models import AgendaItem, Board, Decision, DecisionKind, Meeting
from storage.search import heading_vocabulary, search_items, words
from tests.conftest import Database


def _seed(db: Database) -> tuple[int, int]:
    with transaction(db.factory) as session:
        board = Board(name="Corporate Parenting Board")
        other = Board(name="Audit Committee")
        old = Meeting(board=board, date=dt.date(2018, 9, 12))
        new = Meeting(board=board, date=dt.date(2022, 7, 27))
        audit = Meeting(board=other, date=dt.date(2023, 1, 5))
        AgendaItem(
            meeting=old,
            position=1,
            number="18/9",
            title="Signs of Safety",
            presenters=["S Kaur"],
            minutes_text="Families made sufficient change.",
            decisions=[
                Decision(text="AGREED that the information be noted.", kind=DecisionKind.AGREED)
            ],
        )
        AgendaItem(
            meeting=new,
            position=1,
            number="22/7",
            title="Review of Sufficiency action plan",
            minutes_text="Apologies were received from two providers.",
        )
        AgendaItem(meeting=audit, position=1, title="Sufficiency of internal audit")
        session.add_all([old, new, audit])
        session.flush()
        return board.id, other.id


def _titles(db: Database, hits: list) -> list[str]:  # type: ignore[type-arg]
    with db.factory() as session:
        return [session.get(AgendaItem, h.item_id).title for h in hits]  # type: ignore[union-attr]


def test_heading_search_is_scoped_and_newest_first(db: Database) -> None:
    cpb, audit = _seed(db)
    with db.factory() as session:
        hits = search_items(session, ["sufficiency"], [cpb, audit])
        assert [h.meeting_date for h in hits] == [dt.date(2023, 1, 5), dt.date(2022, 7, 27)]
        assert _titles(db, search_items(session, ["sufficiency"], [cpb])) == [
            "Review of Sufficiency action plan"
        ]


def test_stemming_and_presenters_and_decisions(db: Database) -> None:
    cpb, _ = _seed(db)
    with db.factory() as session:
        assert _titles(db, search_items(session, ["kaur"], [cpb])) == ["Signs of Safety"]
        assert _titles(db, search_items(session, ["sign"], [cpb])) == ["Signs of Safety"]
        assert _titles(db, search_items(session, ["noted"], [cpb])) == ["Signs of Safety"]
        body = search_items(session, ["apology"], [cpb], where="body")
        assert _titles(db, body) == ["Review of Sufficiency action plan"]


def test_all_terms_unless_any_is_asked_for(db: Database) -> None:
    cpb, _ = _seed(db)
    with db.factory() as session:
        assert search_items(session, ["signs", "sufficiency"], [cpb]) == []
        assert len(search_items(session, ["signs", "sufficiency"], [cpb], any_term=True)) == 2


def test_the_index_follows_updates_and_deletes(db: Database) -> None:
    cpb, _ = _seed(db)
    with transaction(db.factory) as session:
        session.execute(
            update(AgendaItem)
            .where(AgendaItem.title == "Signs of Safety")
            .values(title="Safeguarding")
        )
        session.execute(delete(Decision))
    with db.factory() as session:
        assert search_items(session, ["signs"], [cpb]) == []
        assert search_items(session, ["noted"], [cpb]) == []
        assert len(search_items(session, ["safeguarding"], [cpb])) == 1
    with transaction(db.factory) as session:
        session.execute(delete(Meeting))
    with db.factory() as session:
        assert search_items(session, ["sufficiency"], [cpb]) == []
        assert session.scalars(select(AgendaItem)).all() == []


def test_query_syntax_is_never_passed_through(db: Database) -> None:
    cpb, _ = _seed(db)
    with db.factory() as session:
        for hostile in [
            '"',
            "sign*",
            "NEAR(a b)",
            "title:signs",
            "-safety",
            "a AND OR NOT",
            "'; --",
        ]:
            search_items(session, [hostile], [cpb])  # must not raise
        assert words('Sign* "of" NEAR(safety)') == ["sign", "of", "near", "safety"]


def test_vocabulary_is_rebuilt_when_items_change(db: Database) -> None:
    _seed(db)
    with db.factory() as session:
        assert "sufficiency" in heading_vocabulary(session)
        assert "fostering" not in heading_vocabulary(session)
    with transaction(db.factory) as session:
        meeting = session.scalars(select(Meeting)).first()
        session.add(AgendaItem(meeting=meeting, position=9, title="Fostering update"))
    with db.factory() as session:
        assert "fostering" in heading_vocabulary(session)


def test_ranked_search_weighs_fields_and_needs_only_enough_terms(db: Database) -> None:
    cpb, _ = _seed(db)
    with transaction(db.factory) as session:
        meeting = session.scalars(select(Meeting).where(Meeting.board_id == cpb)).first()
        session.add(
            AgendaItem(
                meeting=meeting,
                position=5,
                title="Care leavers forums feedback",
                minutes_text="The forums asked for a plainer offer.",
            )
        )
        session.add(
            Meeting(
                board_id=cpb,
                date=dt.date(2024, 3, 6),
                items=[
                    AgendaItem(
                        position=1,
                        title="Children in Care Council update",
                        minutes_text="Members asked about the sufficiency of local placements.",
                    )
                ],
            )
        )
    with db.factory() as session:
        # "forum" finds "forums"; two of the three terms are enough when asked so.
        asked = ["feedback", "forum", "parking"]
        assert search_items(session, asked, [cpb], where="all") == []
        [hit] = search_items(session, asked, [cpb], where="all", at_least=2, ranked=True)
        assert _titles(db, [hit]) == ["Care leavers forums feedback"]
        # A term as alternatives: any one of them will do.
        either = [[["looked", "after"], ["sufficiency"]]]
        assert _titles(db, search_items(session, either, [cpb])) == [
            "Review of Sufficiency action plan"
        ]
        # In the title counts more than in the minutes: the 2022 item has "Sufficiency" in its
        # title, the 2024 and 2018 ones only in their minutes ("sufficient" in 2018), so newest
        # first would put it second.
        ranked = search_items(session, ["sufficiency"], [cpb], where="all", ranked=True)
        titles = _titles(db, ranked)
        assert titles[0] == "Review of Sufficiency action plan"
        assert sorted(titles[1:]) == ["Children in Care Council update", "Signs of Safety"]
        assert ranked[0].score > max(h.score for h in ranked[1:])


def test_the_index_follows_a_meetings_new_date(db: Database) -> None:
    cpb, _ = _seed(db)
    with transaction(db.factory) as session:
        session.execute(
            update(Meeting)
            .where(Meeting.date == dt.date(2018, 9, 12))
            .values(date=dt.date(2024, 1, 1))
        )
    with db.factory() as session:
        [hit] = search_items(session, ["signs"], [cpb])
        assert hit.meeting_date == dt.date(2024, 1, 1)


def test_newest_first_holds_beyond_the_newest_few_thousand_items(db: Database) -> None:
    """A common topic's newest matches come from the newest items; a topic only older
    meetings hold is still found, however many newer items there are."""
    with transaction(db.factory) as session:
        board = Board(name="Corporate Parenting Board")
        session.add(board)
        session.flush()
        start = dt.date(2000, 1, 3)
        for week in range(150):
            topic = "Adoption Service Report" if week < 2 else "Fostering Recruitment"
            items = [AgendaItem(position=p, title=f"{topic} {p}") for p in range(15)]
            session.add(Meeting(board=board, date=start + dt.timedelta(weeks=week), items=items))
        board_id = board.id
    newest = start + dt.timedelta(weeks=149)
    with db.factory() as session:
        common = search_items(session, ["fostering"], [board_id], limit=20)
        assert [h.meeting_date for h in common] == [newest] * 15 + [newest - dt.timedelta(7)] * 5
        rare = search_items(session, ["adoption"], [board_id], limit=40)
        assert len(rare) == 30
        assert rare[0].meeting_date == start + dt.timedelta(weeks=1)
