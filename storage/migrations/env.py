"""Alembic environment: runs on the engine the application hands over."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Engine, create_engine

import storage.audit
import storage.console_auth
import storage.email
import storage.email_outbox
import storage.sources.tables
import storage.turns
from storage.models import Base
from storage.search import is_model_object
from storage.types import UTCDateTime

# Tables defined outside storage.models join Base.metadata when imported.
_ALL_TABLES = (storage.audit, storage.email, storage.email_outbox, storage.turns)


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Write our UTC column as a plain timezone-aware DateTime in migrations."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


config = context.config
engine = config.attributes.get("engine")
if not isinstance(engine, Engine):
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=render_item,
        include_name=is_model_object,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
