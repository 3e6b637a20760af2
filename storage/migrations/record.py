"""Records what the migration chain runs on an empty database, for ``storage.db`` to replay.

A new database is made by running these statements as they are (see
``storage.db._create_as_recorded``), which is what Alembic would run, without
Alembic's own cost. After adding a migration, record again:

    python -m storage.migrations.record [POSTGRESQL_URL]

(the URL of an empty PostgreSQL database or schema; default: the test database).
tests/storage/test_recorded_schema.py fails while a recording is not current.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text

from storage.db import RECORDINGS, alembic_config, make_engine, newest_revision

# Alembic's questions to the catalogue (is there a version table yet?) change nothing.
_READ = re.compile(r"\s*(SELECT\b|PRAGMA\s+\w+\.(table|index|foreign_key)_\w+\s*\()", re.I)
POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def record(engine: Engine) -> dict[str, Any]:
    """Run the migration chain on ``engine``'s empty database; the statements it ran."""
    from alembic import command

    statements: list[str] = []

    def keep(
        _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool
    ) -> None:
        if _READ.match(statement):
            return
        if parameters or "%" in statement:
            # Replayed as plain text: a bound value or a %-escape would not survive it.
            raise ValueError(f"a migration statement is not plain text: {statement[:200]}")
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", keep)
    try:
        command.upgrade(alembic_config(engine), "heads")
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    return {"revision": newest_revision(), "statements": statements}


def recording(dialect: str) -> dict[str, Any]:
    """The stored recording for ``dialect``, as ``record`` returns it."""
    data: dict[str, Any] = json.loads((RECORDINGS / f"{dialect}.json").read_text("utf-8"))
    return data


def _write(dialect: str, data: dict[str, Any]) -> None:
    path = RECORDINGS / f"{dialect}.json"
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{path}: {len(data['statements'])} statements, up to {data['revision']}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'empty.db'}")
        _write("sqlite", record(engine))
        engine.dispose()
    url = sys.argv[1] if len(sys.argv) > 1 else POSTGRES_URL
    schema = f"record_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        separator = "&" if "?" in url else "?"
        engine = make_engine(f"{url}{separator}options=-csearch_path%3D{schema}")
        _write("postgresql", record(engine))
        engine.dispose()
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
