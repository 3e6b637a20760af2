"""ranked search: one weighted document per agenda item (title, presenters, agenda, minutes,
resolutions), so a question's words are ranked by BM25 across every field at once

SQLite: one FTS5 table (porter stemmer) whose row id is the item's id, kept by triggers on
items and on decisions; ``bm25()`` weighs its columns. PostgreSQL: one row per item with a
``tsvector`` of the whole item, weights A (title, presenters), B (resolutions), C (agenda),
D (minutes), and one of its heading alone, each GIN-indexed, plus the item's board, date
and position (indexed newest first, so "the newest items about X" stops after a few pages
when X is common); kept by triggers on items, decisions and meetings; ``ts_rank`` ranks it.
Replaces revision 0002's per-table indexes.

Revision ID: 0004_ranked_search
Revises: 0003_delivery_lease
"""

from collections.abc import Sequence

from alembic import op

from storage.migrations import earlier

revision: str = "0004_ranked_search"
down_revision: str | None = "0003_delivery_lease"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOKENIZE = "porter unicode61 remove_diacritics 2"
_COLUMNS = "rowid, title, presenters, agenda_text, minutes_text, decisions"
_ROW = (
    "SELECT i.id, i.title, i.presenters, i.agenda_text, i.minutes_text, "
    "(SELECT group_concat(d.text, ' ') FROM decisions d WHERE d.item_id = i.id) "
    "FROM agenda_items i"
)


def _sqlite_refresh(item: str) -> str:
    return (
        f"DELETE FROM item_search WHERE rowid = {item}; "
        f"INSERT INTO item_search({_COLUMNS}) {_ROW} WHERE i.id = {item};"
    )


SQLITE_UPGRADE = [
    "DROP TRIGGER IF EXISTS decisions_fts_au",
    "DROP TRIGGER IF EXISTS decisions_fts_ad",
    "DROP TRIGGER IF EXISTS decisions_fts_ai",
    "DROP TABLE IF EXISTS decisions_fts",
    "DROP TRIGGER IF EXISTS agenda_items_fts_au",
    "DROP TRIGGER IF EXISTS agenda_items_fts_ad",
    "DROP TRIGGER IF EXISTS agenda_items_fts_ai",
    "DROP TABLE IF EXISTS agenda_items_fts",
    f"""CREATE VIRTUAL TABLE item_search USING fts5(
        title, presenters, agenda_text, minutes_text, decisions, tokenize='{TOKENIZE}')""",
    f"CREATE TRIGGER item_search_ai AFTER INSERT ON agenda_items BEGIN "
    f"{_sqlite_refresh('new.id')} END",
    f"CREATE TRIGGER item_search_au AFTER UPDATE ON agenda_items BEGIN "
    f"DELETE FROM item_search WHERE rowid = old.id; {_sqlite_refresh('new.id')} END",
    "CREATE TRIGGER item_search_ad AFTER DELETE ON agenda_items BEGIN "
    "DELETE FROM item_search WHERE rowid = old.id; END",
    f"CREATE TRIGGER item_search_decision_ai AFTER INSERT ON decisions BEGIN "
    f"{_sqlite_refresh('new.item_id')} END",
    f"CREATE TRIGGER item_search_decision_au AFTER UPDATE ON decisions BEGIN "
    f"{_sqlite_refresh('old.item_id')} {_sqlite_refresh('new.item_id')} END",
    f"CREATE TRIGGER item_search_decision_ad AFTER DELETE ON decisions BEGIN "
    f"{_sqlite_refresh('old.item_id')} END",
    f"INSERT INTO item_search({_COLUMNS}) {_ROW}",
]

SQLITE_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS item_search_decision_ad",
    "DROP TRIGGER IF EXISTS item_search_decision_au",
    "DROP TRIGGER IF EXISTS item_search_decision_ai",
    "DROP TRIGGER IF EXISTS item_search_ad",
    "DROP TRIGGER IF EXISTS item_search_au",
    "DROP TRIGGER IF EXISTS item_search_ai",
    "DROP TABLE IF EXISTS item_search",
]

