"""full-text search over agenda items and decisions

SQLite: FTS5 external-content tables kept in sync by triggers.
PostgreSQL: GIN expression indexes (always in sync, no triggers needed).
The expressions here must match ``storage.search`` exactly for the indexes to be used.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOKENIZE = "porter unicode61 remove_diacritics 2"

SQLITE_UPGRADE = [
    f"""CREATE VIRTUAL TABLE agenda_items_fts USING fts5(
        title, presenters, agenda_text, minutes_text,
        content='agenda_items', content_rowid='id', tokenize='{TOKENIZE}')""",
    """CREATE TRIGGER agenda_items_fts_ai AFTER INSERT ON agenda_items BEGIN
        INSERT INTO agenda_items_fts(rowid, title, presenters, agenda_text, minutes_text)
        VALUES (new.id, new.title, new.presenters, new.agenda_text, new.minutes_text);
    END""",
    """CREATE TRIGGER agenda_items_fts_ad AFTER DELETE ON agenda_items BEGIN
        INSERT INTO agenda_items_fts(agenda_items_fts, rowid, title, presenters, agenda_text,
            minutes_text)
        VALUES ('delete', old.id, old.title, old.presenters, old.agenda_text, old.minutes_text);
    END""",
    """CREATE TRIGGER agenda_items_fts_au AFTER UPDATE ON agenda_items BEGIN
        INSERT INTO agenda_items_fts(agenda_items_fts, rowid, title, presenters, agenda_text,
            minutes_text)
        VALUES ('delete', old.id, old.title, old.presenters, old.agenda_text, old.minutes_text);
        INSERT INTO agenda_items_fts(rowid, title, presenters, agenda_text, minutes_text)
        VALUES (new.id, new.title, new.presenters, new.agenda_text, new.minutes_text);
    END""",
    f"""CREATE VIRTUAL TABLE decisions_fts USING fts5(
        text, content='decisions', content_rowid='id', tokenize='{TOKENIZE}')""",
    """CREATE TRIGGER decisions_fts_ai AFTER INSERT ON decisions BEGIN
        INSERT INTO decisions_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER decisions_fts_ad AFTER DELETE ON decisions BEGIN
        INSERT INTO decisions_fts(decisions_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER decisions_fts_au AFTER UPDATE ON decisions BEGIN
        INSERT INTO decisions_fts(decisions_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO decisions_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    # Rows that existed before this revision.
    "INSERT INTO agenda_items_fts(agenda_items_fts) VALUES ('rebuild')",
    "INSERT INTO decisions_fts(decisions_fts) VALUES ('rebuild')",
]

SQLITE_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS decisions_fts_au",
    "DROP TRIGGER IF EXISTS decisions_fts_ad",
    "DROP TRIGGER IF EXISTS decisions_fts_ai",
    "DROP TABLE IF EXISTS decisions_fts",
    "DROP TRIGGER IF EXISTS agenda_items_fts_au",
    "DROP TRIGGER IF EXISTS agenda_items_fts_ad",
    "DROP TRIGGER IF EXISTS agenda_items_fts_ai",
    "DROP TABLE IF EXISTS agenda_items_fts",
]

POSTGRES_UPGRADE = [
    """CREATE INDEX ix_agenda_items_heading_fts ON agenda_items USING gin (
        to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || coalesce(presenters::text, '')))""",
    """CREATE INDEX ix_agenda_items_body_fts ON agenda_items USING gin (
        to_tsvector('english'::regconfig,
            coalesce(agenda_text, '') || ' ' || coalesce(minutes_text, '')))""",
    """CREATE INDEX ix_decisions_fts ON decisions USING gin (
        to_tsvector('english'::regconfig, text))""",
]

POSTGRES_DOWNGRADE = [
    "DROP INDEX IF EXISTS ix_decisions_fts",
    "DROP INDEX IF EXISTS ix_agenda_items_body_fts",
    "DROP INDEX IF EXISTS ix_agenda_items_heading_fts",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    statements = {"sqlite": SQLITE_UPGRADE, "postgresql": POSTGRES_UPGRADE}.get(dialect, [])
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    statements = {"sqlite": SQLITE_DOWNGRADE, "postgresql": POSTGRES_DOWNGRADE}.get(dialect, [])
    for statement in statements:
        op.execute(statement)
