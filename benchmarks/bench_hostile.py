"""What a hostile council site can cost a sync: peak memory and wall time, against a normal one.

Each sync runs in its own process (so its peak RSS is its own) with the default
limits, against the tests' fake ModernGov site (tests/security/hostile_site.py)
served from this process:

- peak memory of a sync whose site answers one meeting with an endless stream, and
  with 200 MB, beside a normal sync of the same site (target: < 300 MB);
- wall time of a sync against a site that sends one byte every 2 s, with
  BOARDCLERK_SYNC_TIMEOUT=5 and one retry (target: within 5 s x 2 tries + 10 %).

The third figure of issue 20, ``/healthz`` p99 under 5,000 slow connections, belongs
to the web server's hardening: ``/healthz`` p99 while slow connections are held open (from
``bench_hostile_web``). Run:

    PYTHONPATH=. .venv/bin/python benchmarks/bench_hostile.py [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMORY_TARGET_MB = 300
TRICKLE_TIMEOUT = 5.0
TRICKLE_RETRIES = 1


def child(scenario: str, url: str) -> None:
    """One sync in this (fresh) process; prints its outcome, seconds and peak RSS as JSON."""
    from bot.settings import Settings
    from bot.site_clients import client_factory
    from ingest.moderngov.sync import sync_all
    from ingest.moderngov.xml import Committee
    from storage.db import open_database, transaction
    from storage.sources import registry
    from tests.ingest.moderngov.council import COMMITTEE, NOW, TITLE

    with tempfile.TemporaryDirectory() as folder:
        factory = open_database(f"sqlite:///{folder}/bench.db")
        with transaction(factory) as session:
            registry.add_source(session, "moderngov", url, Committee(str(COMMITTEE), TITLE), None)
        timeout = TRICKLE_TIMEOUT if scenario == "trickle" else 60.0
        settings = Settings(
            sync_timeout=dt.timedelta(seconds=timeout),
            sync_retries=TRICKLE_RETRIES if scenario == "trickle" else 0,
            sync_requests_per_second=0,
        )
        started = time.monotonic()
        [result] = sync_all(factory, NOW, make_client=client_factory(settings))
        seconds = time.monotonic() - started
    problems = [result.error] if result.error else []
    problems += [f"meeting {m.external_id}: {m.error}" for m in result.failed]
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "problems": problems}))


def run_child(scenario: str, url: str) -> dict[str, object]:
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, __file__, "--child", scenario, url],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    answer: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


def healthz_under_slow_connections(slow: int) -> None:
    """``/healthz`` p99 with ``slow`` slow connections open, beside none (bench_hostile_web)."""
    from benchmarks import bench_hostile_web as web

    web.run(slow=slow, requests=200)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="syncs per memory scenario")
    parser.add_argument("--slow", type=int, default=5000, help="slow web connections held open")
    parser.add_argument("--child", nargs=2, metavar=("SCENARIO", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    from tests.security.hostile_site import running_hostile_site

    for site in running_hostile_site():
        print(f"peak RSS of one sync (own process, default limits; median of {args.runs})")
        baseline = 0.0
        for name, behaviour in (
            ("normal sync", None),
            ("GetMeeting: an endless stream", "endless"),
            ("GetMeeting: 200 MB, undeclared", "huge-undeclared"),
        ):
            site.hostile.clear()
            if behaviour:
                site.hostile["GetMeeting:4002"] = behaviour
            runs = [run_child("memory", site.url) for _ in range(args.runs)]
            peak = statistics.median(float(str(r["peak_mb"])) for r in runs)
            baseline = baseline or peak
            verdict = "" if behaviour is None else _verdict(peak < MEMORY_TARGET_MB)
            print(
                f"  {name:<32} {peak:7.1f} MB  x{peak / baseline:4.2f} of normal  "
                f"{_problems(runs[0])}{verdict}"
            )
        site.hostile.clear()
        site.hostile["GetMeetings"] = "trickle"
        site.trickle_every = 2.0
        target = TRICKLE_TIMEOUT * (TRICKLE_RETRIES + 1) * 1.1
        trickle = run_child("trickle", site.url)
        seconds = float(str(trickle["seconds"]))
        print(
            f"sync against one byte every 2 s (timeout {TRICKLE_TIMEOUT:g} s, "
            f"{TRICKLE_RETRIES + 1} tries): {seconds:.1f} s, target <= {target:.1f} s "
            f"{_problems(trickle)}{_verdict(seconds <= target)}"
        )
    healthz_under_slow_connections(args.slow)


def _problems(run: dict[str, object]) -> str:
    problems = run.get("problems") or []
    assert isinstance(problems, list)
    return f"[{problems[0]}]" if problems else "[ok]"


def _verdict(ok: bool) -> str:
    return "  (target met)" if ok else "  (TARGET MISSED)"


if __name__ == "__main__":
    main()
