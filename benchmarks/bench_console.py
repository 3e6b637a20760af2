"""The clerk's console under a council's full load: page p95 beside ``/healthz``.

Builds 10 boards × 300 meetings × 15 members (3,000 meetings; every past meeting with
its 15 attendance rows, 22,500 in all; two actions a meeting, 6,000, those of meetings a
quarter ago done but one in ten; 5,000 audit entries),
a clerk of every board, starts the real server (``boardclerk run``) in its own process,
signs in with a one-time link, and requests each console page ``--rounds`` times,
``--concurrent`` at once (a busy democratic-services team), with ``/healthz`` as the
baseline measured in the same run. Prints p50/p95 per page and the ratio of each p95
to the baseline's, and the server's CPU time a request (steadier than latency on a shared
machine). Target: every page's p95 < 200 ms.

    .venv/bin/python benchmarks/bench_console.py [--rounds 20] [--concurrent 8] [--postgres URL]
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
from sqlalchemy import insert, select

from storage.audit import AuditEntry
from storage.console_auth import issue_link
from storage.db import open_database, transaction
from storage.models import (
    Action,
    ActionStatus,
    Attendance,
    AttendanceSource,
    AttendanceStatus,
    Board,
    BoardRole,
    Meeting,
    MeetingStatus,
    Member,
    Role,
)

LONDON = ZoneInfo("Europe/London")
BOARDS = 10
MEETINGS = 300  # per board
MEMBERS = 15  # per board
TODAY = dt.datetime.now(dt.UTC).date()


def populate(url: str) -> tuple[str, dict[str, int]]:
    """The database for the run: a sign-in token for the clerk, and ids the pages need."""
    factory = open_database(url)
    with transaction(factory) as session:
        boards = [Board(name=f"Northmoor Board {n} Committee", quorum=5) for n in range(BOARDS)]
        clerk = Member(name="Jo Bell", match_key="jo bell")
        clerk.roles = [BoardRole(board=b, role=Role.CLERK) for b in boards]
        session.add_all([*boards, clerk])
        session.flush()
        members: dict[int, list[Member]] = {}
        for board in boards:
            members[board.id] = []
            for n in range(MEMBERS):
                name = f"Councillor {chr(65 + n)} Member{board.id}x{n}"
                member = Member(name=name, match_key=name.lower().removeprefix("councillor "))
                role = Role.CHAIR if n == 0 else Role.MEMBER
                member.roles = [BoardRole(board=board, role=role)]
                members[board.id].append(member)
            session.add_all(members[board.id])
        session.flush()
        # Half the meetings past, half to come: weekly, from 150 weeks ago.
        first = TODAY - dt.timedelta(weeks=MEETINGS // 2)
        meeting_rows = []
        for board in boards:
            for index in range(MEETINGS):
                day = first + dt.timedelta(weeks=index, days=board.id % 5)
                meeting_rows.append(
                    {
                        "board_id": board.id,
                        "date": day,
                        "starts_at": dt.datetime.combine(day, dt.time(15), LONDON),
                        "venue": "Committee Room 2, Town Hall",
                        "status": MeetingStatus.HELD if day < TODAY else MeetingStatus.SCHEDULED,
                    }
                )
        session.execute(insert(Meeting), meeting_rows)
        meetings = list(session.execute(select(Meeting.id, Meeting.board_id, Meeting.date)))
        attendance, actions = [], []
        for meeting_id, board_id, day in meetings:
            for n, member in enumerate(members[board_id]):
                if day < TODAY:
                    status = AttendanceStatus.APOLOGIES if n % 7 == 3 else AttendanceStatus.PRESENT
                    attendance.append(
                        {
                            "meeting_id": meeting_id,
                            "member_id": member.id,
                            "name": member.name,
                            "person_key": member.match_key,
                            "status": status,
                            "source": AttendanceSource.MINUTES,
                            "reason": "work" if status == AttendanceStatus.APOLOGIES else None,
                        }
                    )
            for n in range(2):
                owner = members[board_id][(meeting_id + n) % MEMBERS]
                actions.append(
                    {
                        "board_id": board_id,
                        "meeting_id": meeting_id,
                        "text": f"Report back on item {n} of meeting {meeting_id}",
                        "owner_member_id": owner.id,
                        "owner_text": owner.name,
                        "due": day + dt.timedelta(weeks=4),
                        # Most actions of meetings a quarter ago are done; one in ten is late.
                        "status": ActionStatus.DONE
                        if day < TODAY - dt.timedelta(weeks=12) and meeting_id % 10
                        else ActionStatus.OPEN,
                    }
                )
        session.execute(insert(Attendance), attendance)
        session.execute(insert(Action), actions)
        now = dt.datetime.now(dt.UTC)
        session.execute(
            insert(AuditEntry),
            [
                {
                    "at": now - dt.timedelta(minutes=n),
                    "actor": "console:Jo Bell",
                    "action": "attendance-marked",
                    "subject": "Northmoor Board 1 Committee",
                    "detail": '{"meeting": 1}',
                    "board_id": boards[n % BOARDS].id,
                }
                for n in range(5_000)
            ],
        )
        upcoming = session.scalars(
            select(Meeting.id).where(Meeting.date >= TODAY).order_by(Meeting.date)
        ).first()
        past = session.scalars(
            select(Meeting.id).where(Meeting.date < TODAY).order_by(Meeting.date.desc())
        ).first()
        owner_id = members[boards[3].id][4].id
        action = session.scalars(select(Action.id).order_by(Action.id.desc())).first()
        ids: dict[str, int] = {
            "upcoming": upcoming or 0,
            "past": past or 0,
            "owner": owner_id,
            "action": action or 0,
            "board": boards[3].id,
        }
        return issue_link(session, clerk, now), ids


def pages(ids: dict[str, int]) -> dict[str, str]:
    return {
        "/healthz (baseline)": "/healthz",
        "home (upcoming meetings)": "/console/",
        "home, page 4": "/console/?page=4",
        "past meetings, page 20": "/console/meetings?when=past&page=20",
        "a board's past meetings": "/console/meetings?when=past&board=3",
        "meeting to come (clerk's forms)": f"/console/meetings/{ids['upcoming']}",
        "past meeting (attendance)": f"/console/meetings/{ids['past']}",
        "actions (open)": "/console/actions",
        "actions, overdue": "/console/actions?overdue=yes",
        "actions, owner, all statuses": f"/console/actions?owner={ids['owner']}&status=all",
        "actions, page 100": "/console/actions?status=all&page=100",
        "one action's form": f"/console/actions/{ids['action']}",
        "audit log": "/console/audit",
        "audit log, page 150": "/console/audit?page=150",
        "members": "/console/members",
        "members, page 6": "/console/members?page=6",
        "a board's attendance": f"/console/boards/{ids['board']}/attendance",
    }


def server_cpu(pid: int) -> float:
    """The server's CPU seconds so far (user + system; Linux), 0 where /proc is not there.

    Unlike latency it hardly moves with what else the machine runs, so it shows what a
    change saved even on a busy machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(
    base: str, token: str, ids: dict[str, int], rounds: int, width: int, pid: int
) -> None:
    async with aiohttp.ClientSession() as client:
        async with client.post(
            f"{base}/console/sign-in", data={"token": token}, allow_redirects=False
        ) as response:
            cookie = response.cookies["boardclerk_console"].value
        headers = {"Cookie": f"boardclerk_console={cookie}"}

        async def one(path: str) -> float:
            began = time.perf_counter()
            async with client.get(base + path, headers=headers, allow_redirects=False) as got:
                await got.read()
                if got.status != 200:
                    raise RuntimeError(f"{path}: HTTP {got.status}")
            return time.perf_counter() - began

        paths = pages(ids)
        results: dict[str, list[float]] = {name: [] for name in paths}
        cpu = dict.fromkeys(paths, 0.0)
        for path in paths.values():
            await one(path)  # warm: templates compiled, caches filled
        # Round-robin over the pages, so the server's own minutely work (reminders,
        # sync) falls on every page alike rather than on whichever was being measured.
        for _ in range(rounds):
            for name, path in paths.items():
                before = server_cpu(pid)
                results[name] += await asyncio.gather(*(one(path) for _ in range(width)))
                cpu[name] += server_cpu(pid) - before
    print(
        f"{BOARDS} boards x {MEETINGS} meetings x {MEMBERS} members; "
        f"{rounds} rounds of {width} concurrent requests per page"
    )
    base_p95 = None
    worst = 0.0
    for name, latencies in results.items():
        ordered = sorted(latencies)
        p50 = statistics.median(ordered) * 1000
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000
        ratio = f"  {p95 / base_p95:5.1f}x baseline p95" if base_p95 else ""
        base_p95 = base_p95 or p95
        if name != "/healthz (baseline)":
            worst = max(worst, p95)
        spent = cpu[name] / len(latencies) * 1000
        print(f"{name:<34} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  server CPU {spent:5.1f} ms{ratio}")
    verdict = "met" if worst < 200 else "MISSED"
    print(f"slowest page p95 {worst:.1f} ms: target (< 200 ms) {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--concurrent", type=int, default=8)
    parser.add_argument("--postgres", help="a PostgreSQL URL (an empty database) instead of SQLite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.postgres or f"sqlite:///{Path(folder) / 'bench.db'}"
        began = time.perf_counter()
        token, ids = populate(url)
        print(f"built the database in {time.perf_counter() - began:.1f} s")
        env = {**os.environ, "BOARDCLERK_DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
        for name in ("SLACK_BOT_TOKEN", "SLACK_CLIENT_ID", "DISCORD_TOKEN", "BOARDCLERK_SMTP_URL"):
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
            base = f"http://127.0.0.1:{found.group(1)}"
            asyncio.run(measure(base, token, ids, args.rounds, args.concurrent, server.pid))
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
