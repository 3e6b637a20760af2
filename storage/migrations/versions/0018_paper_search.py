"""paper search: papers' pages searchable by the same ranking as items, and where a paper
starts in the document it was read from (an item's slice of an agenda pack)

SQLite: an FTS5 index (porter stemmer, as ``item_search``) over ``paper_pages.text`` as
external content, so the text is not stored twice, kept by triggers on ``paper_pages``.
PostgreSQL: a GIN index on the page's english ``tsvector``, which every search names as
the same expression. ``papers.first_page``: the page of the document at ``url`` the
paper's page 1 is (1 for a report of its own; an item's first page in a pack).

Revision ID: 0018_paper_search
Revises: 0017_email_outbox
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_paper_search"
down_revision: str | None = "0017_email_outbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOKENIZE = "porter unicode61 remove_diacritics 2"
_DELETE = (
    "INSERT INTO paper_page_search(paper_page_search, rowid, text) "
    "VALUES ('delete', old.id, old.text);"
)
_INSERT = "INSERT INTO paper_page_search(rowid, text) VALUES (new.id, new.text);"

SQLITE_UPGRADE = [
    f"""CREATE VIRTUAL TABLE paper_page_search USING fts5(text, content='paper_pages',
        content_rowid='id', tokenize='{TOKENIZE}')""",
    f"CREATE TRIGGER paper_page_search_ai AFTER INSERT ON paper_pages BEGIN {_INSERT} END",
    f"CREATE TRIGGER paper_page_search_ad AFTER DELETE ON paper_pages BEGIN {_DELETE} END",
    f"CREATE TRIGGER paper_page_search_au AFTER UPDATE ON paper_pages BEGIN {_DELETE} {_INSERT} END",
    "INSERT INTO paper_page_search(paper_page_search) VALUES ('rebuild')",
]
SQLITE_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS paper_page_search_au",
    "DROP TRIGGER IF EXISTS paper_page_search_ad",
    "DROP TRIGGER IF EXISTS paper_page_search_ai",
    "DROP TABLE IF EXISTS paper_page_search",
]
# Must match storage.papers.search, which names the same expression so the index is used.
POSTGRES_UPGRADE = [
    "CREATE INDEX ix_paper_pages_search ON paper_pages "
    "USING gin (to_tsvector('english'::regconfig, text))",
]
POSTGRES_DOWNGRADE = ["DROP INDEX IF EXISTS ix_paper_pages_search"]


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch copy (see 0010).
    op.add_column(
        "papers", sa.Column("first_page", sa.Integer(), nullable=False, server_default="1")
    )
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_UPGRADE if dialect == "sqlite" else POSTGRES_UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_DOWNGRADE if dialect == "sqlite" else POSTGRES_DOWNGRADE:
        op.execute(statement)
    op.drop_column("papers", "first_page")
