"""Calendar feeds under load: 200 concurrent requests at a running ``boardclerk run``.

Builds 1,000 meetings over 10 boards (8 agenda items each, one exempt), starts
the real server in its own process, and fires rounds of 200 concurrent requests
at ``/healthz`` (the baseline: the server's floor), at the ten board feeds and
at one member's personal feed (and at it with a wrong token, which should cost
the same token lookup). Prints p50/p99 latency and requests/s per kind,
and the ratio to the baseline, all from one run. Target: board feed p99 < 100 ms.

    .venv/bin/python benchmarks/bench_calendar.py [--rounds 5] [--postgres URL]

The first round of board feeds is reported on its own ("cold"): it renders
each feed once (concurrent requests for one feed share that rendering).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp

from storage.calendar import board_slug, issue_token
from storage.db import open_database, transaction
from storage.models import (
    AgendaItem,
    Attendance,
    AttendanceSource,
    AttendanceStatus,
    Board,
    BoardRole,
    Meeting,
    Member,
    Role,
)

LONDON = ZoneInfo("Europe/London")
BOARDS = 10
MEETINGS = 1_000
CONCURRENT = 200


def populate(url: str) -> str:
    """The database for the run; returns a personal feed token for a member of 3 boards."""
    factory = open_database(url)
    with transaction(factory) as session:
        boards = [Board(name=f"Northmoor Board {n} Committee") for n in range(BOARDS)]
        member = Member(name="Councillor J A Walker", match_key="j a walker")
        member.roles = [BoardRole(board=b, role=Role.MEMBER) for b in boards[:3]]
        session.add_all([*boards, member])
        start = dt.date(2018, 1, 3)
        for index in range(MEETINGS):
            board = boards[index % BOARDS]
            day = start + dt.timedelta(days=7 * (index // BOARDS) + index % 5)
            meeting = Meeting(
                board=board,
                date=day,
                starts_at=dt.datetime.combine(day, dt.time(15), LONDON),
                venue="Committee Room 2, Town Hall",
            )
            meeting.items = [
                AgendaItem(position=i, number=f"{index}/{i}", title=f"Report on item {i}")
                for i in range(7)
            ] + [AgendaItem(position=7, title="Contract award", exempt=True)]
            if index % 4 == 0 and board in boards[:3]:
                meeting.attendance.append(
                    Attendance(
                        member=member,
                        name=member.name,
                        person_key="j a walker",
                        status=AttendanceStatus.APOLOGIES,
                        reason="hospital appointment",
                        source=AttendanceSource.CHAT,
                    )
                )
            session.add(meeting)
        session.flush()
        return issue_token(session, member, dt.datetime.now(dt.UTC))


async def fire(
    session: aiohttp.ClientSession, urls: list[str], status: int = 200
) -> tuple[list[float], float]:
    """All of ``urls`` at once; (each request's seconds, wall seconds for the round)."""

    async def one(url: str) -> float:
        began = time.perf_counter()
        async with session.get(url) as response:
            await response.read()
            if response.status != status:
                raise RuntimeError(f"{url}: HTTP {response.status}")
        return time.perf_counter() - began

    began = time.perf_counter()
    latencies = await asyncio.gather(*(one(url) for url in urls))
    return list(latencies), time.perf_counter() - began


def summary(name: str, latencies: list[float], wall: float, base_rps: float | None) -> float:
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))] * 1000
    rps = len(latencies) / wall
    ratio = f", {base_rps / rps:.1f}x the baseline's time per request" if base_rps else ""
    print(f"{name:<32} p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  {rps:7.0f} req/s{ratio}")
    return rps


async def measure(base: str, token: str, rounds: int) -> None:
    slugs = [board_slug(f"Northmoor Board {n} Committee") for n in range(BOARDS)]
    kinds = {
        "/healthz (baseline)": [f"{base}/healthz"] * CONCURRENT,
        "board feed": [f"{base}/calendar/{slugs[i % BOARDS]}.ics" for i in range(CONCURRENT)],
        "personal feed": [f"{base}/calendar/me/{token}.ics"] * CONCURRENT,
        "wrong token": [f"{base}/calendar/me/{token[::-1]}.ics"] * CONCURRENT,
    }
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        cold, cold_wall = await fire(session, kinds["board feed"])
        results: dict[str, tuple[list[float], float]] = {}
        for name, urls in kinds.items():
            latencies: list[float] = []
            walls = 0.0
            for _ in range(rounds):
                got, wall = await fire(session, urls, 404 if name == "wrong token" else 200)
                latencies += got
                walls += wall
            results[name] = (latencies, walls)
    print(f"{MEETINGS:,} meetings over {BOARDS} boards; rounds of {CONCURRENT} concurrent requests")
    base_rps = summary("/healthz (baseline)", *results["/healthz (baseline)"], None)
    summary("board feed, cold (first round)", cold, cold_wall, base_rps)
    summary("board feed", *results["board feed"], base_rps)
    summary("personal feed (3 boards)", *results["personal feed"], base_rps)
    summary("wrong token (404)", *results["wrong token"], base_rps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--postgres", help="a PostgreSQL URL to use instead of SQLite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.postgres or f"sqlite:///{Path(folder) / 'bench.db'}"
        token = populate(url)
        env = {**os.environ, "BOARDCLERK_DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
        for name in ("SLACK_BOT_TOKEN", "SLACK_CLIENT_ID", "DISCORD_TOKEN"):
            env.pop(name, None)
        server = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--port", "0", "--host", "127.0.0.1"],
            env=env,
            cwd=folder,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert server.stdout is not None
            banner = server.stdout.readline()
            found = re.search(r"http://127\.0\.0\.1:(\d+)", banner)
            if not found:
                raise SystemExit(f"the server did not start: {banner!r}")
            asyncio.run(measure(f"http://127.0.0.1:{found.group(1)}", token, args.rounds))
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
