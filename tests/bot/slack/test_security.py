"""Only Slack may talk to Board Clerk: requests are checked against the signing secret."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

from slack_bolt import BoltRequest
from sqlalchemy import func, select

from storage.models import ChatIdentity, ProcessedEvent
from tests.bot.slack.conftest import WALKER, Headers, Slack, sign


def _command_body(slack: Slack) -> str:
    return urlencode(
        {
            "command": "/next-meeting",
            "text": "",
            "user_id": WALKER,
            "channel_id": "D" + WALKER,
            "response_url": slack.fake.response_url("x"),
            "trigger_id": "t.1",
        }
    )


def _nothing_happened(slack: Slack) -> None:
    assert slack.fake.replies() == []
    assert slack.fake.called("users.info") == []
    with slack.db.factory() as session:
        assert session.scalar(select(func.count()).select_from(ProcessedEvent)) == 0
        assert session.scalar(select(func.count()).select_from(ChatIdentity)) == 1  # the clerk's


def test_a_request_signed_with_another_secret_is_refused_with_401(slack: Slack) -> None:
    body = _command_body(slack)
    headers: Headers = {
        "content-type": "application/x-www-form-urlencoded",
        **sign(body, secret="wrong"),
    }

    response = slack.app.dispatch(BoltRequest(body=body, headers=headers))

    assert response.status == 401
    _nothing_happened(slack)


def test_an_unsigned_request_is_refused_with_401(slack: Slack) -> None:
    body = _command_body(slack)

    response = slack.app.dispatch(
        BoltRequest(body=body, headers={"content-type": ["application/x-www-form-urlencoded"]})
    )

    assert response.status == 401
    _nothing_happened(slack)


def test_a_stale_request_is_refused_with_401_even_when_correctly_signed(slack: Slack) -> None:
    body = json.dumps(
        {"type": "event_callback", "event_id": "Ev1", "event": {"type": "app_mention"}}
    )
    ten_minutes_ago = int(time.time()) - 600
    headers: Headers = {"content-type": "application/json", **sign(body, timestamp=ten_minutes_ago)}

    response = slack.app.dispatch(BoltRequest(body=body, headers=headers))

    assert response.status == 401
    _nothing_happened(slack)


def test_a_tampered_body_is_refused(slack: Slack) -> None:
    body = _command_body(slack)
    headers: Headers = {"content-type": "application/x-www-form-urlencoded", **sign(body)}

    response = slack.app.dispatch(
        BoltRequest(body=body.replace("next-meeting", "done"), headers=headers)
    )

    assert response.status == 401
    _nothing_happened(slack)
