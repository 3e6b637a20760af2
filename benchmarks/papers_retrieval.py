"""Board Clerk's own answer to a papers question, as a ranker for ``bench_papers``.

The pages go into a fresh SQLite database as one report a meeting (all on one date, so
no report is favoured as the newest), and each question goes through the real chat
pipeline as the local operator. The answer's first quote names the report (by its
address) and the page (``#page=N``); no quote is no answer.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from storage.db import make_engine, transaction, upgrade
from storage.models import Board, Meeting, MeetingStatus
from storage.papers.tables import Paper, PaperPage
from tests.handlers.builders import say

NOW = dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)
_QUOTED = re.compile(r"https://bench\.example/(?P<report>[^ ]+)\.pdf#page=(?P<page>\d+)")


class BenchPage(Protocol):
    report: str
    title: str
    number: int
    text: str


_built: dict[int, sessionmaker[Session]] = {}
_keep: list[tempfile.TemporaryDirectory[str]] = []


def _database(pages: Sequence[BenchPage]) -> sessionmaker[Session]:
    """One database per page set, built on first use."""
    if id(pages) in _built:
        return _built[id(pages)]
    folder = tempfile.TemporaryDirectory()
    _keep.append(folder)
    engine = make_engine(f"sqlite:///{Path(folder.name) / 'papers.db'}")
    upgrade(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    reports: dict[str, list[BenchPage]] = {}
    for page in pages:
        reports.setdefault(page.report, []).append(page)
    with transaction(factory) as session:
        board = Board(name="Bench Board", aliases=[])
        for number, (report, held) in enumerate(sorted(reports.items()), 1):
            meeting = Meeting(board=board, date=NOW.date(), status=MeetingStatus.SCHEDULED)
            session.add(meeting)
            session.flush()
            paper = Paper(
                meeting_id=meeting.id,
                item_key=str(number),
                item_number=str(number),
                item_title=held[0].title,
                title=held[0].title,
                url=f"https://bench.example/{report}.pdf",
                kind="report",
                listing=report[:64],
                page_count=len(held),
                first_seen=NOW,
                fetched_at=NOW,
            )
            session.add(paper)
            session.flush()
            session.add_all(
                PaperPage(paper_id=paper.id, number=p.number, text=p.text) for p in held
            )
    _built[id(pages)] = factory
    return factory


def board_clerk(question: str, pages: Sequence[BenchPage]) -> list[tuple[str, int]]:
    """The report and page Board Clerk quotes first for ``question``."""
    reply = say(_database(pages), question, now=NOW)
    for item in reply.items:
        found = _QUOTED.search(item)
        if found:
            return [(found["report"], int(found["page"]))]
    return []
