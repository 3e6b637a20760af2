"""The labelled apology messages and the calendar they are written against.

Shared by the tests and ``benchmarks/bench_apologies.py`` so both judge the
recogniser on the same data.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from storage.models import Board, BoardRole, Meeting, Member, Role

DATA = Path(__file__).with_name("data") / "apology_messages.json"
DEFAULT_SENDER = "Councillor Jane Walker"


def load() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def match_key(name: str) -> str:
    words = name.split()
    if words and words[0].lower().rstrip(".") in {"councillor", "cllr", "mr", "mrs", "ms", "dr"}:
        words = words[1:]
    return " ".join(words).lower()


def build(session: Session, calendar: dict[str, Any]) -> dict[str, Board]:
    """Boards, meetings and members of the labelled set's calendar; boards by short name."""
    boards: dict[str, Board] = {}
    for spec in calendar["boards"]:
        board = Board(
            name=spec["name"],
            short_name=spec["short_name"],
            quorum=spec["quorum"],
            timezone=spec.get("timezone", "Europe/London"),
        )
        session.add(board)
        for start in spec["meetings"]:
            local = dt.datetime.fromisoformat(start).replace(tzinfo=board.tz)
            session.add(Meeting(board=board, date=local.date(), starts_at=local.astimezone(dt.UTC)))
        boards[spec["short_name"]] = board
    for spec in calendar["members"]:
        member = Member(name=spec["name"], match_key=match_key(spec["name"]))
        session.add(member)
        for short, role in spec["roles"].items():
            session.add(BoardRole(board=boards[short], member=member, role=Role(role)))
    session.flush()
    return boards


def meeting_key(meeting: Meeting) -> str:
    return f"{meeting.board.short_name} {meeting.date.isoformat()}"
