"""``boardclerk run`` as a real process: serves with no chat platform and stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.bot.cli_runner import Boardclerk
from tests.bot.run_process import KEEP, running
from tests.conftest import REPO, Database


def test_run_without_chat_tokens_serves_feeds_and_health_then_stops_on_sigterm(
    boardclerk_sqlite: Boardclerk, sqlite_db: Database, tmp_path: Path
) -> None:
    boardclerk_sqlite.ok("board", "add", "Corporate Parenting Board", "--short-name", "CPB")
    boardclerk_sqlite.ok("meeting", "add", "CPB", "2026-12-02T15:00")
    with running(sqlite_db.url, tmp_path) as bot:
        assert "(no chat platform)" in bot.banner
        with urllib.request.urlopen(f"{bot.base_url}/healthz", timeout=10) as health:
            assert json.load(health)["status"] == "ok"
        with urllib.request.urlopen(
            f"{bot.base_url}/calendar/corporate-parenting-board.ics", timeout=10
        ) as feed:
            assert b"BEGIN:VEVENT" in feed.read()

        out, err = bot.stop()

    assert bot.process.returncode == 0, err
    assert out.strip() == "Board Clerk stopped."
    assert "Traceback" not in err


def test_slack_settings_that_cannot_work_are_one_line_and_exit_code_2(
    boardclerk_sqlite: Boardclerk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test-token")
    for name in ("SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "DISCORD_TOKEN"):
        monkeypatch.delenv(name, raising=False)

    outcome = boardclerk_sqlite("run", "--port", "0")

    assert outcome.exit_code == 2
    assert outcome.stderr.strip() == (
        "error: Slack HTTP mode needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)"
    )


@pytest.mark.parametrize(
    ("setting", "value", "reason"),
    [
        ("BOARDCLERK_SYNC_INTERVAL", "30", "no unit: give a unit: 30s, 15m, 6h or 30d"),
        ("BOARDCLERK_REASON_RETENTION", "a month", "not a duration: use 30s, 15m, 6h or 30d"),
        ("BOARDCLERK_CALENDAR_CACHE_SECONDS", "60", "no unit: give a unit: 30s, 15m, 6h or 30d"),
    ],
)
def test_a_bad_duration_stops_run_at_start_with_one_line_naming_it(
    sqlite_db: Database, tmp_path: Path, setting: str, value: str, reason: str
) -> None:
    environment = {name: os.environ[name] for name in KEEP if name in os.environ}
    environment |= {"BOARDCLERK_DATABASE_URL": sqlite_db.url, "PYTHONPATH": str(REPO)}
    environment[setting] = value

    done = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--port", "0", "--host", "127.0.0.1"],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"error: {setting}={value!r}: {reason}\n"
