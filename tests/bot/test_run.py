"""``boardclerk run`` as a real process: serves with no chat platform and stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.bot.cli_runner import Boardclerk
from tests.conftest import Database


def test_run_without_chat_tokens_serves_feeds_and_health_then_stops_on_sigterm(
    boardclerk_sqlite: Boardclerk, sqlite_db: Database, tmp_path: Path
) -> None:
    boardclerk_sqlite.ok("board", "add", "Corporate Parenting Board", "--short-name", "CPB")
    boardclerk_sqlite.ok("meeting", "add", "CPB", "2026-12-02T15:00")
    keep = ("PATH", "HOME", "LANG", "SYSTEMROOT")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env |= {"BOARDCLERK_DATABASE_URL": sqlite_db.url, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--port", "0", "--host", "127.0.0.1"],
        env=env,
        cwd=tmp_path,  # no .env file here
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+) \(no chat platform\)", banner)
        assert found, banner
        base = f"http://127.0.0.1:{found.group(1)}"
        with urllib.request.urlopen(f"{base}/healthz", timeout=10) as health:
            assert json.load(health)["status"] == "ok"
        with urllib.request.urlopen(
            f"{base}/calendar/corporate-parenting-board.ics", timeout=10
        ) as feed:
            assert b"BEGIN:VEVENT" in feed.read()

        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    assert process.returncode == 0, err
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
