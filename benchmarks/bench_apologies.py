"""Precision and recall of the apologies recogniser on the labelled set, plus its speed.

Run: .venv/bin/python benchmarks/bench_apologies.py

"Positive" means a message Board Clerk would record apologies from (labels
apology and on-behalf). A naive keyword rule is measured in the same run as the
baseline, for both accuracy and time. Meeting accuracy matches each recognised
message's date phrase against the labelled calendar (in-memory SQLite).
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handlers.apologies.language import read
from handlers.apologies.meetings import match_meetings
from handlers.apologies.records import find_named
from storage.directory import find_member_by_name
from storage.models import Base, Member
from tests.handlers import apology_calendar as cal

POSITIVE = {"apology", "on-behalf"}
NAIVE = re.compile(r"apolog|can't make|cannot make|won't be able", re.I)


def scores(predict: Callable[[str], bool], messages: list[dict[str, str]]) -> tuple[float, float]:
    tp = fp = fn = 0
    for message in messages:
        said = predict(message["text"])
        truth = message["label"] in POSITIVE
        tp += said and truth
        fp += said and not truth
        fn += truth and not said
    return tp / ((tp + fp) or 1), tp / ((tp + fn) or 1)


def median_us(predict: Callable[[str], object], messages: list[dict[str, str]]) -> float:
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        for message in messages:
            predict(message["text"])
        runs.append((time.perf_counter() - start) / len(messages) * 1e6)
    return statistics.median(runs)


def meeting_accuracy(data: dict[str, object]) -> tuple[int, int]:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    right = total = 0
    with sessionmaker(engine)() as session:
        boards = cal.build(session, data["calendar"])  # type: ignore[arg-type]
        words = [b.name for b in boards.values()] + [b.short_name or "" for b in boards.values()]
        members = list(session.query(Member))
        for message in data["messages"]:  # type: ignore[attr-defined]
            if message["label"] not in POSITIVE:
                continue
            reading = read(message["text"], words)
            if reading.label.value != message["label"]:
                continue
            who = find_member_by_name(session, message.get("sender", cal.DEFAULT_SENDER))
            if reading.on_behalf:
                who = find_named(members, reading.on_behalf)
            assert who is not None
            now = dt.datetime.fromisoformat(message["now"])
            match = match_meetings(
                session, [r.board_id for r in who.roles], reading.date_phrase, now
            )
            got = (
                cal.meeting_key(match.meetings[0])
                if match.outcome == "found"
                else "ask"
                if match.outcome == "choose"
                else match.outcome
            )
            total += 1
            right += got == message["meeting"]
    return right, total


def main() -> None:
    data = cal.load()
    messages = data["messages"]
    words = [b["name"] for b in data["calendar"]["boards"]] + [
        b["short_name"] for b in data["calendar"]["boards"]
    ]
    ours = lambda text: read(text, words).label.value in POSITIVE  # noqa: E731
    naive = lambda text: NAIVE.search(text) is not None  # noqa: E731
    counts = {
        label: sum(m["label"] == label for m in messages)
        for label in ("apology", "on-behalf", "withdrawal", "not-apology")
    }
    print(f"labelled messages: {len(messages)} {counts}")
    precision, recall = scores(ours, messages)
    print(f"recogniser      precision {precision:6.1%}  recall {recall:6.1%}")
    base_p, base_r = scores(naive, messages)
    print(f"naive baseline  precision {base_p:6.1%}  recall {base_r:6.1%}")
    labels_right = sum(read(m["text"], words).label.value == m["label"] for m in messages)
    print(f"exact label (all four kinds): {labels_right}/{len(messages)}")
    right, total = meeting_accuracy(data)
    print(f"meeting resolved as labelled (recognised positives): {right}/{total}")
    ours_us = median_us(lambda t: read(t, words), messages)
    naive_us = median_us(naive, messages)
    print(
        f"median time per message: {ours_us:.0f} µs (naive {naive_us:.1f} µs, "
        f"ratio {ours_us / naive_us:.0f}x)"
    )


if __name__ == "__main__":
    main()
