"""The app's registry of commands: complete, in --help's order, and loaded only when used."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.cli.app import COMMANDS, load
from tests.bot.cli_runner import Boardclerk
from tests.conftest import REPO


def _modules() -> tuple[str, ...]:
    return tuple(sorted({module for modules in COMMANDS.values() for module in modules}))


def test_every_module_with_commands_is_in_the_registry() -> None:
    defining = {
        path.stem
        for path in (REPO / "bot" / "cli").glob("*.py")
        if "\ndef register(" in path.read_text(encoding="utf-8")
    }

    assert set(_modules()) == defining


def test_the_registry_names_exactly_the_commands_its_modules_define() -> None:
    assert sorted(load(_modules())) == sorted(COMMANDS)


def test_help_lists_every_command_in_the_registry_order(
    boardclerk_sqlite: Boardclerk,
) -> None:
    # A command's row starts with its name; its help's further lines start with spaces.
    rows = boardclerk_sqlite.ok("--help").stdout.split("Commands")[1].splitlines()
    listed = [row.split()[1] for row in rows if row.startswith("│ ") and row[2] != " "]

    assert listed == list(COMMANDS)


def test_a_typo_still_suggests_the_command(boardclerk_sqlite: Boardclerk) -> None:
    outcome = boardclerk_sqlite("imprt", "minutes.txt")

    assert outcome.exit_code == 2
    assert "Did you mean 'import'?" in outcome.stderr


def test_import_loads_neither_other_commands_nor_their_libraries(tmp_path: Path) -> None:
    # A fresh interpreter: this one has imported every command already.
    code = (
        "import sys\n"
        "from bot.cli.app import app\n"
        "app(['import', '--help'], standalone_mode=False)\n"
        "print(sorted(m for m in sys.modules if m.startswith('bot.cli.')))\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'aiohttp', 'httpx', 'slack_bolt'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )

    cli_modules, libraries = done.stdout.splitlines()[-2:]
    assert cli_modules == "['bot.cli.app', 'bot.cli.common', 'bot.cli.import_cmd']"
    assert libraries == "[]"


def test_boardclerk_imports_a_file_into_a_new_database_and_again(tmp_path: Path) -> None:
    # ``python -m bot`` as a clerk runs it: one command a process (``main``).
    minutes = REPO / "examples" / "northmoor-cpb-2026-03-11-minutes.txt"
    env = {**os.environ, "BOARDCLERK_DATABASE_URL": f"sqlite:///{tmp_path / 'new.db'}"}
    runs = [
        subprocess.run(
            [sys.executable, "-m", "bot", "import", str(minutes)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        for _ in range(2)
    ]

    assert "items" in runs[0].stdout and "decisions" in runs[0].stdout
    assert runs[1].stdout.strip() == f"{minutes}: unchanged (already imported)"
