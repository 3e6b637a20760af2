"""A real ``slack_bolt.App`` wired to the real pipeline, a fresh database and a fake Slack.

Requests are signed exactly as Slack signs them and dispatched into the app;
a synchronous listener executor makes bolt's lazy listeners finish before
``dispatch`` returns, so tests assert outcomes without waiting.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest
from slack_bolt import App, BoltRequest, BoltResponse
from sqlalchemy import select

from bot.settings import Settings
from bot.slack.app import build_app
from handlers.pipeline import Pipeline
from storage.db import transaction
from storage.models import (
    Action,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Board,
    BoardRole,
    ChatIdentity,
    Decision,
    DecisionKind,
    Meeting,
    MeetingStatus,
    Member,
    MinutesStatus,
    Role,
)
from tests.bot.slack.fake_slack import TEAM_ID, FakeSlack
from tests.conftest import Database

Headers = dict[str, str | Sequence[str]]
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)

CLERK = "UCLERK"
WALKER = "UWALKER"
STRANGER = "USTRANGER"
BOARD_CHANNEL = "CCPB"
OTHER_CHANNEL = "CGENERAL"


class SynchronousExecutor(Executor):
    """Runs bolt's listeners on the dispatching thread: done when ``dispatch`` returns."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


def sign(body: str, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict[str, str]:
    """Slack's v0 request signature over ``v0:timestamp:body``."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"x-slack-request-timestamp": stamp, "x-slack-signature": f"v0={digest}"}


def slack_settings(fake: FakeSlack, database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_APP_TOKEN": None,
        "SLACK_CLIENT_ID": None,
        "SLACK_CLIENT_SECRET": None,
        "SLACK_API_URL": fake.api_url,
        "database_url": database_url,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@dataclass
class Slack:
    """Sends what Slack would send, signed, into the app; ``fake`` has what came back."""

    app: App
    fake: FakeSlack
    db: Database
    _counter: int = field(default=0)

    def _next(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}{self._counter}"

    def dispatch(self, body: str, content_type: str, **headers: str) -> BoltResponse:
        all_headers: Headers = {"content-type": content_type, **sign(body), **headers}
        return self.app.dispatch(BoltRequest(body=body, headers=all_headers))

    def command(
        self, name: str, text: str = "", *, user: str = WALKER, channel: str = "D" + WALKER
    ) -> BoltResponse:
        body = urlencode(
            {
                "token": "legacy",
                "team_id": "T0COUNCIL",
                "channel_id": channel,
                "channel_name": "directmessage" if channel.startswith("D") else "board",
                "user_id": user,
                "user_name": user.lower(),
                "command": f"/{name}",
                "text": text,
                "api_app_id": "A0BOARDCLERK",
                "response_url": self.fake.response_url(self._next("cmd")),
                "trigger_id": self._next("trigger."),
            }
        )
        return self.dispatch(body, "application/x-www-form-urlencoded")

    def event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        team: str = TEAM_ID,
        **headers: str,
    ) -> BoltResponse:
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": team,
                "api_app_id": "A0BOARDCLERK",
                "type": "event_callback",
                "event_id": event_id or self._next("Ev"),
                "event_time": int(NOW.timestamp()),
                "authorizations": [{"team_id": team, "user_id": "UBOARDCLERK", "is_bot": True}],
                "event": event,
            }
        )
        return self.dispatch(body, "application/json", **headers)

    def direct_message(self, text: str, *, user: str = WALKER, **kwargs: Any) -> BoltResponse:
        return self.event(
            {
                "type": "message",
                "channel_type": "im",
                "channel": "D" + user,
                "user": user,
                "text": text,
                "ts": "1795000000.000001",
            },
            **kwargs,
        )

    def channel_message(
        self, text: str, *, user: str = WALKER, channel: str = BOARD_CHANNEL
    ) -> BoltResponse:
        """Words said in a channel without mentioning Board Clerk (``message.channels``)."""
        return self.event(
            {
                "type": "message",
                "channel_type": "channel",
                "channel": channel,
                "user": user,
                "text": text,
                "ts": "1795000000.000003",
            }
        )

    def mention(
        self, text: str, *, user: str = WALKER, channel: str = BOARD_CHANNEL
    ) -> BoltResponse:
        return self.event(
            {
                "type": "app_mention",
                "channel": channel,
                "user": user,
                "text": f"<@UBOARDCLERK> {text}",
                "ts": "1795000000.000002",
            }
        )

    def click(
        self,
        button: dict[str, Any],
        *,
        user: str = WALKER,
        channel: str = "D" + WALKER,
        ephemeral: bool = False,
        trigger_id: str | None = None,
    ) -> BoltResponse:
        payload = {
            "type": "block_actions",
            "team": {"id": "T0COUNCIL"},
            "user": {"id": user, "name": user.lower()},
            "api_app_id": "A0BOARDCLERK",
            "trigger_id": trigger_id or self._next("trigger."),
            "response_url": self.fake.response_url(self._next("click")),
            "channel": {
                "id": channel,
                "name": "directmessage" if channel.startswith("D") else "board",
            },
            "container": {
                "type": "message",
                "channel_id": channel,
                "is_ephemeral": ephemeral,
                "message_ts": "1795000000.000100",
            },
            "actions": [
                {
                    "type": "button",
                    "action_id": button["action_id"],
                    "block_id": "buttons-0",
                    "value": button["value"],
                    "action_ts": "1795000001.000000",
                }
            ],
        }
        return self.dispatch(
            urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"
        )


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack()
    fake.add_user(CLERK, "Clerk@Council.example.gov.uk", "Jane Clerk")
    fake.add_user(WALKER, "j.walker@council.example.gov.uk", "Jim Walker")
    fake.add_user(STRANGER, "someone@example.com", "J A Walker")
    fake.start()
    yield fake
    fake.stop()


@dataclass(frozen=True)
class Seeded:
    board_id: int
    clerk_id: int
    walker_id: int
    meeting_id: int
    action_id: int


def seed(db: Database) -> Seeded:
    """A board with a clerk and a member, last month's minutes and next week's meeting."""
    with transaction(db.factory) as session:
        board = Board(name="Corporate Parenting Board", short_name="CPB", aliases=["cpb"])
        clerk = Member(
            name="Jane Clerk", match_key="jane clerk", email="clerk@council.example.gov.uk"
        )
        walker = Member(
            name="Councillor J A Walker",
            match_key="j a walker",
            email="j.walker@council.example.gov.uk",
        )
        session.add_all([board, clerk, walker])
        session.add_all(
            [
                BoardRole(board=board, member=clerk, role=Role.CLERK),
                BoardRole(board=board, member=walker, role=Role.MEMBER),
            ]
        )
        past = Meeting(
            board=board,
            date=dt.date(2026, 10, 21),
            starts_at=dt.datetime(2026, 10, 21, 14, 0, tzinfo=dt.UTC),
            venue="Committee Room 1, Civic Centre",
            status=MeetingStatus.HELD,
            minutes_status=MinutesStatus.CONFIRMED,
        )
        item = AgendaItem(meeting=past, position=1, number="5", title="Foster Carer Recruitment")
        item.decisions.append(
            Decision(
                text="That the foster carer recruitment campaign be extended to March 2027.",
                kind=DecisionKind.RESOLVED,
            )
        )
        upcoming = Meeting(
            board=board,
            date=dt.date(2026, 12, 2),
            starts_at=dt.datetime(2026, 12, 2, 15, 0, tzinfo=dt.UTC),
            venue="Committee Room 2, Civic Centre",
        )
        upcoming.items.append(AgendaItem(position=1, number="1", title="Apologies for Absence"))
        upcoming.items.append(AgendaItem(position=2, number="2", title="Care Leavers' Local Offer"))
        action = Action(
            board=board,
            meeting=past,
            item=item,
            text="Circulate the Local Offer consultation to all councillors",
            owner=walker,
            due=dt.date(2026, 12, 1),
        )
        # The clerk was linked by hand (``boardclerk member link``); Walker will match by email.
        session.add(ChatIdentity(member=clerk, platform="slack", user_id=CLERK))
        session.add_all([past, upcoming, action])
        session.flush()
        return Seeded(board.id, clerk.id, walker.id, upcoming.id, action.id)


def walkers_apologies(slack: Slack, seeded: Seeded) -> list[Attendance]:
    """Walker's apologies rows for next week's meeting."""
    with slack.db.factory() as session:
        return list(
            session.scalars(
                select(Attendance).where(
                    Attendance.meeting_id == seeded.meeting_id,
                    Attendance.member_id == seeded.walker_id,
                    Attendance.status == AttendanceStatus.APOLOGIES,
                )
            )
        )


@pytest.fixture
def seeded(sqlite_db: Database) -> Seeded:
    return seed(sqlite_db)


@pytest.fixture
def slack(fake_slack: FakeSlack, sqlite_db: Database, seeded: Seeded) -> Slack:
    settings = slack_settings(fake_slack, sqlite_db.url)
    app = build_app(
        settings,
        sqlite_db.factory,
        Pipeline(sqlite_db.factory),
        clock=lambda: NOW,
        listener_executor=SynchronousExecutor(),
    )
    return Slack(app, fake_slack, sqlite_db)
