"""``boardclerk run`` with TEAMS_ALLOW_ANONYMOUS=1, as a real process, against a fake connector.

The member has talked to Board Clerk in Teams before (their conversation
reference is in the database), and the meeting is two hours away: the first
reminder tick sends the reminder into their chat proactively, while the same
process answers a question, records an apology and undoes it from its card.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from storage.db import transaction
from storage.models import Attendance, AttendanceStatus, ConversationReference
from tests.bot.cli_runner import Boardclerk
from tests.bot.run_process import running
from tests.bot.teams.fake_connector import FakeConnector, Posted, connector_in_thread
from tests.conftest import Database

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run

WALKER = "aad-walker"
CONVERSATION = f"a:personal-{WALKER}"


def activity(connector_url: str, number: int, **fields: Any) -> dict[str, Any]:
    return {
        "type": "message",
        "id": f"activity-{number}",
        "channelId": "msteams",
        "serviceUrl": connector_url,
        "from": {"id": f"29:{WALKER}", "name": "Jo Walker", "aadObjectId": WALKER},
        "recipient": {"id": "28:bot", "name": "Board Clerk"},
        "conversation": {"id": CONVERSATION, "conversationType": "personal"},
        **fields,
    }


def post(base: str, body: dict[str, Any]) -> int:
    request = urllib.request.Request(
        f"{base}/api/messages",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(response.status)


def wait_for(connector: FakeConnector, found: Callable[[Posted], bool]) -> Posted:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for posted in list(connector.posted):
            if posted.activity.get("attachments") and found(posted):
                return posted
        time.sleep(0.1)
    raise AssertionError(f"nothing matching arrived; got {connector.posted}")


def test_run_answers_records_and_undoes_an_apology_and_sends_a_reminder_in_teams(
    boardclerk_sqlite: Boardclerk, sqlite_db: Database, tmp_path: Path
) -> None:
    connector = FakeConnector()
    with connector_in_thread(connector) as connector_url:
        start = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1, minutes=58)).astimezone()
        boardclerk_sqlite.ok("board", "add", "Corporate Parenting Board", "--short-name", "CPB")
        boardclerk_sqlite.ok(
            "member", "add", "Councillor J Walker", "--board", "CPB", "--role", "member"
        )
        boardclerk_sqlite.ok("member", "link", "Councillor J Walker", "--teams", WALKER)
        boardclerk_sqlite.ok("meeting", "add", "CPB", start.strftime("%Y-%m-%dT%H:%M"))
        with transaction(sqlite_db.factory) as session:
            reference = activity(connector_url, 0)
            session.add(
                ConversationReference(
                    platform="teams",
                    kind="user",
                    key=WALKER,
                    reference={
                        "user": reference["from"],
                        "bot": reference["recipient"],
                        "conversation": reference["conversation"],
                        "channelId": "msteams",
                        "serviceUrl": connector_url,
                    },
                )
            )
        teams_env = {
            "TEAMS_ALLOW_ANONYMOUS": "1",
            "BOARDCLERK_REMINDER_OFFSETS": "2h",
            "BOARDCLERK_REMINDER_QUIET_HOURS": "off",
        }
        with running(sqlite_db.url, tmp_path, **teams_env) as bot:
            assert "(teams (anonymous))" in bot.banner
            base = bot.base_url

            reminder = wait_for(connector, lambda p: "meets" in p.card_text())
            assert reminder.conversation_id == CONVERSATION

            assert post(base, activity(connector_url, 1, text="when is the next meeting?")) == 202
            answer = wait_for(connector, lambda p: p.reply_to == "activity-1")
            assert "Corporate Parenting Board" in answer.card_text()

            assert post(base, activity(connector_url, 2, text="apologies for the next meeting"))
            recorded = wait_for(connector, lambda p: p.reply_to == "activity-2")
            [undo] = [a for a in recorded.card["actions"] if a["title"] == "Undo"]
            with transaction(sqlite_db.factory) as session:
                status = session.scalars(select(Attendance.status)).one()
                assert status == AttendanceStatus.APOLOGIES

            assert post(base, activity(connector_url, 3, value=undo["data"])) == 202
            wait_for(connector, lambda p: p.reply_to == "activity-3")
            with transaction(sqlite_db.factory) as session:
                assert session.scalars(select(Attendance)).all() == []

            _, err = bot.stop()

    assert bot.process.returncode == 0, err
    assert "TEAMS_ALLOW_ANONYMOUS=1" in err  # the warning at start
    assert "Traceback" not in err
