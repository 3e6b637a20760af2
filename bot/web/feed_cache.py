"""Rendered feeds kept for a while, each rendered once however many clients ask at once.

Calendar clients poll, often all in the same minute; rendering a board's years
of meetings costs tens of milliseconds of CPU, serving the same bytes again
almost nothing. After ``ttl`` seconds a feed is stale: the next request still
gets it at once while a fresh one renders in the background (stale while
revalidate), so no client waits on a rendering except the very first.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


def _log_failure(task: asyncio.Task[object]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.warning("could not refresh a calendar feed: %s", task.exception())


class FeedCache(Generic[T]):
    """``get(key, render)``: the value for ``key``, rendering it at most once at a time.

    ``ttl`` 0 keeps nothing (every request renders; concurrent ones still share).
    """

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.clock = clock
        self._values: dict[Hashable, tuple[float, T]] = {}
        self._pending: dict[Hashable, asyncio.Task[T]] = {}

    async def get(self, key: Hashable, render: Callable[[], Awaitable[T]]) -> T:
        cached = self._values.get(key)
        if cached is None:
            # Shielded: a client that hangs up does not cancel the others' rendering.
            return await asyncio.shield(self._start(key, render))
        expires, value = cached
        if expires <= self.clock():
            self._start(key, render)
        return value

    def drop(self, key: Hashable) -> None:
        self._values.pop(key, None)

    def _start(self, key: Hashable, render: Callable[[], Awaitable[T]]) -> asyncio.Task[T]:
        task = self._pending.get(key)
        if task is None:
            task = asyncio.create_task(self._render(key, render))
            task.add_done_callback(_log_failure)
            self._pending[key] = task
        return task

    async def _render(self, key: Hashable, render: Callable[[], Awaitable[T]]) -> T:
        try:
            value = await render()
        finally:
            del self._pending[key]
        if self.ttl > 0:
            self._values[key] = (self.clock() + self.ttl, value)
        return value
