"""``boardclerk run`` as a real process on a free port, for tests that need the whole thing."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# The clock goes through too: TZ, and libfaketime's variables when the tests run under it
# (.ci/run), or the bot would live a year or two away from the test that started it.
KEEP = (
    "PATH",
    "HOME",
    "LANG",
    "SYSTEMROOT",
    "PYTHONPATH",
    "TZ",
    "LD_PRELOAD",
    "FAKETIME",
    "FAKETIME_SHARED",
    "FAKETIME_DONT_FAKE_MONOTONIC",
)


@dataclass
class RunningBot:
    process: subprocess.Popen[str]
    base_url: str
    banner: str

    def stop(self) -> tuple[str, str]:
        """SIGTERM, as systemd sends it; returns what it printed after the banner."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.communicate(timeout=30)


@contextmanager
def running(database_url: str, cwd: Path, **env: str) -> Iterator[RunningBot]:
    """Start ``python -m bot run`` with only ``env`` set (and no .env file in ``cwd``)."""
    environment = {name: os.environ[name] for name in KEEP if name in os.environ}
    environment |= {"BOARDCLERK_DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1", **env}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--port", "0", "--host", "127.0.0.1"],
        env=environment,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+) ", banner)
        assert found, banner
        yield RunningBot(process, f"http://127.0.0.1:{found.group(1)}", banner)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
