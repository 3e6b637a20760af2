"""Planning speed and memory: 10,000 meetings x 20 members and 50,000 actions.

Plans a whole year (every meeting and action in the window) and a one-minute
tick window, and compares with a tenth-size baseline measured in the same run,
so the ratio shows whether planning scales linearly. Then what one scheduler
tick really does: plan 7 days back and 1 hour ahead and triage (collapse late
reminders), against planning the 7 days back alone. Run:

    .venv/bin/python benchmarks/bench_reminders.py
"""

from __future__ import annotations

import datetime as dt
import gc
import statistics
import time
import tracemalloc
from zoneinfo import ZoneInfo

from schedules.collapse import SPACING, triage
from schedules.config import ReminderConfig
from schedules.planning import ActionSnap, BoardSnap, MeetingSnap, Snapshot, plan

LONDON = ZoneInfo("Europe/London")
START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
END = START + dt.timedelta(days=365)


def snapshot(meetings: int, actions: int, members: int = 20) -> Snapshot:
    boards = {}
    per_board = 20  # meetings per board per year
    for board_id in range(max(1, meetings // per_board)):
        people = tuple(range(board_id * members, board_id * members + members))
        boards[board_id] = BoardSnap(
            board_id, f"Board {board_id}", LONDON, False, people, people[:1]
        )
    meeting_rows = []
    for index in range(meetings):
        board_id = index % len(boards)
        day = START.date() + dt.timedelta(days=(index * 7919) % 365)
        starts = dt.datetime.combine(day, dt.time(15), LONDON).astimezone(dt.UTC)
        apologised = frozenset({board_id * members + 1}) if index % 3 == 0 else frozenset()
        meeting_rows.append(MeetingSnap(index, board_id, day, starts, apologised))
    action_rows = [
        ActionSnap(
            index,
            index % len(boards),
            (index % len(boards)) * members + index % members,
            START.date() + dt.timedelta(days=(index * 104729) % 400 - 20),
        )
        for index in range(actions)
    ]
    owners = tuple(sorted({a.owner_id for a in action_rows}))
    return Snapshot(boards, meeting_rows, action_rows, owners)


def measure(
    snap: Snapshot, start: dt.datetime, end: dt.datetime, runs: int
) -> tuple[float, int, int]:
    """(median seconds, reminders planned, peak MiB of the planning call)."""
    config = ReminderConfig()
    times = []
    count = 0
    for _ in range(runs):
        gc.collect()
        began = time.perf_counter()
        count = len(plan(snap, start, end, config))
        times.append(time.perf_counter() - began)
    gc.collect()
    tracemalloc.start()
    plan(snap, start, end, config)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), count, peak // (1024 * 1024)


def measure_tick(snap: Snapshot, now: dt.datetime, runs: int) -> tuple[float, float, int]:
    """(median seconds planning the lookback alone, median seconds planning it and the hour
    ahead and triaging, reminders due)."""
    config = ReminderConfig()
    start = now - config.lookback
    alone, tick = [], []
    due: list[object] = []
    for _ in range(runs):
        gc.collect()
        began = time.perf_counter()
        plan(snap, start, now, config)
        alone.append(time.perf_counter() - began)
        began = time.perf_counter()
        planned = plan(snap, start, now + SPACING, config)
        due = [p for p in planned if p.at <= now]
        later = [p for p in planned if p.at > now]
        list(triage(due, later, now, {}))  # type: ignore[arg-type]
        tick.append(time.perf_counter() - began)
    return statistics.median(alone), statistics.median(tick), len(due)


def main() -> None:
    full = snapshot(10_000, 50_000)
    base = snapshot(1_000, 5_000)
    base_s, base_n, base_mb = measure(base, START, END, runs=5)
    full_s, full_n, full_mb = measure(full, START, END, runs=3)
    tick_at = START + dt.timedelta(days=180, hours=9)
    tick_s, tick_n, _ = measure(full, tick_at - dt.timedelta(minutes=1), tick_at, runs=5)
    print(
        f"baseline 1,000 meetings x 20 + 5,000 actions, 1 year: median {base_s:.3f}s, {base_n:,} reminders, peak {base_mb} MiB"
    )
    print(
        f"full 10,000 meetings x 20 + 50,000 actions, 1 year: median {full_s:.3f}s, {full_n:,} reminders, peak {full_mb} MiB"
    )
    print(
        f"ratio full/baseline: time {full_s / base_s:.1f}x for {full_n / base_n:.1f}x the reminders"
    )
    print(
        f"one-minute tick window over the full snapshot: median {tick_s * 1000:.0f}ms, {tick_n:,} reminders"
    )
    alone_s, with_s, due_n = measure_tick(full, tick_at, runs=5)
    print(
        f"a tick over the full snapshot (7 days back, {due_n:,} reminders): plan alone median "
        f"{alone_s * 1000:.0f}ms; plan + the hour ahead + triage median {with_s * 1000:.0f}ms "
        f"({with_s / alone_s:.2f}x)"
    )


if __name__ == "__main__":
    main()
