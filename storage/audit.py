"""The audit log: personal-data requests and the console's changes, who did what and when."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage.models import Base
from storage.types import UTCDateTime


class AuditEntry(Base):
    """One subject-access or erasure request; kept after the member's own data is gone."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)  # newest first
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str | None] = mapped_column(Text)
    # The board the entry is about, which decides whose console lists it; None for
    # entries about no one board (a member's data, say). No foreign key: the log
    # outlives the board.
    board_id: Mapped[int | None] = mapped_column(Integer, index=True)


def log(
    session: Session,
    *,
    actor: str,
    action: str,
    subject: str,
    detail: str,
    now: dt.datetime,
    board_id: int | None = None,
) -> None:
    """Write one entry; ``board_id`` when it is about one board (its clerks then see it)."""
    entry = AuditEntry(
        at=now, actor=actor, action=action, subject=subject, detail=detail, board_id=board_id
    )
    session.add(entry)
    session.flush()


def latest(session: Session, action: str, subject: str) -> AuditEntry | None:
    """The newest entry of ``action`` about ``subject`` (what the console just did, say)."""
    query = select(AuditEntry).where(AuditEntry.action == action, AuditEntry.subject == subject)
    return session.scalars(query.order_by(AuditEntry.id.desc()).limit(1)).first()
