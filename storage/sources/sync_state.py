"""What a sync reads of its sources before fetching, and records on them after."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.sources.apply import SourceContext
from storage.sources.tables import Source, SourceMeeting


def source_ids(session: Session, only: int | None = None) -> list[int]:
    """The id of every source (or just ``only``, if it exists), in id order."""
    query = select(Source.id).order_by(Source.id)
    if only is not None:
        query = query.where(Source.id == only)
    return list(session.scalars(query))


def sync_context(session: Session, source_id: int, today: dt.date) -> SourceContext:
    """The source and the content hash of each meeting it has stored; ValueError if unknown."""
    source = session.get(Source, source_id)
    if source is None:
        raise ValueError(f"no source with id {source_id}")
    rows = session.execute(
        select(SourceMeeting.external_id, SourceMeeting.content_hash).where(
            SourceMeeting.source_id == source_id
        )
    )
    return SourceContext(
        source_id=source.id,
        url=source.url,
        committee_id=source.committee_id,
        committee_title=source.committee_title,
        board_id=source.board_id,
        board_name=source.board.name,
        first=source.synced_at is None,
        hashes=dict(rows.all()),
        today=today,
        failed=tuple(source.failed_meetings or ()),
    )


def record_sync(
    session: Session,
    source_id: int,
    now: dt.datetime,
    problems: list[str],
    *,
    reached: bool,
    tried: set[str],
    failed: list[str],
) -> None:
    """Notes a finished sync: ``now`` as its last if the site was ``reached``, its problems, and
    the meetings still to fetch: those that ``failed`` now, and those that failed before and
    were not ``tried`` (the site was down)."""
    source = session.get(Source, source_id)
    if source is None:
        return
    if reached:
        source.synced_at = now
    source.last_error = "; ".join(p for p in problems if p) or None
    still = list(failed)
    still += [i for i in source.failed_meetings or () if i not in tried and i not in still]
    source.failed_meetings = still
