"""Runs the same work in threads, each on its own engine, as separate replicas would."""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from storage.db import make_engine


def race(url: str, replicas: int, work: Callable[[sessionmaker[Session]], None]) -> None:
    """Calls ``work`` once per replica, concurrently, each with its own engine's sessions."""
    engines = [make_engine(url) for _ in range(replicas)]
    threads = [
        threading.Thread(target=work, args=(sessionmaker(engine, expire_on_commit=False),))
        for engine in engines
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for engine in engines:
        engine.dispose()
