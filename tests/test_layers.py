"""The packages keep their layers: bot -> handlers/schedules -> ingest -> storage.

Ruff's banned-api rules (pyproject.toml and the ruff.toml in the packages) say
the same; this reads every module with ``ast`` so the layering still holds if
that configuration is edited. Each test names the offending module and import.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "ingest", "storage", "schedules")
MAX_LINES = 500

HTTP_AND_DOCUMENTS = ("httpx", "pypdf", "pdfplumber", "pypdfium2", "selectolax")
# What builds a SQL statement (or a query's loading options): storage/ alone does that.
STATEMENT_BUILDERS = frozenset(
    [
        *(
            f"sqlalchemy.{name}"
            for name in (
                "select",
                "insert",
                "update",
                "delete",
                "text",
                "func",
                "or_",
                "and_",
                "not_",
                "exists",
                "extract",
                "case",
                "literal_column",
                "bindparam",
                "sql",
                "future",
            )
        ),
        *(
            f"sqlalchemy.orm.{name}"
            for name in (
                "selectinload",
                "joinedload",
                "subqueryload",
                "contains_eager",
                "with_loader_criteria",
            )
        ),
    ]
)


def modules(*packages: str) -> Iterator[Path]:
    for package in packages:
        yield from sorted((ROOT / package).rglob("*.py"))


def name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _package_of(path: Path) -> list[str]:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return parts if parts[-1] == "__init__" else parts[:-1]


@cache
def imported(path: Path) -> frozenset[str]:
    """Every module and module attribute ``path`` imports, as dotted names.

    ``from a.b import c`` gives "a.b" and "a.b.c"; ``import sqlalchemy as sa`` and a use
    of ``sa.select`` gives "sqlalchemy.select"; imports inside functions count too.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(alias.name)
                aliases[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = _package_of(path)[: len(_package_of(path)) - node.level + 1]
                base = ".".join([*package, base] if base else package)
            found.add(base)
            for alias in node.names:
                found.add(f"{base}.{alias.name}")
                aliases[alias.asname or alias.name] = f"{base}.{alias.name}"
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
        ):
            found.add(f"{aliases[node.value.id]}.{node.attr}")
    return frozenset(found)


def within(dotted: str, top: str) -> bool:
    return dotted == top or dotted.startswith(f"{top}.")


def offences(packages: tuple[str, ...], banned: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{name(path)} imports {dotted}"
        for path in modules(*packages)
        for dotted in imported(path)
        if any(within(dotted, top) for top in banned)
    )


def test_no_module_is_over_500_lines() -> None:
    long = {
        name(path): count
        for path in modules(*PACKAGES)
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }

    assert long == {}


def test_parsers_and_readers_touch_no_database() -> None:
    assert offences(("ingest/parsers", "ingest/readers"), ("sqlalchemy",)) == []


def test_storage_does_no_http_or_document_reading() -> None:
    assert offences(("storage",), HTTP_AND_DOCUMENTS) == []


def test_storage_imports_nothing_from_the_layers_above() -> None:
    assert offences(("storage",), ("ingest", "handlers", "schedules", "bot")) == []


def test_ingest_imports_no_handlers_schedules_or_bot() -> None:
    assert offences(("ingest",), ("handlers", "schedules", "bot")) == []


def test_handlers_and_schedules_import_no_bot() -> None:
    assert offences(("handlers", "schedules"), ("bot",)) == []


def test_no_sql_statements_outside_storage() -> None:
    building = sorted(
        f"{name(path)} uses {dotted}"
        for path in modules("bot", "handlers", "ingest", "schedules")
        for dotted in imported(path)
        if any(within(dotted, builder) for builder in STATEMENT_BUILDERS)
    )

    assert building == []


def test_the_checks_see_a_violation() -> None:
    # The walk must find what it looks for, or every test above passes vacuously.
    assert "sqlalchemy.select" in imported(ROOT / "storage/listings.py")
    assert "ingest.parsers.dates" in imported(ROOT / "ingest/parsers/readings.py")
    assert "selectolax.lexbor" in imported(ROOT / "ingest/readers/html_text.py")
