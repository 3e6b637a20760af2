"""Two Slack workspaces on one Board Clerk: each member is reached through their own workspace.

The app runs in OAuth mode with two installations in slack_sdk's installation
store (in Board Clerk's own database); the fake Slack Web API shows which bot
token every call carried.
"""

from __future__ import annotations

import datetime as dt

import pytest
from slack_sdk.oauth.installation_store import Installation

from bot.settings import Settings
from bot.slack.app import build_app, slack_notifier
from handlers.messages import Reply
from handlers.pipeline import Pipeline
from schedules.notify import Target
from storage.db import transaction
from storage.models import BoardChannel, ChatIdentity
from tests.bot.cli_runner import Boardclerk
from tests.bot.slack.conftest import (
    CLERK,
    NOW,
    WALKER,
    Seeded,
    Slack,
    SynchronousExecutor,
    slack_settings,
)
from tests.bot.slack.fake_slack import TEAM_ID, FakeSlack
from tests.conftest import Database

PARTNER = "T0PARTNER"
TOKENS = {TEAM_ID: "xoxb-council", PARTNER: "xoxb-partner"}
REMINDER = Reply(text="Corporate Parenting Board meets tomorrow.", intent="reminder.meeting")


def oauth_settings(fake: FakeSlack, db: Database) -> Settings:
    """Several workspaces: OAuth, and no single bot token to fall back on."""
    return slack_settings(
        fake,
        db.url,
        SLACK_BOT_TOKEN=None,
        SLACK_CLIENT_ID="111.222",
        SLACK_CLIENT_SECRET="client-secret",
    )


@pytest.fixture
def two_workspaces(fake_slack: FakeSlack, sqlite_db: Database, seeded: Seeded) -> Slack:
    app = build_app(
        oauth_settings(fake_slack, sqlite_db),
        sqlite_db.factory,
        Pipeline(sqlite_db.factory),
        clock=lambda: NOW,
        listener_executor=SynchronousExecutor(),
    )
    assert app.installation_store is not None
    for team_id, token in TOKENS.items():
        fake_slack.add_workspace(team_id, token)
        app.installation_store.save(
            Installation(
                app_id="A0BOARDCLERK",
                enterprise_id=None,
                team_id=team_id,
                bot_token=token,
                bot_id=f"B{team_id}",
                bot_user_id="UBOARDCLERK",
                bot_scopes=["chat:write", "im:write", "users:read", "users:read.email"],
                user_id=f"UINSTALLER{team_id}",
                installed_at=NOW.timestamp(),
            )
        )
    with transaction(sqlite_db.factory) as session:
        clerk = session.query(ChatIdentity).filter_by(user_id=CLERK).one()
        clerk.team_id = TEAM_ID
    return Slack(app, fake_slack, sqlite_db)


def link_walker(slack: Slack, seeded: Seeded, team_id: str | None) -> None:
    """The clerk links Walker's Slack account (``member link``), in ``team_id`` if known."""
    with transaction(slack.db.factory) as session:
        session.add(
            ChatIdentity(
                member_id=seeded.walker_id, platform="slack", user_id=WALKER, team_id=team_id
            )
        )


def bearer(call_headers: dict[str, str]) -> str:
    return call_headers["authorization"].removeprefix("Bearer ")


def test_reminders_to_members_of_two_workspaces_use_each_workspaces_token(
    two_workspaces: Slack, seeded: Seeded
) -> None:
    slack = two_workspaces
    link_walker(slack, seeded, PARTNER)
    with transaction(slack.db.factory) as session:
        session.add(
            BoardChannel(
                board_id=seeded.board_id, platform="slack", channel_id="CPARTNER", team_id=PARTNER
            )
        )
    notifier = slack_notifier(slack.app, oauth_settings(slack.fake, slack.db), slack.db.factory)

    assert notifier.deliver(Target.member(seeded.clerk_id), REMINDER)
    assert notifier.deliver(Target.member(seeded.walker_id), REMINDER)
    assert notifier.deliver(Target.board_channel(seeded.board_id), REMINDER)

    opened = {c.params["users"]: bearer(c.headers) for c in slack.fake.called("conversations.open")}
    assert opened == {CLERK: "xoxb-council", WALKER: "xoxb-partner"}
    posted = {c.params["channel"]: bearer(c.headers) for c in slack.fake.called("chat.postMessage")}
    assert posted == {
        "DCLERK": "xoxb-council",
        "DWALKER": "xoxb-partner",
        "CPARTNER": "xoxb-partner",
    }


