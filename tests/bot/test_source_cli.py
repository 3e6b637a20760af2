"""``boardclerk source …``, ``sync``, ``import URL`` and ``board link-channel`` at a terminal."""

from __future__ import annotations

import json
import re

import pytest

from tests.bot.cli_runner import Boardclerk
from tests.ingest.moderngov.council import TITLE
from tests.ingest.moderngov.fake_moderngov import FakeModernGov


@pytest.fixture(autouse=True)
def _no_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    """No pause between requests and no retries, so the site's failures show at once."""
    monkeypatch.setenv("BOARDCLERK_SYNC_REQUESTS_PER_SECOND", "0")
    monkeypatch.setenv("BOARDCLERK_SYNC_RETRIES", "0")


@pytest.fixture
def cli(boardclerk_sqlite: Boardclerk, site: FakeModernGov) -> Boardclerk:
    return boardclerk_sqlite


def test_committees_are_listed_with_expired_and_deleted_marked(
    cli: Boardclerk, site: FakeModernGov
) -> None:
    shown = cli.ok("source", "committees", site.url).stdout

    assert TITLE in shown
    assert "Joint Waste Panel" in shown and "expired" in shown
    assert "deleted" in shown
    as_json = [
        json.loads(line)
        for line in cli.ok("source", "committees", site.url, "--json").stdout.splitlines()
    ]
    assert as_json[0] == {
        "id": "133",
        "title": TITLE,
        "category": "Scrutiny",
        "expired": False,
        "deleted": False,
    }


def test_three_commands_follow_a_committee_and_sync_it(
    boardclerk: Boardclerk, site: FakeModernGov
) -> None:
    added = boardclerk.ok("source", "add", "moderngov", f"{site.url}/", "--committee", "133")
    assert f"added source 1: {TITLE}" in added.stdout
    assert f"into board {TITLE}" in added.stdout

    synced = boardclerk.ok("sync")

    assert "4 meetings: 4 new, 0 updated, 0 unchanged, 0 failed" in synced.stdout
    # Each stored document: the share of its content lines placed.
    stored = [line for line in synced.stdout.splitlines() if line.startswith("  meeting ")]
    assert stored and all(re.search(r"(agenda|minutes), [\d.]+% placed$", s) for s in stored)
    again = json.loads(
        boardclerk.ok("sync", "--json", "--source", "1", "--since", "2026-01-01").stdout
    )
    assert again["ok"] and {m["outcome"] for m in again["meetings"]} == {"unchanged"}
    listed = boardclerk.ok("source", "list").stdout
    assert TITLE in listed and "never" not in listed
    assert "Fostering Recruitment Update" in boardclerk.ok("meeting", "show", "1").stdout + (
        boardclerk.ok("meeting", "show", "2").stdout
    )


def test_adding_a_committee_the_site_does_not_have_is_refused(
    cli: Boardclerk, site: FakeModernGov
) -> None:
    outcome = cli("source", "add", "moderngov", site.url, "--committee", "999")
    assert outcome.exit_code == 2
    assert outcome.stderr.strip() == (
        "error: the site has no committee 999 (see `boardclerk source committees`)"
    )
    assert cli("source", "add", "legistar", site.url, "-c", "133").exit_code == 2
    assert cli("source", "add", "moderngov", "democracy.example", "-c", "133").exit_code == 2
    assert "never" not in cli.ok("source", "list").stdout


def test_a_failing_meeting_is_named_and_the_exit_status_is_one(
    cli: Boardclerk, site: FakeModernGov
) -> None:
    cli.ok("board", "add", "Scrutiny")
    added = cli.ok("source", "add", "moderngov", site.url, "-c", "133", "--board", "Scrutiny")
    assert "into board Scrutiny" in added.stdout
    site.broken[4004] = "html500"

    outcome = cli("sync")

    assert outcome.exit_code == 1
    assert "3 new" in outcome.stdout and "1 failed" in outcome.stdout
    assert "error: source 1: meeting 4004 (2026-07-15):" in outcome.stderr
    assert "HTTP 500" in outcome.stderr
    assert "4004" in cli.ok("source", "list").stdout  # failing, to be tried again
    site.broken.clear()
    cli.ok("sync")
    assert "4004" not in cli.ok("source", "list").stdout


def test_a_site_with_its_web_service_off_says_so_and_syncs_from_its_pages(
    cli: Boardclerk, site: FakeModernGov
) -> None:
    site.service_off = True
    refused = cli("source", "committees", site.url)
    assert refused.exit_code == 2 and "switched off" in refused.stderr

    cli.ok("source", "add", "moderngov", site.url, "-c", "133", "--board", "Scrutiny")
    outcome = cli.ok("sync")

    assert "public pages" in outcome.stdout
    assert outcome.stderr.count("switched off") == 1


def test_removing_a_source_keeps_what_it_imported(cli: Boardclerk, site: FakeModernGov) -> None:
    cli.ok("source", "add", "moderngov", site.url, "-c", "133")
    cli.ok("sync")

    assert cli.ok("source", "remove", "1").stdout.strip() == f"removed source 1: {TITLE}"
    assert (
        "Fostering" in cli.ok("meeting", "show", "1").stdout + cli.ok("meeting", "show", "2").stdout
    )
    assert cli("source", "remove", "1").exit_code == 2


def test_import_fetches_a_public_page_and_imports_it(cli: Boardclerk, site: FakeModernGov) -> None:
    url = f"{site.url}/ieListDocuments.aspx?CId=133&MId=4001&Ver=4"

    outcome = cli.ok("import", "--board", "Scrutiny", url)

    assert outcome.stdout.startswith(f"{url}: Scrutiny, 2026-03-11 (minutes): 3 items")
    assert "unchanged" in cli.ok("import", "--board", "Scrutiny", url).stdout
    missing = cli("import", f"{site.url}/ieListDocuments.aspx?CId=133&MId=1")
    assert missing.exit_code == 1


def test_channels_are_linked_and_unlinked_from_the_command_line(
    boardclerk_sqlite: Boardclerk,
) -> None:
    boardclerk_sqlite.ok("board", "add", "Scrutiny")

    linked = boardclerk_sqlite.ok("board", "link-channel", "Scrutiny", "--slack", "C0SCRUTINY")
    assert linked.stdout.strip() == "slack channel C0SCRUTINY linked to Scrutiny"
    assert (
        "already linked"
        in boardclerk_sqlite.ok("board", "link-channel", "Scrutiny", "--slack", "C0SCRUTINY").stdout
    )
    both = boardclerk_sqlite("board", "link-channel", "Scrutiny", "--slack", "C1", "--discord", "2")
    assert both.exit_code == 2
    unlinked = boardclerk_sqlite.ok("board", "unlink-channel", "--slack", "C0SCRUTINY")
    assert unlinked.stdout.strip() == "slack channel C0SCRUTINY unlinked from Scrutiny"
    assert boardclerk_sqlite("board", "unlink-channel", "--slack", "C0SCRUTINY").exit_code == 2
