"""A world for apologies tests: the labelled calendar's boards, members and meetings,
and a console pipeline to talk to them through."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from handlers.messages import ButtonPress, IncomingMessage, Reply
from handlers.pipeline import Pipeline
from storage.db import transaction
from storage.models import Attendance, AttendanceStatus, BoardChannel, Member
from tests.conftest import Database
from tests.handlers import apology_calendar

WALKER = "Councillor Jane Walker"
HELLAOUI = "Councillor Amira Hellaoui"
CLERK = "Susie Blood"
CHAIR = "Councillor Tom Peacock"
FRIDAY = dt.datetime(2018, 11, 2, 10, 0, tzinfo=dt.UTC)
CPB_NOV = "Corporate Parenting Board, Wed 7 November 2018, 3.00pm"


@dataclass
class World:
    db: Database
    pipeline: Pipeline

    def say(
        self,
        text: str,
        who: str = WALKER,
        now: dt.datetime = FRIDAY,
        *,
        command: str | None = None,
        channel: str | None = None,
    ) -> Reply:
        return self.pipeline.handle(
            IncomingMessage(
                platform="console",
                user_id=who,
                text=text,
                now=now,
                command=command,
                is_direct=channel is None,
                channel_id=channel,
            )
        )

    def press(
        self, reply: Reply, index: int = 0, who: str = WALKER, now: dt.datetime = FRIDAY
    ) -> Reply:
        button = reply.buttons[index]
        return self.pipeline.handle(
            IncomingMessage(
                platform="console",
                user_id=who,
                text=button.label,
                now=now,
                button=ButtonPress(button.action_id, button.value),
            )
        )

    def apologies(self) -> list[tuple[str, str, str | None, str | None]]:
        """(member, meeting date, reason, note) of every apologies row."""
        with self.db.factory() as session:
            rows = session.scalars(select(Attendance).order_by(Attendance.id)).all()
            return [
                (r.name, r.meeting.date.isoformat(), r.reason, r.note)
                for r in rows
                if r.status is AttendanceStatus.APOLOGIES
            ]

    def member_id(self, name: str) -> int:
        with self.db.factory() as session:
            return session.scalars(select(Member.id).where(Member.name == name)).one()


@pytest.fixture
def world(db: Database) -> Iterator[World]:
    with transaction(db.factory) as session:
        boards = apology_calendar.build(session, apology_calendar.load()["calendar"])
        session.add(BoardChannel(board=boards["CPB"], platform="console", channel_id="cpb"))
    yield World(db, Pipeline(db.factory))
