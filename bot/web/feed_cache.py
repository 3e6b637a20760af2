"""Rendered feeds kept for a short while, each rendered once however many clients ask at once.

Calendar clients poll, often all at the same minute; rendering a board's year
of meetings costs milliseconds of CPU, serving the same bytes again does not.
A feed may therefore be up to ``ttl`` seconds behind the database.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class FeedCache(Generic[T]):
    """``get(key, render)``: a fresh value for ``key``, rendering it at most once at a time."""

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.clock = clock
        self._values: dict[Hashable, tuple[float, T]] = {}
        self._pending: dict[Hashable, asyncio.Future[T]] = {}

    async def get(self, key: Hashable, render: Callable[[], Awaitable[T]]) -> T:
        cached = self._values.get(key)
        if cached is not None and cached[0] > self.clock():
            return cached[1]
        pending = self._pending.get(key)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            value = await render()
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: waiters re-raise it, nobody logs it as lost
            raise
        finally:
            del self._pending[key]
        if self.ttl > 0:
            self._values[key] = (self.clock() + self.ttl, value)
        future.set_result(value)
        return value

    def drop(self, key: Hashable) -> None:
        self._values.pop(key, None)
