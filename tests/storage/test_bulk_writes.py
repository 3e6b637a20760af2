"""Rows written in bulk: new items beside stored ones, and folders parsed by worker processes."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from ingest.runner import FileResult, import_paths
from storage.models import Action, AgendaItem, Attendance, Meeting
from tests.conftest import Database
from tests.storage.test_persist import meeting_on, row_counts, store

VERSION_1 = b"""CORPORATE PARENTING BOARD

A meeting of the Corporate Parenting Board was held on 9 October 2024 at 2.00 pm.

PRESENT: Councillors P Ferris (Chair), R Oduya and T Marsh.

24/31 FOSTERING RECRUITMENT

The Head of Fostering presented the quarterly figures.

AGREED that the report be noted.

24/33 VIRTUAL SCHOOL REPORT

The Headteacher presented the annual report.

AGREED that the report be noted.
"""

VERSION_2 = VERSION_1.replace(
    b"24/33 VIRTUAL SCHOOL REPORT",
    b"24/32 CARE LEAVERS LOCAL OFFER\n\nThe Service Manager presented the refreshed offer.\n\n"
    b"AGREED that the refreshed offer be published.\n\n"
    b"24/33 VIRTUAL SCHOOL REPORT",
)


def test_an_item_added_in_a_newer_version_goes_between_the_stored_ones(db: Database) -> None:
    store(db, VERSION_1)
    before = row_counts(db)
    store(db, VERSION_2, name="confirmed.txt")
    after = row_counts(db)
    assert after["AgendaItem"] == before["AgendaItem"] + 1
    assert after["Decision"] == before["Decision"] + 1
    with db.factory() as session:
        items = meeting_on(session, dt.date(2024, 10, 9)).items
        assert [(i.number, i.position) for i in items] == [
            ("24/31", 0),
            ("24/32", 1),
            ("24/33", 2),
        ]
        assert [d.text for d in items[1].decisions] == [
            "AGREED that the refreshed offer be published."
        ]


def _minutes_for(day: int, board: str) -> str:
    date = dt.date(2024, 1, 1) + dt.timedelta(days=day)
    return (
        f"{board.upper()}\n\nA meeting of the {board} was held on "
        f"{date.day} {date:%B} {date.year} at 2.00 pm.\n\n"
        f"PRESENT: Councillors A Carver (Chair), B Osei and C Platt.\n\n"
        f"{day}/1 PLACEMENT STABILITY\n\nThe Service Manager presented the figures.\n\n"
        f"A report on out of area placements would be circulated after the meeting.\n\n"
        f"AGREED that the report be noted.\n"
    )


def write_minutes(folder: Path, days: int, boards: tuple[str, ...] = ("Schools Forum",)) -> None:
    """``minutes-00.txt`` … one a day, the boards taking turns: a folder big enough for workers."""
    for day in range(days):
        text = _minutes_for(day, boards[day % len(boards)])
        (folder / f"minutes-{day:02d}.txt").write_text(text, encoding="utf-8")


def test_a_folder_parsed_by_a_worker_process_is_stored_in_order_one_file_at_a_time(
    db: Database, tmp_path: Path
) -> None:
    write_minutes(tmp_path, 40, ("Corporate Parenting Board", "Schools Forum"))
    (tmp_path / "minutes-17.txt").write_bytes(b"\x00\x01 not minutes at all")

    results = import_paths(db.factory, [tmp_path], workers=1)

    assert [Path(r.path).name for r in results] == [f"minutes-{d:02d}.txt" for d in range(40)]
    assert [Path(r.path).name for r in results if r.error] == ["minutes-17.txt"]
    with db.factory() as session:
        held = session.scalars(select(Meeting).where(Meeting.status == "held")).all()
        assert len(held) == 39
        assert len(session.scalars(select(AgendaItem)).all()) == 39
        assert len(session.scalars(select(Action)).all()) == 39
        assert len(session.scalars(select(Attendance)).all()) == 39 * 3
    again = import_paths(db.factory, [tmp_path], workers=1)
    assert [r.unchanged for r in again if not r.error] == [True] * 39


def test_a_folder_s_parsers_start_before_the_database_is_opened(
    db: Database, tmp_path: Path
) -> None:
    """Opening a new database creates its schema: the workers parse meanwhile."""
    write_minutes(tmp_path, 30)
    parsers_at_open: list[int] = []

    def open_database() -> sessionmaker[Session]:
        parsers_at_open.append(len(multiprocessing.active_children()))
        return db.factory

    results = import_paths(open_database, [tmp_path], workers=2)

    assert parsers_at_open and parsers_at_open[0] >= 1
    assert [r.error for r in results] == [None] * 30
    assert multiprocessing.active_children() == []


def test_a_folder_import_survives_its_connection_dropping_between_files(
    postgres_db: Database, tmp_path: Path
) -> None:
    """The import holds one connection throughout; a restart or a dropped link costs a
    reconnect, not the file that met it."""
    write_minutes(tmp_path, 30)
    importing = threading.get_ident()
    backends: list[int] = []
    dropped: list[int] = []

    def note_backend(connection: Any, *_args: Any) -> None:
        if threading.get_ident() == importing:  # not the search refresher beside it
            backends.append(connection.connection.driver_connection.info.backend_pid)

    def drop_connection(result: FileResult) -> None:
        if result.path.endswith("minutes-09.txt"):
            dropped.append(backends[-1])
            with postgres_db.engine.begin() as other:
                other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": dropped[0]})

    event.listen(postgres_db.engine, "before_cursor_execute", note_backend)
    results = import_paths(postgres_db.factory, [tmp_path], progress=drop_connection, workers=1)

    assert [r.error for r in results] == [None] * 30
    assert backends.count(dropped[0]) > 10 * 5  # ten files' statements on one connection
    assert backends[-1] != dropped[0]
    with postgres_db.factory() as session:
        assert session.execute(select(func.count()).select_from(Meeting)).scalar_one() >= 30
