"""``deploy/boardclerk.service``: a valid unit that runs as a non-root user, restarts on
failure, reads secrets from an environment file and upgrades the database before starting."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

UNIT = Path(__file__).resolve().parents[2] / "deploy" / "boardclerk.service"
INSTALLED = "/opt/boardclerk/.venv/bin/boardclerk"


def _service() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(UNIT.read_text())
    return parser["Service"]


def test_the_unit_runs_unprivileged_restarts_on_failure_and_keeps_secrets_in_a_file() -> None:
    service = _service()

    assert service["User"] not in ("", "root")
    assert service["Restart"] == "on-failure"
    assert service["EnvironmentFile"].startswith("/etc/boardclerk/")
    assert service["ExecStartPre"] == f"{INSTALLED} db upgrade"
    assert service["ExecStart"].startswith(f"{INSTALLED} run")
    assert service["KillSignal"] == "SIGTERM"


def test_systemd_analyze_verify_accepts_the_unit(tmp_path: Path) -> None:
    tool = shutil.which("systemd-analyze")
    if tool is None:
        pytest.skip("systemd-analyze is not installed here")
    # verify insists the executables exist: point them at this checkout's boardclerk.
    local = Path(sys.executable).with_name("boardclerk")
    unit = tmp_path / "boardclerk.service"
    unit.write_text(UNIT.read_text().replace(INSTALLED, str(local)))

    result = subprocess.run(
        [tool, "verify", str(unit)], capture_output=True, text=True, timeout=60, check=False
    )

    assert result.returncode == 0, result.stderr
    assert "boardclerk.service" not in result.stderr, result.stderr
