"""Calendar feeds over HTTP: board feeds by slug, personal feeds by token, 404s and ETags."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar
from sqlalchemy import select

from bot.web.app import build_web_app
from storage.calendar import issue_token
from storage.db import transaction
from storage.models import Action, Board, Document, Member
from tests.bot.web_server import Serve
from tests.conftest import Database
from tests.handlers.builders import build

NOW = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)
BOARD_FEED = "/calendar/corporate-parenting-board.ics"


def _token_for(db: Database, name: str, *, reset: bool = False) -> str:
    with transaction(db.factory) as session:
        member = session.scalars(select(Member).where(Member.name == name)).one()
        return issue_token(session, member, NOW, reset=reset)


async def test_a_board_feed_has_one_event_per_meeting_with_agenda_but_no_exempt_item(
    sqlite_db: Database, serve: Serve
) -> None:
    build(sqlite_db.factory)
    client = await serve(build_web_app(sqlite_db.factory, calendar_cache_seconds=0))

    response = await client.get(BOARD_FEED)
    body = await response.read()

    assert response.status == 200
    assert response.content_type == "text/calendar"
    assert response.headers["Cache-Control"] == "public, max-age=300"
    calendar = Calendar.from_ical(body)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 4  # September, November 2018, July 2022, December 2026
    july = next(e for e in events.values() if e["DTSTART"].dt.year == 2022)
    assert str(july["LOCATION"]) == "Council Chamber"
    assert "Review of Sufficiency action plan" in str(july["DESCRIPTION"])
    assert "Residential Home Contract" not in body.decode()
    assert all(str(e["SUMMARY"]) == "Corporate Parenting Board" for e in events.values())


async def test_a_meeting_imported_from_a_web_page_links_to_it(
    sqlite_db: Database, serve: Serve
) -> None:
    build(sqlite_db.factory)
    page = "https://democracy.northmoor.example/ieListDocuments.aspx?CId=12&MId=345"
    with transaction(sqlite_db.factory) as session:
        board = session.scalars(select(Board).where(Board.short_name == "CPB")).one()
        july = next(m for m in board.meetings if m.date.year == 2022)
        july.documents.append(
            Document(path=page, content_hash="a" * 64, kind="minutes", format="html")
        )
        september = next(m for m in board.meetings if m.date.year == 2018)
        september.documents.append(
            Document(
                path="/home/clerk/minutes.pdf", content_hash="b" * 64, kind="minutes", format="pdf"
            )
        )
    client = await serve(build_web_app(sqlite_db.factory))

    calendar = Calendar.from_ical(await (await client.get(BOARD_FEED)).read())

    urls = [str(event["URL"]) for event in calendar.walk("VEVENT") if "URL" in event]
    assert urls == [page]  # the PDF on the clerk's disk is not a published page


async def test_unknown_board_and_wrong_token_are_404(sqlite_db: Database, serve: Serve) -> None:
    build(sqlite_db.factory)
    client = await serve(build_web_app(sqlite_db.factory))

    unknown = await client.get("/calendar/planning-committee.ics")
    wrong = await client.get("/calendar/me/not-a-real-token.ics")

    assert unknown.status == wrong.status == 404


async def test_an_unchanged_feed_answers_304_to_its_etag(sqlite_db: Database, serve: Serve) -> None:
    build(sqlite_db.factory)
    client = await serve(build_web_app(sqlite_db.factory, calendar_cache_seconds=0))

    first = await client.get(BOARD_FEED)
    again = await client.get(BOARD_FEED, headers={"If-None-Match": first.headers["ETag"]})
    stale = await client.get(BOARD_FEED, headers={"If-None-Match": '"something-else"'})

    assert first.headers["ETag"].startswith('"')
    assert again.status == 304
    assert await again.read() == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert stale.status == 200


async def test_a_change_gives_a_new_etag_once_the_cache_has_expired(
    sqlite_db: Database, serve: Serve
) -> None:
    build(sqlite_db.factory)
    client = await serve(build_web_app(sqlite_db.factory, calendar_cache_seconds=0))
    before = await client.get(BOARD_FEED)

    with transaction(sqlite_db.factory) as session:
        board = session.scalars(select(Board).where(Board.short_name == "CPB")).one()
        board.meetings[-1].venue = "Council Chamber"
    after = await client.get(BOARD_FEED, headers={"If-None-Match": before.headers["ETag"]})

    assert after.status == 200
    assert after.headers["ETag"] != before.headers["ETag"]


async def test_a_personal_feed_marks_the_members_apologies_and_lists_their_open_actions(
    sqlite_db: Database, serve: Serve
) -> None:
    build(sqlite_db.factory)
    with transaction(sqlite_db.factory) as session:
        walker = session.scalars(select(Member).where(Member.name == "Councillor J Walker")).one()
        board = session.scalars(select(Board).where(Board.short_name == "CPB")).one()
        session.add(
            Action(
                board=board,
                text="Circulate the placements report",
                owner=walker,
                due=dt.date(2026, 12, 16),
            )
        )
        upcoming = board.meetings[-1]
        upcoming.attendance[0].reason = "hospital appointment"
    token = _token_for(sqlite_db, "Councillor J Walker")
    client = await serve(build_web_app(sqlite_db.factory))

    response = await client.get(f"/calendar/me/{token}.ics")

    assert response.status == 200
    assert response.headers["Cache-Control"] == "private, max-age=300"
    calendar = Calendar.from_ical(await response.read())
    december = next(e for e in calendar.walk("VEVENT") if e["DTSTART"].dt.year == 2026)
    assert str(december["DESCRIPTION"]).startswith("You sent apologies: hospital appointment")
    [todo] = calendar.walk("VTODO")
    assert str(todo["SUMMARY"]).endswith("Circulate the placements report")
    assert todo["DUE"].dt == dt.date(2026, 12, 16)


async def test_a_reset_token_stops_working_and_the_new_one_works(
    sqlite_db: Database, serve: Serve
) -> None:
    build(sqlite_db.factory)
    old = _token_for(sqlite_db, "Councillor J Walker")
    client = await serve(build_web_app(sqlite_db.factory))
    assert (await client.get(f"/calendar/me/{old}.ics")).status == 200

    new = _token_for(sqlite_db, "Councillor J Walker", reset=True)

    assert (await client.get(f"/calendar/me/{old}.ics")).status == 404
    assert (await client.get(f"/calendar/me/{new}.ics")).status == 200
