"""Runs ``boardclerk`` in process against a test database, as a clerk would at a terminal."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.cli.app import app


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


class Boardclerk:
    def __init__(self, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("BOARDCLERK_DATABASE_URL", url)
        monkeypatch.setenv("BOARDCLERK_TIMEZONE", "Europe/London")
        monkeypatch.setenv("COLUMNS", "200")
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None) -> Outcome:
        result = self.runner.invoke(app, list(args), input=input)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Outcome(result.exit_code, result.stdout, result.stderr)

    def ok(self, *args: str, input: str | None = None) -> Outcome:
        outcome = self(*args, input=input)
        assert outcome.exit_code == 0, outcome.stderr or outcome.stdout
        return outcome
