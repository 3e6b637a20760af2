"""``/boardclerk``: help for everyone; linking a channel only by that board's clerk, in a channel."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from handlers import channels
from handlers.messages import IncomingMessage, Reply
from handlers.pipeline import Pipeline
from handlers.router import Route, Router
from storage.db import transaction
from storage.models import Board, BoardChannel, BoardRole, ChatIdentity, Member, Role
from tests.conftest import Database

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def boards(sqlite_db: Database) -> Database:
    with transaction(sqlite_db.factory) as session:
        cpb = Board(name="Corporate Parenting Board", short_name="CPB")
        schools = Board(name="Schools Forum")
        clerk = Member(name="Jane Clerk", match_key="jane clerk")
        member = Member(name="Councillor J A Walker", match_key="j a walker")
        session.add_all(
            [
                BoardRole(board=cpb, member=clerk, role=Role.CLERK),
                BoardRole(board=cpb, member=member, role=Role.MEMBER),
                BoardRole(board=schools, member=member, role=Role.CHAIR),
                ChatIdentity(member=clerk, platform="slack", user_id="UCLERK"),
                ChatIdentity(member=member, platform="slack", user_id="UWALKER"),
            ]
        )
    return sqlite_db


def _say(
    db: Database,
    text: str,
    *,
    user: str = "UCLERK",
    channel: str | None = "C1",
    direct: bool = False,
    router: Router | None = None,
) -> Reply:
    message = IncomingMessage(
        platform="slack",
        user_id=user,
        text=text,
        now=NOW,
        is_direct=direct,
        channel_id=channel,
        command="boardclerk",
    )
    return Pipeline(db.factory, router=router).handle(message)


def _links(db: Database) -> list[tuple[str, str, str]]:
    with db.factory() as session:
        return [
            (link.platform, link.channel_id, link.board.name)
            for link in session.scalars(select(BoardChannel))
        ]


def test_a_clerk_links_the_channel_they_are_in_to_their_board(boards: Database) -> None:
    reply = _say(boards, "link-channel cpb")

    assert _links(boards) == [("slack", "C1", "Corporate Parenting Board")]
    assert reply.intent == "link-channel"
    assert not reply.private


def test_linking_twice_keeps_one_link(boards: Database) -> None:
    _say(boards, "link-channel CPB")
    reply = _say(boards, "link-channel Corporate Parenting Board")

    assert "already linked" in reply.text
    assert len(_links(boards)) == 1


def test_a_member_who_is_not_the_boards_clerk_is_refused(boards: Database) -> None:
    reply = _say(boards, "link-channel Schools Forum", user="UWALKER")

    assert _links(boards) == []
    assert reply.private and "Only a clerk of Schools Forum" in reply.text


def test_a_stranger_is_refused_and_told_how_to_get_linked(boards: Database) -> None:
    reply = _say(boards, "link-channel CPB", user="USTRANGER")

    assert _links(boards) == []
    assert reply.footer is not None and "boardclerk member link" in reply.footer


def test_a_channel_cannot_be_linked_from_a_direct_message(boards: Database) -> None:
    reply = _say(boards, "link-channel CPB", channel="D1", direct=True)

    assert _links(boards) == []
    assert "in the channel" in reply.text


def test_an_unknown_board_is_named_back_with_the_boards_there_are(boards: Database) -> None:
    reply = _say(boards, "link-channel Planning")

    assert _links(boards) == []
    assert "Planning" in reply.text and "Schools Forum" in reply.text


def test_a_clerk_unlinks_their_boards_channel_but_a_member_cannot(boards: Database) -> None:
    _say(boards, "link-channel CPB")

    refused = _say(boards, "unlink-channel", user="UWALKER")
    assert len(_links(boards)) == 1 and refused.private

    _say(boards, "unlink-channel")
    assert _links(boards) == []


def test_boardclerk_help_is_exactly_what_help_answers(boards: Database) -> None:
    router = Router()
    router.add(
        Route(
            intent="help",
            commands=("help",),
            handle=lambda c: Reply(text="All the commands", intent="help"),
        )
    )
    channels.register(router)

    reply = _say(boards, "help", router=router)

    assert (reply.text, reply.intent) == ("All the commands", "help")


def test_boardclerk_alone_is_help_and_has_its_own_list_without_a_help_route(
    boards: Database,
) -> None:
    router = Router()
    channels.register(router)

    reply = _say(boards, "", router=router)

    assert reply.intent == "help"
    assert "/boardclerk link-channel" in reply.text


def test_an_unknown_subcommand_shows_the_usage(boards: Database) -> None:
    assert "Usage" in _say(boards, "frobnicate").text
