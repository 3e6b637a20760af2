"""Members' attendance records read back from imported minutes (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from handlers.attendance.figures import records
from ingest import parse_document
from ingest.runner import import_paths
from storage import attendance_history as attendance
from storage.directory import member_named
from storage.names import match_key
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


def test_each_members_record_counts_substitutes_as_attendance(db: Database, tmp_path: Path) -> None:
    import_series(db.factory, tmp_path, SERIES)

    with db.factory() as session:
        found = {r.name: r for r in records(attendance.attendance_lines(session))}

    okafor, hellaoui = found["Councillor B Okafor"], found["Councillor R Hellaoui"]
    assert (okafor.total.expected, okafor.total.present, okafor.total.apologies) == (3, 2, 1)
    assert (hellaoui.total.expected, hellaoui.total.substitute, hellaoui.total.attended) == (
        0,
        1,
        1,
    )
    assert hellaoui.last_attended == dt.date(2026, 2, 10)
    walker = found["Councillor J A Walker"]
    assert (walker.total.missed, walker.last_attended) == (1, dt.date(2026, 2, 10))
    assert set(walker.boards) == {"Planning Committee"}


def test_the_substitute_is_recorded_against_the_member_they_stood_in_for(
    db: Database, tmp_path: Path
) -> None:
    import_series(db.factory, tmp_path, SERIES)

    with db.factory() as session:
        hellaoui = member_named(session, "R Hellaoui").id
        lines = attendance.attendance_lines(session, member_ids=[hellaoui])

    assert [(line.status.value, line.substitute_for) for line in lines] == [
        ("substitute", "Councillor B Okafor")
    ]


def test_a_period_and_last_attendance(db: Database, tmp_path: Path) -> None:
    import_series(db.factory, tmp_path, SERIES)

    with db.factory() as session:
        march = records(attendance.attendance_lines(session, since=dt.date(2026, 3, 1)))
        last = attendance.last_attended(session, dt.date(2026, 2, 28))
        names = attendance.member_names(session, last)

    assert {r.name: r.total.expected for r in march} == {
        "Councillor B Okafor": 1,
        "Councillor J A Walker": 1,
        "Councillor M Carr": 1,
    }
    assert {names[m]: d for m, d in last.items()}["Councillor B Okafor"] == dt.date(2026, 1, 13)


HEAD = "PLANNING COMMITTEE\n\nA meeting of the Planning Committee was held on 10 March 2026.\n\n"
TAIL = "\n\nAPOLOGIES: Councillor B Okafor.\n\n1. MINUTES\n\nAGREED that the minutes be approved.\n"


@pytest.mark.parametrize(
    "listed",
    [
        "PRESENT: Councillors M Carr (Chair), Cllr R Hellaoui substituting for Cllr B Okafor.",
        "PRESENT: Councillors M Carr (Chair), R Hellaoui (substitute for Councillor B Okafor).",
        "PRESENT: Councillor M Carr (Chair).\n\n"
        "SUBSTITUTE MEMBERS: Councillor R Hellaoui (for Councillor B Okafor).",
    ],
)
def test_a_substitute_is_read_in_each_printed_shape(listed: str) -> None:
    parsed = parse_document((HEAD + listed + TAIL).encode(), name="minutes.txt")

    people = {match_key(a.name): a for a in parsed.attendance}
    assert people["r hellaoui"].status == "substitute"
    assert match_key(people["r hellaoui"].substitute_for or "") == "b okafor"
    assert people["b okafor"].status == "apologies"


def test_an_apologies_heading_over_a_sentence_records_the_one_member_named() -> None:
    listed = "PRESENT: Councillor M Carr (Chair).\n\n"
    apology = "APOLOGIES: Apologies for absence were received from Councillor J A Walker."
    parsed = parse_document(
        (HEAD + listed + apology + TAIL.replace("APOLOGIES: Councillor B Okafor.", "")).encode(),
        name="minutes.txt",
    )

    assert [(a.name, a.status) for a in parsed.attendance] == [
        ("Councillor M Carr", "present"),
        ("Councillor J A Walker", "apologies"),
    ]


TWELVE = [f"Councillor Member{n} Surname{n}" for n in range(12)]


@pytest.mark.parametrize(
    "listed",
    [
        "PRESENT: " + ", ".join(TWELVE) + ".",
        "PRESENT: Councillors " + ", ".join(n.split(" ", 1)[1] for n in TWELVE) + ".",
    ],
)
def test_twelve_names_the_reader_does_not_know_are_twelve_members(
    db: Database, tmp_path: Path, listed: str
) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text(HEAD + listed + TAIL, encoding="utf-8")

    [result] = import_paths(db.factory, [path])

    assert result.error is None
    with db.factory() as session:
        found = {r.name for r in records(attendance.attendance_lines(session))}
    assert found == set(TWELVE) | {"Councillor B Okafor"}
