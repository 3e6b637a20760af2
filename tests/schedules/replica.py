"""One reminder replica as its own process: ``boardclerk run``'s scheduler and Slack notifier.

    python -m tests.schedules.replica SECONDS_BETWEEN_TICKS

Settings come from the environment exactly as ``boardclerk run`` reads them
(database, Slack token and API URL, reminder offsets and lease). Each tick's
report is printed as one JSON line, so a test can follow the process without
sleeping. It runs until killed.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import threading

from bot.cli.reminder_cmds import reminder_config
from bot.settings import Settings
from bot.slack.app import build_client, secret
from bot.slack.notifier import SlackNotifier
from bot.slack.workspaces import Workspaces
from schedules.dispatch import TickReport
from schedules.scheduler import ReminderService
from storage.db import open_database


def report(tick: TickReport) -> None:
    print(json.dumps({"sent": tick.sent, "retried": tick.retried, "taken": tick.taken}), flush=True)


def main(seconds: float) -> None:
    settings = Settings()
    factory = open_database(settings.database_url)
    client = build_client(settings, secret(settings.slack_bot_token))
    service = ReminderService(
        factory,
        SlackNotifier(factory, Workspaces(client)),
        reminder_config(settings),
        interval=dt.timedelta(seconds=seconds),
        on_tick=report,
    )
    service.start()
    threading.Event().wait()


if __name__ == "__main__":
    main(float(sys.argv[1]))
