"""How often the right item comes first: Board Clerk against a plain BM25 ranking.

Imports each council's evaluation documents (tests/handlers/ask/data/councils) into a
fresh SQLite database, asks every labelled question of tests/handlers/ask/data/questions.txt
through the whole pipeline (as the operator, on the council's "asked-on" date), and scores
the reply's citations in order; then ranks the same items by plain BM25 (the question's
words, OR, every field weighed alike) for the baseline. Prints hit@1 and MRR for both.

    .venv/bin/python -m benchmarks.bench_answers [--misses]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from handlers.messages import IncomingMessage
from handlers.pipeline import Pipeline
from ingest import import_paths
from storage.db import open_database
from storage.models import AgendaItem
from storage.search import words

DATA = Path(__file__).resolve().parents[1] / "tests" / "handlers" / "ask" / "data"
# What a plain search engine drops: the commonest English words, nothing about councils.
ENGLISH_STOP_WORDS = frozenset(
    words(
        """a about an and are as at be by did do does for from had has have how i in is it of on
        or that the this to was we were what when where which who why will with"""
    )
)


@dataclass(frozen=True)
class Labelled:
    council: str
    asked_on: dt.date
    meeting: dt.date
    # Words of the expected item's title; "*" when the meeting itself is the answer.
    item: str
    question: str

    def matches(self, meeting: dt.date, title: str | None) -> bool:
        if meeting != self.meeting:
            return False
        return self.item == "*" or (title is not None and self.item.lower() in title.lower())


def labelled(path: Path = DATA / "questions.txt") -> Iterator[Labelled]:
    council, asked_on = "", dt.date.min
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            _, council, day = line.split()
            asked_on = dt.date.fromisoformat(day)
        elif line.strip() and not line.startswith("#"):
            meeting, item, question = (part.strip() for part in line.split("|", 2))
            yield Labelled(council, asked_on, dt.date.fromisoformat(meeting), item, question)


def council_database(council: str, folder: Path) -> sessionmaker[Session]:
    factory = open_database(f"sqlite:///{folder / council}.db")
    import_paths(factory, sorted((DATA / "councils").glob(f"{council}-*")))
    return factory


def board_clerk(factory: sessionmaker[Session], case: Labelled) -> list[tuple[dt.date, str | None]]:
    now = dt.datetime.combine(case.asked_on, dt.time(10), tzinfo=dt.UTC)
    reply = Pipeline(factory).handle(
        IncomingMessage(platform="console", user_id="operator", text=case.question, now=now)
    )
    return [(c.meeting_date, c.item_title) for c in reply.citations]


def plain_bm25(factory: sessionmaker[Session], case: Labelled) -> list[tuple[dt.date, str | None]]:
    asked = [w for w in words(case.question) if w not in ENGLISH_STOP_WORDS]
    if not asked:
        return []
    query = " OR ".join(f'"{w}"' for w in asked)
    with factory() as session:
        rows = session.execute(
            text(
                "SELECT rowid FROM item_search WHERE item_search MATCH :q "
                "ORDER BY bm25(item_search) LIMIT 10"
            ),
            {"q": query},
        ).all()
        ranked = []
        for (item_id,) in rows:
            item = session.get(AgendaItem, item_id)
            if item is not None:
                ranked.append((item.meeting.date, item.title))
        return ranked


def reciprocal_rank(case: Labelled, ranked: list[tuple[dt.date, str | None]]) -> float:
    for rank, (meeting, title) in enumerate(ranked, start=1):
        if case.matches(meeting, title):
            return 1 / rank
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the questions missed")
    args = parser.parse_args()
    cases = list(labelled())
    ranks: dict[str, list[float]] = {"Board Clerk": [], "plain BM25": []}
    misses = []
    with tempfile.TemporaryDirectory() as folder:
        factories = {
            council: council_database(council, Path(folder))
            for council in dict.fromkeys(c.council for c in cases)
        }
        for case in cases:
            factory = factories[case.council]
            ours = reciprocal_rank(case, board_clerk(factory, case))
            ranks["Board Clerk"].append(ours)
            ranks["plain BM25"].append(reciprocal_rank(case, plain_bm25(factory, case)))
            if ours < 1:
                misses.append(f"  {case.council}: {case.question!r} (rank score {ours:.2f})")
    print(f"{len(cases)} questions over {len(factories)} councils")
    print(f"  {'ranking':<14} {'hit@1':>7} {'MRR':>6}")
    for name, found in ranks.items():
        hit = sum(r == 1 for r in found) / len(found)
        print(f"  {name:<14} {hit:7.1%} {sum(found) / len(found):6.3f}")
    ours_hit, base_hit = (sum(r == 1 for r in found) / len(found) for found in ranks.values())
    print(f"  hit@1 difference: {100 * (ours_hit - base_hit):+.1f} points")
    if args.misses:
        print("\n".join(["missed:", *misses]))


if __name__ == "__main__":
    main()
