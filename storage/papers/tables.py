"""What is kept of each paper: its listing, what was fetched, and its text page by page.

Papers hang off the meeting and the site's own item key, not our agenda item row:
a re-sync rewrites a meeting's items, and a paper already read must survive that
without being fetched again. ``listing`` (title and address as the site listed
them) is how a re-sync knows whether to fetch again; ``error`` marks one to retry.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models import Base, Meeting
from storage.types import UTCDateTime


class Paper(Base):
    """One document an agenda item links to."""

    __tablename__ = "papers"
    __table_args__ = (UniqueConstraint("meeting_id", "item_key", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    # The site's item id (or its number), and the item as listed when the paper was seen.
    item_key: Mapped[str] = mapped_column(String(60))
    item_number: Mapped[str | None] = mapped_column(String(40))
    item_title: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(String(600))
    # report | appendix | supplement | presentation | minutes | agenda | other
    kind: Mapped[str] = mapped_column(String(20))
    # Restricted (exempt) papers are listed, never fetched.
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    listing: Mapped[str] = mapped_column(String(64))
    # The page of the document at ``url`` that is this paper's page 1: an item's slice of an
    # agenda pack starts part-way through it, and links and cites give the pack's page.
    first_page: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    page_count: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64))
    first_seen: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    fetched_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Why the last fetch failed; the paper is fetched again on the next sync.
    error: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship()
    pages: Mapped[list[PaperPage]] = relationship(
        cascade="all, delete-orphan", order_by="PaperPage.number", passive_deletes=True
    )

    def printed_page(self, number: int) -> int:
        """The page of the document at ``url`` that this paper's page ``number`` is."""
        return self.first_page + number - 1


class PaperPage(Base):
    """One printed page's text, exactly as the PDF gives it."""

    __tablename__ = "paper_pages"
    __table_args__ = (UniqueConstraint("paper_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("papers.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class DigestChoice(Base):
    """A member's ``/digest off|on``; no row means the papers digest is on."""

    __tablename__ = "digest_choices"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    enabled: Mapped[bool] = mapped_column(Boolean)
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