# Must match storage.search: the weights A-D are what ts_rank weighs. The heading
# (title, presenters, resolutions) is kept apart too, so the common "about X" question
# reads small vectors; board, date and position save every search a join.
_PG_HEADING = """
    setweight(to_tsvector('english'::regconfig,
        coalesce(i.title, '') || ' ' || coalesce(i.presenters::text, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(
        (SELECT string_agg(d.text, ' ' ORDER BY d.position) FROM decisions d
         WHERE d.item_id = i.id), '')), 'B')
"""
_PG_BODY = """
    setweight(to_tsvector('english'::regconfig, coalesce(i.agenda_text, '')), 'C')
    || setweight(to_tsvector('english'::regconfig, coalesce(i.minutes_text, '')), 'D')
"""
_PG_ROW = f"""
    SELECT i.id, m.board_id, m.date, i.position, h.heading, h.heading || {_PG_BODY}
    FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id,
    LATERAL (SELECT {_PG_HEADING} AS heading) AS h
"""
_PG_COLUMNS = "item_id, board_id, meeting_date, position, heading, document"

POSTGRES_UPGRADE = [
    "DROP INDEX IF EXISTS ix_decisions_fts",
    "DROP INDEX IF EXISTS ix_agenda_items_body_fts",
    "DROP INDEX IF EXISTS ix_agenda_items_heading_fts",
    """CREATE TABLE item_search (
        item_id integer PRIMARY KEY REFERENCES agenda_items(id) ON DELETE CASCADE,
        board_id integer NOT NULL,
        meeting_date date NOT NULL,
        position integer NOT NULL,
        heading tsvector NOT NULL,
        document tsvector NOT NULL)""",
    "CREATE INDEX ix_item_search_heading ON item_search USING gin (heading)",
    "CREATE INDEX ix_item_search_document ON item_search USING gin (document)",
    "CREATE INDEX ix_item_search_newest ON item_search (meeting_date DESC, position)",
    f"""CREATE FUNCTION item_search_refresh(target integer) RETURNS void
        LANGUAGE sql AS $$
        INSERT INTO item_search ({_PG_COLUMNS}) {_PG_ROW} WHERE i.id = target
        ON CONFLICT (item_id) DO UPDATE SET board_id = excluded.board_id,
            meeting_date = excluded.meeting_date, position = excluded.position,
            heading = excluded.heading, document = excluded.document
        $$""",
    """CREATE FUNCTION item_search_on_item() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM item_search_refresh(NEW.id);
            RETURN NULL;
        END $$""",
    """CREATE FUNCTION item_search_on_decision() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN PERFORM item_search_refresh(OLD.item_id); END IF;
            IF TG_OP <> 'DELETE' THEN PERFORM item_search_refresh(NEW.item_id); END IF;
            RETURN NULL;
        END $$""",
    """CREATE FUNCTION item_search_on_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE item_search SET board_id = NEW.board_id, meeting_date = NEW.date
            WHERE item_id IN (SELECT id FROM agenda_items WHERE meeting_id = NEW.id);
            RETURN NULL;
        END $$""",
    """CREATE TRIGGER item_search_items AFTER INSERT OR UPDATE ON agenda_items
        FOR EACH ROW EXECUTE FUNCTION item_search_on_item()""",
    """CREATE TRIGGER item_search_decisions AFTER INSERT OR UPDATE OR DELETE ON decisions
        FOR EACH ROW EXECUTE FUNCTION item_search_on_decision()""",
    """CREATE TRIGGER item_search_meetings AFTER UPDATE OF date, board_id ON meetings
        FOR EACH ROW EXECUTE FUNCTION item_search_on_meeting()""",
    f"INSERT INTO item_search ({_PG_COLUMNS}) {_PG_ROW}",
]

POSTGRES_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS item_search_meetings ON meetings",
    "DROP TRIGGER IF EXISTS item_search_decisions ON decisions",
    "DROP TRIGGER IF EXISTS item_search_items ON agenda_items",
    "DROP FUNCTION IF EXISTS item_search_on_meeting()",
    "DROP FUNCTION IF EXISTS item_search_on_decision()",
    "DROP FUNCTION IF EXISTS item_search_on_item()",
    "DROP FUNCTION IF EXISTS item_search_refresh(integer)",
    "DROP TABLE IF EXISTS item_search",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    statements = {"sqlite": SQLITE_UPGRADE, "postgresql": POSTGRES_UPGRADE}.get(dialect, [])
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    """Back to revision 0002's indexes (re-created by running its upgrade again)."""
    dialect = op.get_bind().dialect.name
    statements = {"sqlite": SQLITE_DOWNGRADE, "postgresql": POSTGRES_DOWNGRADE}.get(dialect, [])
    for statement in statements:
        op.execute(statement)
    earlier.revision("0002_search").upgrade()
