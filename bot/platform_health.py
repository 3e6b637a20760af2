"""Whether each chat platform is connected, and since when, for ``/healthz``.

Adapters report what they see (Discord's ready/disconnect events, Socket Mode's
connection); ``/healthz`` reads it. ``for_seconds`` is how long the state has held, so
a platform that has been down for more than five minutes can fail the check
while a brief reconnect does not.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

# Seconds from a monotonic clock: health measures intervals, never the date.
Monotonic = Callable[[], float]


@dataclass(frozen=True)
class PlatformState:
    name: str
    mode: str
    up: bool
    # Seconds since the state last changed.
    for_seconds: float
    detail: str


class PlatformHealth:
    """One platform's connection state; thread-safe (adapters run on their own threads).

    ``probe``, when given, is asked at each reading (Socket Mode knows whether
    its WebSocket is open); otherwise the adapter calls ``mark_up``/``mark_down``.
    """

    def __init__(
        self,
        name: str,
        mode: str = "",
        *,
        up: bool = False,
        detail: str = "starting",
        probe: Callable[[], bool] | None = None,
        clock: Monotonic = time.monotonic,
    ) -> None:
        self.name = name
        self.mode = mode
        self.probe = probe
        self.clock = clock
        self._lock = threading.Lock()
        self._up = up
        self._detail = detail
        self._since = clock()

    def mark_up(self, detail: str = "connected") -> None:
        self._set(True, detail)

    def mark_down(self, detail: str) -> None:
        self._set(False, detail)

    def _set(self, up: bool, detail: str) -> None:
        with self._lock:
            if up != self._up:
                self._since = self.clock()
            self._up = up
            self._detail = detail

    def state(self) -> PlatformState:
        if self.probe is not None:
            up = self.probe()
            self._set(up, "connected" if up else "not connected")
        with self._lock:
            held = max(0.0, self.clock() - self._since)
            return PlatformState(self.name, self.mode, self._up, held, self._detail)