def test_a_member_of_another_workspace_is_linked_with_it_and_the_clerk_hears_through_theirs(
    two_workspaces: Slack, seeded: Seeded
) -> None:
    slack = two_workspaces

    slack.direct_message("Sorry, I can't make 2 December - hospital appointment", team=PARTNER)

    with slack.db.factory() as session:
        walker = session.query(ChatIdentity).filter_by(user_id=WALKER).one()
        assert (walker.member_id, walker.team_id) == (seeded.walker_id, PARTNER)
    [looked_up] = slack.fake.called("users.info")
    assert bearer(looked_up.headers) == "xoxb-partner"
    sent = [(c.params["channel"], bearer(c.headers)) for c in slack.fake.called("chat.postMessage")]
    # The member's confirmation in their workspace; the clerk's notice in the clerk's.
    assert sent == [("D" + WALKER, "xoxb-partner"), ("DCLERK", "xoxb-council")]


def test_a_member_linked_by_hand_gets_their_workspace_recorded_when_they_first_write(
    two_workspaces: Slack, seeded: Seeded
) -> None:
    slack = two_workspaces
    link_walker(slack, seeded, None)

    slack.direct_message("when is the next meeting?", team=PARTNER)

    with slack.db.factory() as session:
        assert session.query(ChatIdentity).filter_by(user_id=WALKER).one().team_id == PARTNER


def test_a_workspace_that_is_not_installed_is_not_delivered_to(
    two_workspaces: Slack, seeded: Seeded
) -> None:
    slack = two_workspaces
    link_walker(slack, seeded, "T0GONE")
    notifier = slack_notifier(slack.app, oauth_settings(slack.fake, slack.db), slack.db.factory)

    assert notifier.deliver(Target.member(seeded.walker_id), REMINDER) is False
    assert slack.fake.called("conversations.open", "chat.postMessage") == []


def test_the_installation_store_keeps_each_workspaces_token(two_workspaces: Slack) -> None:
    store = two_workspaces.app.installation_store
    assert store is not None
    found = {team: store.find_bot(enterprise_id=None, team_id=team) for team in TOKENS}
    assert {team: bot.bot_token for team, bot in found.items() if bot} == TOKENS
    assert dt.datetime.fromtimestamp(found[PARTNER].installed_at, dt.UTC) == NOW  # type: ignore[union-attr]


def test_channels_linked_in_chat_and_at_the_terminal_announce_through_their_own_workspace(
    two_workspaces: Slack, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    slack = two_workspaces
    slack.command("boardclerk", "link-channel CPB", user=CLERK, channel="CCOUNCIL")
    cli = Boardclerk(slack.db.url, monkeypatch)
    unnamed = cli("board", "link-channel", "CPB", "--slack", "CPARTNER")
    assert unnamed.exit_code == 2
    assert "several Slack workspaces are installed" in unnamed.stderr
    linked = cli.ok("board", "link-channel", "CPB", "--slack", "CPARTNER", "--slack-team", PARTNER)
    assert "(workspace T0PARTNER)" in linked.stdout
    slack.fake.calls.clear()
    notifier = slack_notifier(slack.app, oauth_settings(slack.fake, slack.db), slack.db.factory)

    assert notifier.deliver(Target.board_channel(seeded.board_id), REMINDER)

    posted = {c.params["channel"]: bearer(c.headers) for c in slack.fake.called("chat.postMessage")}
    assert posted == {"CCOUNCIL": "xoxb-council", "CPARTNER": "xoxb-partner"}
