"""The seeds, imported with ``boardclerk import`` and read back through ``export --json``,
say what ../shared/seeds/expected.json says: the canonical machine view is complete."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.bot.cli_runner import Boardclerk

SEEDS = ("000_92721f12646d5d83.txt", "003_dd52646ca0c8b0f6.txt")


def fold(value: str | None) -> str | None:
    return None if value is None else " ".join(value.split()).casefold()


def _held(export: dict[str, Any], starts_at: str) -> dict[str, Any]:
    [meeting] = [m for m in export["meetings"] if m["starts_at"].startswith(starts_at)]
    return meeting


@pytest.mark.parametrize("name", SEEDS)
def test_seed_round_trips_through_the_export(
    boardclerk_sqlite: Boardclerk, seeds: Path, name: str
) -> None:
    want = json.loads((seeds / "expected.json").read_text())[name]
    boardclerk_sqlite.ok("import", str(seeds / name))
    export = boardclerk_sqlite.ok("export", "--json").json()

    meeting = _held(export, want["starts_at"])
    assert fold(meeting["board"]) == fold(want["board"])
    assert meeting["venue"] == want["venue"]
    assert [fold(i["title"]) for i in meeting["items"]] == [fold(i["title"]) for i in want["items"]]
    assert [i["number"] for i in meeting["items"]] == [i["number"] for i in want["items"]]
    for got, expected in zip(meeting["items"], want["items"], strict=True):
        if expected["decision"] is None:
            assert got["decision"] is None, got["title"]
        else:
            assert fold(expected["decision"]) in fold(got["decision"]), got["title"]
        assert got["truncated"] == expected.get("truncated", False)
        if "presenters" in expected:
            assert [fold(p) for p in got["presenters"]] == [fold(p) for p in expected["presenters"]]

    by_status: dict[str, list[str | None]] = {}
    for row in meeting["attendance"]:
        by_status.setdefault(row["status"], []).append(fold(row["name"]))
    assert by_status.get("present", []) == [fold(n) for n in want["present"] or []]
    assert by_status.get("apologies", []) == [fold(n) for n in want["apologies"] or []]

    actions = [(a["item_number"] or fold(a["item_title"]), a["due"]) for a in export["actions"]]
    assert actions == [
        (a["item"] if "/" in a["item"] else fold(a["item"]), a["due"]) for a in want["actions"]
    ]
    if want["next_meeting"]:
        assert any(m["starts_at"].startswith(want["next_meeting"]) for m in export["meetings"])
