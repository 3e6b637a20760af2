"""Fixtures for the probes: a hostile site on a free local port, and bounded measuring."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

import pytest

from tests.security.hostile_site import HostileSite, running_hostile_site

T = TypeVar("T")
MB = 1024 * 1024


@pytest.fixture
def hostile() -> Iterator[HostileSite]:
    """The council's fake site, with answers the test turns hostile."""
    yield from running_hostile_site()


@dataclass
class Cost:
    seconds: float
    peak_bytes: int


def measured(work: Callable[[], T]) -> tuple[T, Cost]:
    """``work()``'s result, its wall time and the peak of Python memory it allocated."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = work()
        seconds = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, Cost(seconds, peak)
