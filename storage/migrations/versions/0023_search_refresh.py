"""search refresh once a transaction: PostgreSQL's item search rows are computed at commit,
once an item, instead of on every row written

Revision 0004's triggers recomputed an item's whole weighted document (title, agenda,
minutes, every resolution) and its GIN entries for each item written and again for each
of its resolutions: storing a 13-item minutes document refreshed its items 25 times,
15 of the 17 ms of server CPU the document cost. Now writes only note the item in
``item_search_pending``; a deferred constraint trigger refreshes every noted item in one
statement at commit and empties the table, so it is empty outside a transaction. A
search in the transaction that wrote (``storage.search``) refreshes them first, so it
sees what it wrote as before. Updates that change nothing searched note nothing.

SQLite keeps revision 0004's FTS5 triggers: it has no deferred triggers.

Revision ID: 0023_search_refresh
Revises: 0022_audit_board
"""

from collections.abc import Sequence

from alembic import op

from storage.migrations import earlier
from storage.migrations.dialect import run_on

revision: str = "0023_search_refresh"
down_revision: str | None = "0022_audit_board"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_0004 = earlier.revision("0004_ranked_search")
# Each note also holds the transaction's own mark, minus its backend's process id (no
# item's id is negative, and no two open transactions share a backend): only the mark's
# insert queues the commit-time refresh, so it runs once, not once an item.
_NOTE = (
    "INSERT INTO item_search_pending (item_id) {rows} UNION ALL SELECT -pg_backend_pid() "
    "ON CONFLICT DO NOTHING"
)
# What an item's search row is made of; anything else changing notes nothing.
_ITEM_CHANGED = " OR ".join(
    f"OLD.{c} IS DISTINCT FROM NEW.{c}"
    for c in ("meeting_id", "position", "title", "presenters::text", "agenda_text", "minutes_text")
)
_DECISION_CHANGED = " OR ".join(
    f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in ("item_id", "position", "text")
)
_MEETING_CHANGED = "OLD.date IS DISTINCT FROM NEW.date OR OLD.board_id IS DISTINCT FROM NEW.board_id"

