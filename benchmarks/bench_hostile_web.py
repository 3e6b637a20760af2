"""``/healthz`` while slow clients hold connections open, on a running ``boardclerk run``.

Starts the real server in its own process (an empty SQLite database), opens N
connections that each send part of a request head and then one more byte a
second (slowloris), and times ``/healthz`` on a fresh connection each time, as a
load balancer's health check would. Prints p50/p99 with none open (the baseline)
and with N open, how many slow connections the server still held at the end,
and the ratio, all from one run. Target: p99 < 200 ms with 5,000 open.

    .venv/bin/python -m benchmarks.bench_hostile_web [--slow 5000] [--requests 200]

The slow connections need file handles on both sides: the soft open-file limit
of this process is raised towards its hard limit (``ulimit -Hn``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

HEAD = b"GET /healthz HTTP/1.1\r\nHost: bench\r\nX-Slow: "


def raise_file_limit(wanted: int) -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def start_server(folder: Path, read_timeout: float) -> tuple[subprocess.Popen[str], int]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "BOARDCLERK_DATABASE_URL": f"sqlite:///{folder / 'bench.db'}",
        "BOARDCLERK_WEB_READ_TIMEOUT": f"{read_timeout:g}s",
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--port", "0", "--host", "127.0.0.1"],
        env=env,
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    banner = process.stdout.readline()
    found = re.search(r"127\.0\.0\.1:(\d+)", banner)
    if not found:
        process.kill()
        raise SystemExit(f"the server did not start: {banner!r}")
    return process, int(found.group(1))


async def time_healthz(port: int, requests: int) -> list[float]:
    """Each request on a new connection; seconds per request."""
    times = []
    connector = aiohttp.TCPConnector(force_close=True)
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        for _ in range(requests):
            started = time.perf_counter()
            async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                await response.read()
                assert response.status == 200, response.status
            times.append(time.perf_counter() - started)
    return times


Slow = list[tuple[asyncio.StreamReader, asyncio.StreamWriter]]


async def open_slow(port: int, count: int) -> Slow:
    opened: Slow = []
    for start in range(0, count, 200):  # in batches, so the listen backlog keeps up
        size = min(count, start + 200) - start
        batch = await asyncio.gather(
            *(asyncio.open_connection("127.0.0.1", port) for _ in range(size))
        )
        for reader, writer in batch:
            writer.write(HEAD)
            opened.append((reader, writer))
    return opened


async def trickle(slow: Slow, stop: asyncio.Event) -> None:
    """One more header byte a second on each connection (a slowloris client)."""
    while not stop.is_set():
        for reader, writer in slow:
            if not reader.at_eof():
                writer.write(b"a")
        await asyncio.sleep(1.0)


def held(slow: Slow) -> int:
    """Connections the server has not closed (a closed one has reached end of file)."""
    return sum(1 for reader, _ in slow if not reader.at_eof())


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * len(ordered)) - 1)]
    return statistics.median(ordered) * 1000, p99 * 1000


async def measure(port: int, slow: int, requests: int) -> None:
    await time_healthz(port, 10)  # warm up
    baseline = await time_healthz(port, requests)
    started = time.perf_counter()
    connections = await open_slow(port, slow)
    opened_in = time.perf_counter() - started
    stop = asyncio.Event()
    dripping = asyncio.create_task(trickle(connections, stop))
    await asyncio.sleep(1.0)
    loaded = await time_healthz(port, requests)
    still = held(connections)
    stop.set()
    await dripping
    for _, writer in connections:
        writer.close()
    b50, b99 = percentiles(baseline)
    l50, l99 = percentiles(loaded)
    verdict = "met" if l99 < 200 else "MISSED"
    print(
        f"/healthz, none open:        p50 {b50:6.1f} ms   p99 {b99:6.1f} ms   ({requests} requests)"
    )
    print(f"/healthz, {slow:>5,} slow open: p50 {l50:6.1f} ms   p99 {l99:6.1f} ms")
    print(f"slow connections opened in {opened_in:.1f} s; still open at the end: {still:,}")
    print(f"p99 loaded/baseline: {l99 / b99:.1f}x; target p99 < 200 ms: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", type=int, default=5000, help="slow connections to hold open")
    parser.add_argument("--requests", type=int, default=200, help="/healthz requests per phase")
    args = parser.parse_args()
    run(args.slow, args.requests)


def run(slow: int, requests: int) -> None:
    """Starts the real server, measures, stops it."""
    limit = raise_file_limit(slow + 512)
    print(f"open-file limit of this process: {limit}")
    if limit < slow + 64:
        raise SystemExit(f"ulimit -Hn is {limit}: too low for {slow} connections")
    with tempfile.TemporaryDirectory() as folder:
        # A long read timeout, so no slow connection is closed while it is measured.
        process, port = start_server(Path(folder), read_timeout=120)
        try:
            asyncio.run(measure(port, slow, requests))
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
