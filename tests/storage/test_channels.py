"""Channel links: made, moved and undone in one place, a Slack one with its workspace.

Installed workspaces live in slack_sdk's installation store, in the same
database, as Board Clerk's OAuth mode keeps them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

from storage import channels
from storage.db import transaction
from storage.directory import DirectoryError
from storage.models import Board
from tests.conftest import Database


@pytest.fixture
def boards(db: Database) -> Database:
    with transaction(db.factory) as session:
        session.add_all([Board(name="Corporate Parenting Board"), Board(name="Schools Forum")])
    return db


def install(db: Database, *teams: str) -> None:
    store = SQLAlchemyInstallationStore(client_id="111.222", engine=db.engine)
    store.create_tables()  # type: ignore[no-untyped-call]
    for team in teams:
        store.save(
            Installation(
                app_id="A0BOARDCLERK",
                enterprise_id=None,
                team_id=team,
                bot_token=f"xoxb-{team}",
                bot_id=f"B{team}",
                bot_user_id="UBOARDCLERK",
                user_id="UINSTALLER",
                installed_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC).timestamp(),
            )
        )


def link(db: Database, board: str, platform: str, channel: str, team: str | None = None) -> object:
    with transaction(db.factory) as session:
        found = session.query(Board).filter_by(name=board).one()
        return channels.link_channel(session, found, platform, channel, team)


def board_of(db: Database, platform: str, channel: str) -> str | None:
    with db.factory() as session:
        board = channels.board_of_channel(session, platform, channel)
        return None if board is None else board.name


def channels_of(db: Database, board: str, platform: str) -> list[tuple[str, str | None]]:
    with db.factory() as session:
        board_id = session.query(Board).filter_by(name=board).one().id
        return [tuple(c) for c in channels.channels_of_board(session, board_id, platform)]  # type: ignore[misc]


def test_a_channel_is_linked_moved_and_unlinked(boards: Database) -> None:
    assert link(boards, "Corporate Parenting Board", "discord", " 1234 ") == channels.Linked(
        "Corporate Parenting Board", None
    )
    assert board_of(boards, "discord", "1234") == "Corporate Parenting Board"
    assert link(boards, "Corporate Parenting Board", "discord", "1234") == channels.Linked(
        "Corporate Parenting Board", None, already=True
    )

    moved = link(boards, "Schools Forum", "discord", "1234")

    assert moved == channels.Linked("Schools Forum", None, previous="Corporate Parenting Board")
    assert channels_of(boards, "Schools Forum", "discord") == [("1234", None)]
    assert channels_of(boards, "Corporate Parenting Board", "discord") == []
    with transaction(boards.factory) as session:
        assert channels.unlink_channel(session, "discord", "1234") == "Schools Forum"
    assert board_of(boards, "discord", "1234") is None


def test_a_slack_channel_keeps_the_workspace_it_was_linked_in(boards: Database) -> None:
    link(boards, "Corporate Parenting Board", "slack", "C1", "T0COUNCIL")

    assert channels_of(boards, "Corporate Parenting Board", "slack") == [("C1", "T0COUNCIL")]
    assert channels_of(boards, "Corporate Parenting Board", "discord") == []


def test_with_one_workspace_installed_a_slack_link_is_given_it(boards: Database) -> None:
    install(boards, "T0COUNCIL")

    linked = link(boards, "Corporate Parenting Board", "slack", "C1")

    assert linked == channels.Linked("Corporate Parenting Board", "T0COUNCIL")
    assert channels_of(boards, "Corporate Parenting Board", "slack") == [("C1", "T0COUNCIL")]


def test_with_several_workspaces_a_slack_link_must_name_an_installed_one(
    boards: Database,
) -> None:
    install(boards, "T0COUNCIL", "T0PARTNER")

    with pytest.raises(DirectoryError, match=r"several Slack workspaces .*T0COUNCIL, T0PARTNER"):
        link(boards, "Corporate Parenting Board", "slack", "C1")
    with pytest.raises(DirectoryError, match="Slack workspace T0GONE is not installed"):
        link(boards, "Corporate Parenting Board", "slack", "C1", "T0GONE")
    assert channels_of(boards, "Corporate Parenting Board", "slack") == []

    link(boards, "Corporate Parenting Board", "slack", "C1", "T0PARTNER")
    assert channels_of(boards, "Corporate Parenting Board", "slack") == [("C1", "T0PARTNER")]


@pytest.mark.parametrize(
    ("platform", "channel", "team", "error"),
    [
        ("irc", "#board", None, "unknown platform 'irc'"),
        ("slack", "  ", None, "a chat channel id cannot be empty"),
        ("discord", "1234", "T0COUNCIL", "a workspace id is for Slack channels only"),
        ("slack", "C1", " ", "a Slack workspace id cannot be empty"),
    ],
)
def test_bad_links_are_refused_and_change_nothing(
    boards: Database, platform: str, channel: str, team: str | None, error: str
) -> None:
    with pytest.raises(DirectoryError, match=error):
        link(boards, "Corporate Parenting Board", platform, channel, team)
    assert channels_of(boards, "Corporate Parenting Board", platform) == []


def test_unlinking_a_channel_that_is_not_linked_says_so(boards: Database) -> None:
    with (
        transaction(boards.factory) as session,
        pytest.raises(DirectoryError, match="slack channel C9 is not linked to a board"),
    ):
        channels.unlink_channel(session, "slack", "C9")
