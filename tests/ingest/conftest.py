"""Paths shared by the importer tests."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


def fold(text: str | None) -> str:
    """Case and white space folded, curly apostrophes straightened: how the seeds compare."""
    return " ".join((text or "").replace("\u2019", "'").split()).casefold()
