"""What the papers digest and late-paper notices read and record.

A digest goes to each member of a board when the sync finds an agenda published
(the outbox's "agenda" announcement says when) and again some days before the
meeting; a paper first seen after that announcement is "late", and is recorded
once as a "paper-added" announcement for the board's channel and its members.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from storage.models import Board, BoardRole, Meeting, MeetingStatus, Role
from storage.papers.tables import DigestChoice, Paper
from storage.sources.announce import Change, queue_announcements
from storage.sources.tables import Announcement, SourceMeeting

# Who sits on a board for its papers: not clerks, officers or substitutes.
DIGEST_ROLES = (Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER, Role.CO_OPTED)
LATE = "paper-added"


@dataclass(frozen=True)
class DigestMeeting:
    """A scheduled meeting with papers, and when its agenda and papers arrived."""

    meeting_id: int
    board_id: int
    timezone: str
    date: dt.date
    starts_at: dt.datetime | None
    # When a sync found its agenda published; None when no sync announced it.
    agenda_at: dt.datetime | None
    # Papers listed but neither read nor failed yet (restricted ones are never read).
    unread: int


@dataclass(frozen=True)
class LateNotice:
    """One recorded late paper: the announcement that members are told of too."""

    announcement_id: int
    board_id: int
    meeting_id: int
    created_at: dt.datetime
    restricted: bool


def digest_meetings(session: Session, first: dt.date) -> list[DigestMeeting]:
    """Scheduled meetings dated ``first`` or later that have papers listed."""
    unread = case(
        (
            and_(Paper.restricted.is_(False), Paper.fetched_at.is_(None), Paper.error.is_(None)),
            1,
        ),
        else_=0,
    )
    rows = session.execute(
        select(
            Meeting.id,
            Meeting.board_id,
            Board.timezone,
            Meeting.date,
            Meeting.starts_at,
            func.sum(unread),
        )
        .join(Paper, Paper.meeting_id == Meeting.id)
        .join(Board, Board.id == Meeting.board_id)
        .where(Meeting.status == MeetingStatus.SCHEDULED, Meeting.date >= first)
        .group_by(Meeting.id, Meeting.board_id, Board.timezone, Meeting.date, Meeting.starts_at)
    ).all()
    published = agenda_published_at(session, [row[0] for row in rows])
    return [
        DigestMeeting(
            meeting_id, board_id, zone, date, starts, published.get(meeting_id), int(count or 0)
        )
        for meeting_id, board_id, zone, date, starts, count in rows
    ]


def agenda_published_at(session: Session, meeting_ids: Iterable[int]) -> dict[int, dt.datetime]:
    """When a sync first announced each meeting's agenda (meetings never announced left out)."""
    ids = list(meeting_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(Announcement.meeting_id, func.min(Announcement.created_at))
        .where(Announcement.kind == "agenda", Announcement.meeting_id.in_(ids))
        .group_by(Announcement.meeting_id)
    )
    return {meeting_id: at for meeting_id, at in rows if meeting_id is not None}


def recipients(session: Session, board_ids: Iterable[int]) -> dict[int, list[int]]:
    """Each board's members who take the papers digest (``/digest off`` left out)."""
    ids = list(board_ids)
    if not ids:
        return {}
    off = select(DigestChoice.member_id).where(DigestChoice.enabled.is_(False))
    rows = session.execute(
        select(BoardRole.board_id, BoardRole.member_id)
        .where(
            BoardRole.board_id.in_(ids),
            BoardRole.role.in_(DIGEST_ROLES),
            BoardRole.member_id.not_in(off),
        )
        .distinct()
        .order_by(BoardRole.board_id, BoardRole.member_id)
    )
    found: dict[int, list[int]] = {}
    for board_id, member_id in rows:
        found.setdefault(board_id, []).append(member_id)
    return found


def digest_enabled(session: Session, member_id: int) -> bool:
    choice = session.get(DigestChoice, member_id)
    return choice is None or choice.enabled


def set_digest(session: Session, member_id: int, enabled: bool, now: dt.datetime) -> None:
    """Records the member's ``/digest on|off``."""
    choice = session.get(DigestChoice, member_id)
    if choice is None:
        session.add(DigestChoice(member_id=member_id, enabled=enabled, changed_at=now))
    else:
        choice.enabled, choice.changed_at = enabled, now
    session.flush()


def late_notices(session: Session, since: dt.datetime) -> list[LateNotice]:
    """Late papers recorded since ``since``, oldest first."""
    rows = session.execute(
        select(
            Announcement.id,
            Announcement.board_id,
            Announcement.meeting_id,
            Announcement.created_at,
            Announcement.facts,
        )
        .where(Announcement.kind == LATE, Announcement.created_at >= since)
        .order_by(Announcement.id)
    )
    return [
        LateNotice(row_id, board_id, meeting_id, created, bool(facts.get("restricted")))
        for row_id, board_id, meeting_id, created, facts in rows
        if meeting_id is not None
    ]


def notice_facts(session: Session, announcement_id: int) -> dict[str, object] | None:
    row = session.get(Announcement, announcement_id)
    return None if row is None else dict(row.facts)


def _first_papers_of_published_agenda(session: Session, meeting_id: int) -> dt.datetime | None:
    """When its papers were first seen, for an agenda already out when the site was followed.

    The first sync announces nothing, so such a meeting has no "agenda"
    announcement; papers seen after that first sync are late all the same.
    """
    states = session.scalars(
        select(SourceMeeting.state).where(SourceMeeting.meeting_id == meeting_id)
    ).all()
    if not any(state.get("agenda") for state in states):
        return None
    return session.scalar(select(func.min(Paper.first_seen)).where(Paper.meeting_id == meeting_id))


def queue_late_papers(session: Session, meeting_id: int, now: dt.datetime) -> int:
    """Records each paper first seen after the meeting's agenda was announced, once; how many new.

    A paper counts once it is read (its page count known), or at once when it is
    restricted, which is never read. Keyed by meeting, item and address, so a
    re-sync or another replica never records it twice.
    """
    meeting = session.get(Meeting, meeting_id)
    published = agenda_published_at(session, [meeting_id]).get(meeting_id)
    if published is None:
        published = _first_papers_of_published_agenda(session, meeting_id)
    if published is None or meeting is None:
        return 0
    start = meeting.local_start()
    late = session.scalars(
        select(Paper)
        .where(Paper.meeting_id == meeting_id, Paper.first_seen > published)
        .where((Paper.page_count.is_not(None)) | Paper.restricted.is_(True))
        .order_by(Paper.position, Paper.id)
    ).all()
    found = []
    for paper in late:
        digest = hashlib.sha256(f"{paper.item_key}\n{paper.url}".encode()).hexdigest()[:20]
        facts = {
            "board": meeting.board.name,
            "date": meeting.date.isoformat(),
            "time": start.strftime("%H:%M") if start else None,
            "item_number": paper.item_number,
            "item_title": paper.item_title,
            "title": paper.title,
            "pages": paper.page_count,
            "url": paper.url,
            "restricted": paper.restricted,
        }
        found.append(Change(LATE, f"{LATE}:{meeting_id}:{digest}", facts))
    return queue_announcements(session, meeting.board_id, meeting_id, found, now)
