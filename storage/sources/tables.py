"""What following a council's site needs stored: the sources, their meetings, the outbox.

A source meeting maps the site's own meeting id to our meeting, so a meeting the
council moves to another day is updated in place, never duplicated. Its content
hash is how a re-sync knows nothing changed (the sites send no ETag), and its
``state`` is what the last announcement compared against.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models import Base, Board, Meeting, utcnow
from storage.types import UTCDateTime


class Source(Base):
    """One committee on one council's ModernGov site, followed into one board."""

    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("kind", "url", "committee_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(String(300))
    committee_id: Mapped[str] = mapped_column(String(40))
    committee_title: Mapped[str] = mapped_column(String(300))
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # None until the first sync completes: that one is history and announces nothing.
    synced_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    # The site's ids of meetings whose last fetch failed: fetched again on every sync,
    # whatever their date, until they land.
    failed_meetings: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")

    board: Mapped[Board] = relationship()


class SourceMeeting(Base):
    """The site's meeting id for one of our meetings, with what we last read of it."""

    __tablename__ = "source_meetings"
    __table_args__ = (UniqueConstraint("source_id", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(40))
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    content_hash: Mapped[str] = mapped_column(String(64))
    # Bumped on every change: a document row per version, even when content comes back.
    version: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    fetched_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    meeting: Mapped[Meeting] = relationship()


class Announcement(Base):
    """A change to tell a board about; recorded before it is sent, claimed once."""

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The change folded into one key (kind, source meeting, what it changed to).
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    facts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # pending | claimed | sent | failed | dropped
    outcome: Mapped[str] = mapped_column(String(20), default="pending", index=True)


class SyncLease(Base):
    """Who is syncing now: one row per job name, taken over only once it has expired."""

    __tablename__ = "sync_leases"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    holder: Mapped[str] = mapped_column(String(100))
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
