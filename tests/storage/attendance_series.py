"""A minutes series built by the tests: one board's meetings, imported as a clerk would.

``Meeting(date, present, apologies, substitutes)`` becomes a plain-text minutes
file read by the real importer, so the figures come from the record exactly as
imports write it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from ingest.runner import import_paths

BOARD = "Planning Committee"


@dataclass(frozen=True)
class Minuted:
    """One meeting's attendance: who came, who sent apologies, who substituted for whom."""

    date: dt.date
    present: Sequence[str]
    apologies: Sequence[str] = ()
    substitutes: Sequence[tuple[str, str]] = ()  # (substitute, member they stood in for)
    absent: Sequence[str] = ()


def minutes_text(meeting: Minuted, board: str = BOARD) -> str:
    when = f"{meeting.date.day} {meeting.date:%B %Y}"
    present = [f"Councillor {name}" for name in meeting.present]
    present += [
        f"Councillor {sub} (substitute for Councillor {of})" for sub, of in meeting.substitutes
    ]
    text = (
        f"{board.upper()}\n\nA meeting of the {board} was held on {when}.\n\n"
        f"PRESENT: {', '.join(present)}.\n\n"
    )
    if meeting.apologies:
        names = ", ".join(f"Councillor {name}" for name in meeting.apologies)
        text += f"APOLOGIES: {names}.\n\n"
    if meeting.absent:
        names = ", ".join(f"Councillor {name}" for name in meeting.absent)
        text += f"ABSENT: {names}.\n\n"
    return text + "1. MINUTES\n\nAGREED that the minutes of the last meeting be approved.\n"


def import_series(
    factory: sessionmaker[Session], folder: Path, meetings: Sequence[Minuted], board: str = BOARD
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for meeting in meetings:
        path = folder / f"{board.split()[0].lower()}-{meeting.date.isoformat()}.txt"
        path.write_text(minutes_text(meeting, board), encoding="utf-8")
        paths.append(path)
    results = import_paths(factory, paths)
    assert all(result.error is None for result in results), [r.error for r in results]
