"""Latency of questions through the whole pipeline, against a bare full-text query.

Builds a generated corpus (BOARDS boards x 10 years x 10 meetings x 15 items) in a
fresh SQLite file and, with --postgres URL, a fresh PostgreSQL schema; then asks a
fixed mix of questions as the operator (every board in scope: the widest search)
and prints p50/p99 per question and the ratio to a bare ``search_items`` call on
the same data, measured in the same run.

    .venv/bin/python -m benchmarks.bench_ask --scale 1        # ~15,000 items
    .venv/bin/python -m benchmarks.bench_ask --scale 10 --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from bot.services import settle_heap
from handlers.messages import IncomingMessage
from handlers.pipeline import Pipeline
from storage.db import make_engine, upgrade
from storage.models import AgendaItem, Base, Board, Decision, Meeting
from storage.search import SEARCH_TABLE, search_items

TOPICS = [
    "Signs of Safety",
    "Virtual School Annual Report",
    "Care Crisis Review",
    "Local Offer for Care Leavers",
    "Sufficiency action plan",
    "Fostering Recruitment",
    "Children in Care Council update",
    "Ofsted Focused Visit",
    "Performance Scorecard",
    "Health Assessments",
    "Youth Justice Plan",
    "Adoption Service Report",
    "Placement Stability",
    "Independent Reviewing Officers",
    "Emotional Wellbeing",
    "Missing from Care",
]
FILLER = [
    "The",
    "Board",
    "received",
    "a",
    "presentation",
    "and",
    "asked",
    "questions",
    "about",
    "demand,",
    "budgets,",
    "staffing,",
    "recruitment,",
    "outcomes",
    "and",
    "the",
    "views",
    "of",
    "young",
    "people.",
    "Members",
    "discussed",
    "the",
    "report.",
]
QUESTIONS = [
    "what did we agree on sufficiency?",
    "what was decided about Signs of Safety?",
    "when did we last discuss the Virtual School?",
    "who presented the Care Crisis Review?",
    "what happened with the local offer for care leavers?",
    "what did we agree on sufficency?",
    "what did we decide about parking charges?",
    "who sent apologies to the September 2020 meeting?",
    "what's outstanding on fostering?",
    "when's the next meeting?",
    "who's the chair?",
    "how many foster carers were approved?",
]
NOW = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)


def generate(factory: sessionmaker[Session], boards: int, seed: int = 4) -> int:
    rng = random.Random(seed)
    with factory() as session, session.begin():
        board_ids = []
        for b in range(boards):
            board = Board(name=f"Board {b:03d}")
            session.add(board)
            session.flush()
            board_ids.append(board.id)
        item_rows, decision_rows = [], []
        item_id = 0
        for board_id in board_ids:
            for year in range(2016, 2026):
                for month in (1, 2, 3, 4, 5, 6, 7, 9, 10, 11):
                    date = dt.date(year, month, 10 + rng.randrange(10))
                    meeting_id = session.execute(
                        insert(Meeting).returning(Meeting.id),
                        [{"board_id": board_id, "date": date, "status": "held"}],
                    ).scalar_one()
                    for position in range(15):
                        item_id += 1
                        topic = rng.choice(TOPICS)
                        minutes = " ".join(rng.choice(FILLER) for _ in range(60)) + f" {topic}."
                        item_rows.append(
                            {
                                "id": item_id,
                                "meeting_id": meeting_id,
                                "position": position,
                                "number": f"{year % 100}/{position}",
                                "title": topic,
                                "presenters": [f"Officer {rng.randrange(50)}"],
                                "minutes_text": minutes,
                                "truncated": False,
                                "exempt": False,
                            }
                        )
                        decision_rows.append(
                            {
                                "item_id": item_id,
                                "position": 0,
                                "kind": "agreed",
                                "text": "AGREED that the information provided be noted.",
                            }
                        )
        for start in range(0, len(item_rows), 5000):
            session.execute(insert(AgendaItem), item_rows[start : start + 5000])
            session.execute(insert(Decision), decision_rows[start : start + 5000])
        return item_id


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(label: str, url: str, boards: int, repeat: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    start = time.perf_counter()
    items = generate(factory, boards)
    if engine.dialect.name == "postgresql":
        # What autovacuum does after a bulk load (test servers often run without it): the
        # search rows rewritten as each item's resolutions arrived leave dead rows behind.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            tables = ", ".join([*Base.metadata.tables, SEARCH_TABLE])
            connection.execute(text(f"VACUUM ANALYZE {tables}"))
    print(f"\n{label}: {items:,} items generated in {time.perf_counter() - start:.1f}s")
    pipeline = Pipeline(factory)
    with factory() as session:
        all_boards = list(session.scalars(select(Board.id)))

    def ask(question: str) -> Callable[[], object]:
        message = IncomingMessage(platform="console", user_id="operator", text=question, now=NOW)
        return lambda: pipeline.handle(message)

    def bare() -> object:
        with factory() as session:
            return search_items(session, ["sufficiency"], all_boards, limit=60)

    for question in ("warm up", "sorry, I can't make Wednesday"):
        pipeline.handle(
            IncomingMessage(platform="console", user_id="operator", text=question, now=NOW)
        )
    settle_heap()  # as `boardclerk run` does once it has started
    baseline = timed(bare, repeat * 3)
    all_samples: list[float] = []
    print(f"  {'question':<52} {'p50 ms':>8} {'p99 ms':>8} {'first ms':>9}")
    for question in QUESTIONS:
        # The first call of each question shape compiles its SQL; shown apart, not in p99.
        [first] = timed(ask(question), 1)
        samples = timed(ask(question), repeat)
        all_samples += samples
        print(
            f"  {question:<52} {statistics.median(samples):8.1f} {p(samples, 0.99):8.1f}"
            f" {first:9.1f}"
        )
    base = statistics.median(baseline)
    print(
        f"  {'ALL QUESTIONS':<52} {statistics.median(all_samples):8.1f} {p(all_samples, 0.99):8.1f}"
    )
    print(f"  {'bare full-text query (search_items)':<52} {base:8.1f} {p(baseline, 0.99):8.1f}")
    print(f"  ratio pipeline p50 / bare p50: {statistics.median(all_samples) / base:.1f}x")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1, help="1: 10 boards; 10: 100 boards")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--postgres", help="PostgreSQL URL; a fresh schema is used and dropped")
    args = parser.parse_args()
    boards = 10 * args.scale
    with tempfile.TemporaryDirectory() as folder:
        run("SQLite", f"sqlite:///{Path(folder) / 'bench.db'}", boards, args.repeat)
    if args.postgres:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(args.postgres)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            sep = "&" if "?" in args.postgres else "?"
            run(
                "PostgreSQL",
                f"{args.postgres}{sep}options=-csearch_path%3D{schema}",
                boards,
                args.repeat,
            )
        finally:
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


if __name__ == "__main__":
    main()
