"""``boardclerk attendance`` and ``member absence-approved``: the clerk's view of the record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.bot.cli_runner import Boardclerk
from tests.conftest import Database
from tests.storage.attendance_series import Minuted, import_series

SERIES = [
    Minuted(dt.date(2026, 1, 13), ["M Carr", "J A Walker", "B Okafor"]),
    Minuted(
        dt.date(2026, 2, 10),
        ["M Carr", "J A Walker"],
        apologies=["B Okafor"],
        substitutes=[("R Hellaoui", "B Okafor")],
    ),
    Minuted(dt.date(2026, 3, 10), ["M Carr", "B Okafor"], apologies=["J A Walker"]),
]


@pytest.fixture
def clerk(boardclerk: Boardclerk, db: Database, tmp_path: Path) -> Boardclerk:
    import_series(db.factory, tmp_path / "minutes", SERIES)
    return boardclerk


def test_json_gives_each_members_figures_and_the_six_month_date(clerk: Boardclerk) -> None:
    data = clerk.ok("attendance", "--board", "Planning Committee", "--json").json()

    by_name = {m["member"]: m for m in data["members"]}
    assert by_name["Councillor B Okafor"]["total"] == {
        "expected": 3,
        "present": 2,
        "apologies": 1,
        "absent_without_apologies": 0,
        "attended_as_substitute": 0,
        "attended": 2,
        "missed": 1,
    }
    hellaoui = by_name["Councillor R Hellaoui"]
    assert hellaoui["total"]["attended_as_substitute"] == 1
    assert (hellaoui["last_attended"], hellaoui["lapse_date"]) == ("2026-02-10", "2026-08-10")
    assert "covers only the boards it follows" in data["note"]


def test_a_member_and_a_period(clerk: Boardclerk) -> None:
    data = clerk.ok(
        "attendance",
        "--member",
        "J A Walker",
        "--since",
        "2026-02-01",
        "--until",
        "2026-03-31",
        "--json",
    ).json()
    assert [
        (m["member"], m["total"]["expected"], m["total"]["missed"]) for m in data["members"]
    ] == [("Councillor J A Walker", 2, 1)]


def test_the_table_names_each_board_and_the_lapse_date(clerk: Boardclerk) -> None:
    shown = clerk.ok("attendance").stdout
    assert "Planning Committee" in shown
    assert "Councillor M Carr: last attended 2026-03-10; six months on: 2026-09-10" in shown


def test_allowed_substitutes_are_listed_by_role(clerk: Boardclerk) -> None:
    listing = clerk.ok("member", "list", "--board", "Planning Committee", "--role", "substitute")
    assert "R Hellaoui" in listing.stdout and "M Carr" not in listing.stdout


def test_an_approved_absence_is_recorded(clerk: Boardclerk) -> None:
    said = clerk.ok(
        "member", "absence-approved", "B Okafor", "--until", "2099-01-31", "--reason", "illness"
    )
    assert said.stdout == "approved absence recorded for Councillor B Okafor until 2099-01-31\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("attendance", "--since", "June"), "invalid --since 'June'"),
        (("attendance", "--since", "2026-05-01", "--until", "2026-04-01"), "--since is after"),
        (("attendance", "--member", "Nobody"), "unknown member 'Nobody'"),
        (("attendance", "--board", "Nowhere"), "unknown board 'Nowhere'"),
        (
            ("member", "absence-approved", "B Okafor", "--until", "2001-01-01", "--reason", "x"),
            "is already past",
        ),
        (
            ("member", "absence-approved", "B Okafor", "--until", "2099-01-01", "--reason", " "),
            "give the reason",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    clerk: Boardclerk, args: tuple[str, ...], message: str
) -> None:
    before = clerk.ok("export", "--json").stdout
    outcome = clerk(*args)
    assert outcome.exit_code == 2
    assert message in outcome.stderr and outcome.stderr.count("\n") == 1
    assert clerk.ok("export", "--json").stdout == before
