"""A canonical dump of what the parser makes of every document we have, to prove that a
speed-up changed nothing: write it from the untouched tree, then check after each change.

Covers the fixtures (tests/ingest, blind, papers corpus, examples), the seeds, 300 large and
300 ordinary generated minutes, the pathological inputs at a small size, and seeded variants
(fuzz fragments, shuffled and re-cased fixture lines, dotted and dotless i's) that reach
paths the fixtures alone may not. Each document's dump is ``repr`` of its ``ParsedDocument``
(or the refusal), so any difference in any field shows. Run:

    PYTHONPATH=. .venv/bin/python benchmarks/parse_snapshot.py write /tmp/before.txt [--seeds PATH]
    PYTHONPATH=. .venv/bin/python benchmarks/parse_snapshot.py check /tmp/before.txt [--seeds PATH]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.import_corpus import document, large_document
from ingest import DocumentError, parse_document
from tests.ingest.pathological import CASES
from tests.ingest.test_fuzz import FRAGMENTS

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
FOLDERS = [
    REPO / "tests" / "ingest" / "fixtures",
    REPO / "tests" / "ingest" / "blind" / "fixtures",
    REPO / "tests" / "ingest" / "papers_corpus",
    REPO / "examples",
]
SUFFIXES = {".txt", ".html", ".htm", ".pdf", ".md"}


def documents(seeds: Path) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every document, in a fixed order."""
    texts: list[tuple[str, str]] = []
    for folder in [*FOLDERS, seeds]:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix.lower() in SUFFIXES:
                data = path.read_bytes()
                yield f"{folder.name}/{path.relative_to(folder)}", data
                if path.suffix.lower() != ".pdf":
                    texts.append((path.name, data.decode("utf-8", errors="replace")))
    for large in (True, False):
        rng = random.Random(20261123)
        make = large_document if large else document
        for index in range(300):
            yield f"generated/{'large' if large else 'default'}-{index}", make(index, rng).encode()
    for name, case in sorted(CASES.items()):
        yield f"pathological/{name}", case(1500).encode()
    rng = random.Random(7)
    for index in range(300):
        lines = [rng.choice(FRAGMENTS) for _ in range(rng.randint(5, 60))]
        yield f"fragments/{index}", "\n".join(lines).encode()
    for name, text in texts:
        yield from _variants(name, text, random.Random(name))


def _variants(name: str, text: str, rng: random.Random) -> Iterator[tuple[str, bytes]]:
    lines = text.splitlines()
    if not lines:
        return
    kept = [line for line in lines if rng.random() > 0.15]
    yield f"variant/{name}/dropped", "\n".join(kept).encode()
    doubled = [line for line in lines for _ in range(1 + (rng.random() < 0.1))]
    yield f"variant/{name}/doubled", "\n".join(doubled).encode()
    cased = [line.upper() if rng.random() < 0.3 else line for line in lines]
    yield f"variant/{name}/cased", "\n".join(cased).encode()
    # re.IGNORECASE takes "İ" and "ı" for "i", and "ſ" for "s": folding must agree.
    odd = text.replace("i", "ı", 3).replace("I", "İ", 3).replace("s", "ſ", 2)
    yield f"variant/{name}/dotless", odd.encode()
    head, tail = lines[: len(lines) // 3], lines[len(lines) // 3 :]
    rng.shuffle(tail)
    yield f"variant/{name}/shuffled", "\n".join(head + tail).encode()


def dump(name: str, data: bytes) -> str:
    try:
        parsed = parse_document(data, name=name.rsplit("/", 1)[-1])
    except DocumentError as error:
        return f"\x1e{name}\nDocumentError: {error}\n"
    except Exception as error:  # a crash is output too: it must stay the same crash
        return f"\x1e{name}\nCRASH {type(error).__name__}: {error!r}\n"
    return f"\x1e{name}\n{parsed!r}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["write", "check"])
    parser.add_argument("path", type=Path)
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="folder of the seeds")
    args = parser.parse_args()
    if not any(args.seeds.glob("*.txt")):
        sys.exit(f"no seeds at {args.seeds}: pass --seeds")  # a dump without them proves less
    dumps = [(name, dump(name, data)) for name, data in documents(args.seeds)]
    text = "".join(entry for _, entry in dumps)
    if args.mode == "write":
        args.path.write_text(text, encoding="utf-8")
        print(f"wrote {len(dumps)} documents to {args.path}")
        return
    before = args.path.read_text(encoding="utf-8")
    if before == text:
        print(f"identical: {len(dumps)} documents")
        return
    old = dict(_entries(before))
    differ = [name for name, entry in dumps if old.get(name) != entry]
    print(f"DIFFERENT: {len(differ)} of {len(dumps)} documents ({len(old)} before)")
    for name in differ[:20]:
        print("  ", name)
    sys.exit(1)


def _entries(text: str) -> Iterator[tuple[str, str]]:
    # repr escapes control characters: the record separator only ever opens an entry.
    for chunk in text.split("\x1e")[1:]:
        yield chunk.split("\n", 1)[0], "\x1e" + chunk


if __name__ == "__main__":
    main()
