"""``boardclerk import`` names what it could not place; ``boardclerk review`` lists it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.bot.cli_runner import Boardclerk
from tests.conftest import REPO

NOTICE = REPO / "tests/ingest/fixtures/agenda-cover-notice-text.txt"
PUBLISHED = "Date of publication: Wednesday, 25 June 2025"
# Two notes the record has no place for (the fixture itself is placed whole).
PASSAGE = "Refreshments will be served in the Zorquib Lounge beforehand."
PARKING = "Parking is available behind the Quibvesh Library."


def _notice(tmp_path: Path) -> Path:
    copy = tmp_path / "notice.txt"
    shutil.copy(NOTICE, copy)
    copy.write_text(copy.read_text().replace(PUBLISHED, f"{PASSAGE}\n\n{PARKING}"))
    return copy


def test_import_prints_the_share_placed_and_names_each_unplaced_passage(
    boardclerk: Boardclerk, tmp_path: Path
) -> None:
    outcome = boardclerk.ok("import", str(_notice(tmp_path)))

    first, *rest = outcome.stdout.splitlines()
    assert first.endswith("(agenda): 6 items, 0 decisions, 0 actions, 0 attendance, 81.8% placed")
    assert f"  not placed: {PASSAGE}" in rest


def test_review_lists_unplaced_passages_and_low_coverage(
    boardclerk: Boardclerk, tmp_path: Path
) -> None:
    boardclerk.ok("import", str(_notice(tmp_path)))

    lines = boardclerk.ok("review").stdout.splitlines()
    assert f"Fostering and Adoption Panel, 2025-07-03: unplaced: agenda: {PASSAGE}" in lines
    assert any("low coverage: agenda" in line and "81.8%" in line for line in lines)
    rows = [
        json.loads(line)
        for line in boardclerk.ok("review", "--json", "-b", "Fostering and Adoption Panel")
        .stdout.strip()
        .splitlines()
    ]
    assert any(
        {"kind": "unplaced", "detail": f"agenda: {PASSAGE}"}.items() <= r.items() for r in rows
    )
    assert all(row["board"] == "Fostering and Adoption Panel" for row in rows)


def test_a_newer_version_replaces_the_passages_of_the_earlier_one(
    boardclerk: Boardclerk, tmp_path: Path
) -> None:
    notice = _notice(tmp_path)
    boardclerk.ok("import", str(notice))
    notice.write_text(notice.read_text().replace("Zorquib Lounge", "Drav Lounge"))

    boardclerk.ok("import", str(notice))

    listed = boardclerk.ok("review").stdout
    assert "Zorquib" not in listed
    assert "unplaced: agenda: Refreshments will be served in the Drav Lounge beforehand." in listed


def test_review_of_a_board_nobody_knows_is_one_line_and_exit_2(boardclerk: Boardclerk) -> None:
    outcome = boardclerk("review", "--board", "Nowhere Panel")

    assert outcome.exit_code == 2
    assert outcome.stderr.strip() == "error: no board called 'Nowhere Panel'"


def test_an_empty_review_says_so(boardclerk: Boardclerk) -> None:
    assert boardclerk.ok("review").stdout.strip() == "nothing to review: every passage was placed"
