"""Makes ``time.sleep`` work under Debian's libfaketime 0.9.10 with the monotonic clock real.

Put this folder on ``PYTHONPATH`` (as ``.ci/run`` does for its faketime step) and every
Python process started then, the replicas and ``boardclerk run`` the tests spawn included,
imports it at start-up.

Why: libfaketime offsets the monotonic clock by default, and Python's timed waits
(``threading.Event.wait``, ``queue.get``, APScheduler's loop) then wait on the kernel's
real monotonic clock for a deadline a year ahead, so they hang. With
``FAKETIME_DONT_FAKE_MONOTONIC=1`` they work, but 0.9.10 still shifts the absolute monotonic
deadline that Python 3.11's ``time.sleep`` hands to ``clock_nanosleep`` by the fake offset,
so every sleep fails with EINVAL (libfaketime issue 426, fixed after 0.9.10). A timed lock
wait (``sem_clockwait``) is not intercepted, so ``time.sleep`` becomes one. (Not ``select``:
libfaketime's ``select`` holds up every other thread's clock reads while it waits.)
"""

from __future__ import annotations

import os
import threading
import time


def _sleep(seconds: float) -> None:
    """``time.sleep`` as a wait on a lock nobody releases, which libfaketime leaves alone."""
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    threading.Event().wait(seconds)


if "faketime" in os.environ.get("LD_PRELOAD", "") and os.environ.get(
    "FAKETIME_DONT_FAKE_MONOTONIC"
):
    time.sleep = _sleep
