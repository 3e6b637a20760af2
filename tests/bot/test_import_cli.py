"""``boardclerk import``: per-file summaries, failures that change nothing, idempotence."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.bot.cli_runner import Boardclerk
from tests.conftest import REPO
from tests.ingest.pack_pdf import pack_pdf
from tests.ingest.pdfmaker import make_pdf

EXAMPLES = REPO / "examples"


def test_importing_the_examples_reports_each_file_and_fills_the_export(
    boardclerk: Boardclerk,
) -> None:
    outcome = boardclerk.ok("import", str(EXAMPLES))

    # One line per file, with what it could not place on indented lines below it.
    lines = [line for line in outcome.stdout.strip().splitlines() if not line.startswith(" ")]
    assert len(lines) == len([p for p in EXAMPLES.iterdir() if p.is_file()])
    assert all("Corporate Parenting Board" in line for line in lines)
    assert all(line.endswith("% placed") for line in lines)
    exported = boardclerk.ok("export", "--json").json()
    assert len(exported["meetings"]) >= len(lines)
    assert exported["actions"], "the examples' follow-ups become actions"


def test_a_second_import_changes_nothing(boardclerk: Boardclerk) -> None:
    boardclerk.ok("import", str(EXAMPLES))
    before = boardclerk.ok("export", "--json").stdout

    again = boardclerk.ok("import", "--json", str(EXAMPLES))

    assert all(json.loads(line)["unchanged"] for line in again.stdout.splitlines())
    assert boardclerk.ok("export", "--json").stdout == before


def test_a_bad_file_is_one_line_and_the_good_ones_are_still_imported(
    boardclerk: Boardclerk, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    good = sorted(EXAMPLES.glob("*-minutes.txt"))[0]

    outcome = boardclerk("import", str(empty), str(good))

    assert outcome.exit_code == 1
    [error] = outcome.stderr.strip().splitlines()
    assert error.startswith(f"error: {empty}: failed:")
    assert str(good) in outcome.stdout
    assert len(boardclerk.ok("export", "--json").json()["meetings"]) >= 1


def test_json_summaries_name_board_date_and_counts(boardclerk: Boardclerk) -> None:
    agenda = sorted(EXAMPLES.glob("*-agenda.txt"))[0]
    [summary] = [
        json.loads(line)
        for line in boardclerk.ok("import", "--json", str(agenda)).stdout.splitlines()
    ]
    assert summary["board"] == "Corporate Parenting Board"
    assert summary["kind"] == "agenda"
    assert summary["items"] > 0 and summary["decisions"] == 0
    assert summary["error"] is None


def test_nothing_importable_is_an_error(boardclerk: Boardclerk, tmp_path: Path) -> None:
    outcome = boardclerk("import", str(tmp_path))
    assert outcome.exit_code == 1
    assert "no importable documents" in outcome.stderr


def test_an_agenda_pack_is_imported_with_each_items_papers(
    boardclerk: Boardclerk, tmp_path: Path
) -> None:
    pack = tmp_path / "cpb-pack.pdf"
    pack.write_bytes(pack_pdf())

    outcome = boardclerk.ok("import", "--pack", str(pack), "--url", "https://example.gov.uk/p.pdf")

    assert "Corporate Parenting Board, 2026-12-09 (agenda)" in outcome.stdout
    assert "papers: 3 items, 5 pages (split by contents)" in outcome.stdout
    again = boardclerk.ok("import", "--pack", "--json", str(pack))
    assert json.loads(again.stdout)["unchanged"]


def test_a_pack_that_cannot_be_split_is_one_line_and_url_needs_pack(
    boardclerk: Boardclerk, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(make_pdf(["Some notes.", "More notes."]))

    failed = boardclerk("import", "--pack", str(notes))
    misplaced = boardclerk("import", "--url", "https://example.gov.uk/p.pdf", str(notes))

    assert failed.exit_code == 1 and "no items found in the pack" in failed.stderr
    assert len(failed.stderr.strip().splitlines()) == 1
    assert misplaced.exit_code == 2 and "--url goes with --pack" in misplaced.stderr


def test_a_folder_s_parsers_fork_before_the_database_code_loads() -> None:
    """Start-up is most of a small import: the parsing processes start without waiting
    for SQLAlchemy, the models or the settings, which the storing side loads after."""
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, bot.cli.import_cmd, ingest.runner; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'pydantic'}))",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.strip() == "[]"