POSTGRES_UPGRADE = [
    "DROP TRIGGER IF EXISTS item_search_items ON agenda_items",
    "DROP TRIGGER IF EXISTS item_search_decisions ON decisions",
    "DROP TRIGGER IF EXISTS item_search_meetings ON meetings",
    "DROP FUNCTION IF EXISTS item_search_on_item()",
    "DROP FUNCTION IF EXISTS item_search_on_decision()",
    "DROP FUNCTION IF EXISTS item_search_refresh(integer)",
    # Logged, not UNLOGGED: a standby cannot read an unlogged table, and every search reads it.
    "CREATE TABLE item_search_pending (item_id integer PRIMARY KEY)",
    # One statement for every noted item; returns how many it refreshed. PL/pgSQL, so the
    # statement is planned once a session rather than on every call.
    f"""CREATE FUNCTION item_search_flush() RETURNS integer LANGUAGE plpgsql AS $$
        DECLARE
            refreshed integer;
        BEGIN
            WITH due AS (DELETE FROM item_search_pending RETURNING item_id)
            INSERT INTO item_search ({_0004._PG_COLUMNS}) {_0004._PG_ROW}
            WHERE i.id IN (SELECT item_id FROM due)
            ON CONFLICT (item_id) DO UPDATE SET board_id = excluded.board_id,
                meeting_date = excluded.meeting_date, position = excluded.position,
                heading = excluded.heading, document = excluded.document;
            GET DIAGNOSTICS refreshed = ROW_COUNT;
            RETURN refreshed;
        END $$""",
    """CREATE FUNCTION item_search_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM item_search_flush();
            RETURN NULL;
        END $$""",
    # Queued when a transaction's mark goes in (WHEN is not deferred), run at its commit.
    """CREATE CONSTRAINT TRIGGER item_search_pending_at_commit
        AFTER INSERT ON item_search_pending DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW WHEN (NEW.item_id < 0) EXECUTE FUNCTION item_search_at_commit()""",
    f"""CREATE FUNCTION item_search_note_added() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_TABLE_NAME = 'agenda_items' THEN
                {_NOTE.format(rows="SELECT id FROM added")};
            ELSE
                {_NOTE.format(rows="SELECT item_id FROM added")};
            END IF;
            RETURN NULL;
        END $$""",
    f"""CREATE FUNCTION item_search_note_removed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {_NOTE.format(rows="SELECT item_id FROM removed")};
            RETURN NULL;
        END $$""",
    f"""CREATE FUNCTION item_search_note_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_TABLE_NAME = 'agenda_items' THEN
                {_NOTE.format(rows="SELECT NEW.id")};
            ELSE
                {_NOTE.format(rows="SELECT OLD.item_id UNION ALL SELECT NEW.item_id")};
            END IF;
            RETURN NULL;
        END $$""",
    # Inserts and deletes by statement: a multi-row insert notes its items at once.
    """CREATE TRIGGER item_search_items_added AFTER INSERT ON agenda_items
        REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION item_search_note_added()""",
    f"""CREATE TRIGGER item_search_items_changed AFTER UPDATE ON agenda_items
        FOR EACH ROW WHEN ({_ITEM_CHANGED}) EXECUTE FUNCTION item_search_note_changed()""",
    """CREATE TRIGGER item_search_decisions_added AFTER INSERT ON decisions
        REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION item_search_note_added()""",
    f"""CREATE TRIGGER item_search_decisions_changed AFTER UPDATE ON decisions
        FOR EACH ROW WHEN ({_DECISION_CHANGED}) EXECUTE FUNCTION item_search_note_changed()""",
    """CREATE TRIGGER item_search_decisions_removed AFTER DELETE ON decisions
        REFERENCING OLD TABLE AS removed
        FOR EACH STATEMENT EXECUTE FUNCTION item_search_note_removed()""",
    # A meeting's new date or board is two columns of its items' rows: set at once, as
    # before, but only when one of them changed.
    f"""CREATE TRIGGER item_search_meetings AFTER UPDATE OF date, board_id ON meetings
        FOR EACH ROW WHEN ({_MEETING_CHANGED}) EXECUTE FUNCTION item_search_on_meeting()""",
]

POSTGRES_DOWNGRADE = [
    "SELECT item_search_flush()",
    "DROP TRIGGER IF EXISTS item_search_meetings ON meetings",
    "DROP TRIGGER IF EXISTS item_search_decisions_removed ON decisions",
    "DROP TRIGGER IF EXISTS item_search_decisions_changed ON decisions",
    "DROP TRIGGER IF EXISTS item_search_decisions_added ON decisions",
    "DROP TRIGGER IF EXISTS item_search_items_changed ON agenda_items",
    "DROP TRIGGER IF EXISTS item_search_items_added ON agenda_items",
    "DROP FUNCTION IF EXISTS item_search_note_changed()",
    "DROP FUNCTION IF EXISTS item_search_note_removed()",
    "DROP FUNCTION IF EXISTS item_search_note_added()",
    "DROP TABLE IF EXISTS item_search_pending",
    "DROP FUNCTION IF EXISTS item_search_at_commit()",
    "DROP FUNCTION IF EXISTS item_search_flush()",
    # Revision 0004's functions and triggers, as it made them.
    *(
        statement
        for statement in _0004.POSTGRES_UPGRADE
        if statement.lstrip().startswith(("CREATE FUNCTION", "CREATE TRIGGER"))
        and "item_search_on_meeting() RETURNS" not in statement
    ),
]


def upgrade() -> None:
    run_on("postgresql", POSTGRES_UPGRADE)


def downgrade() -> None:
    run_on("postgresql", POSTGRES_DOWNGRADE)
