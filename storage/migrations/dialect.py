"""Statements a revision runs on one kind of database only (triggers, functions, FTS)."""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op


def run_on(dialect: str, statements: Sequence[str]) -> None:
    """Run ``statements`` in order when the database is ``dialect``; elsewhere, nothing."""
    if op.get_bind().dialect.name == dialect:
        for statement in statements:
            op.execute(statement)
