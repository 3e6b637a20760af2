"""The papers digest and late-paper notices: one direct message per member, each sent once.

A digest is due when a sync finds a meeting's agenda published, and again
``papers_digest_days`` before the meeting at the reminder send time (only when
the agenda was out before then; otherwise the first digest already is that
one). When both are due unsent (the bot was down), only the later goes. A
digest waits while the sync is still reading the papers, for up to
``READY_WAIT``. Members who sent apologies get it all the same: the papers are
theirs to read. ``/digest off`` stops both kinds.

Each message is claimed by a delivery row (``storage.deliveries``) before it is
sent, exactly as reminders are (``schedules.dispatch``): two ``boardclerk run``
processes send it once, and a claim whose sender died is taken over once its
lease lapses. Each pass plans afresh from the database.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from handlers.messages import Reply
from schedules.config import ReminderConfig
from schedules.dispatch import replica_name
from schedules.notify import Notifier, Target, one_line
from schedules.papers_wording import digest_reply, late_paper_reply
from storage import deliveries
from storage.deliveries import CLAIMED, SENT, settled_keys
from storage.papers.digest import (
    LATE,
    DigestMeeting,
    digest_meetings,
    late_notices,
    notice_facts,
    recipients,
)

log = logging.getLogger(__name__)

KIND = "papers-digest"
# How long a digest waits for papers the sync is still reading before it goes anyway.
READY_WAIT = dt.timedelta(minutes=30)
# A late-paper notice not sent within this long is history, not news.
LATE_FOR = dt.timedelta(days=2)


@dataclass(frozen=True)
class PlannedPapers:
    """One digest or late-paper notice to one member."""

    key: str
    kind: str  # papers-digest | paper-added
    member_id: int
    meeting_id: int
    at: dt.datetime
    zone: ZoneInfo
    announcement_id: int | None = None


@dataclass
class PapersReport:
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)  # quiet hours
    taken: list[str] = field(default_factory=list)  # claimed by another process first


def occasions(meeting: DigestMeeting, config: ReminderConfig) -> list[tuple[str, dt.datetime]]:
    """When the meeting's digests are due: agenda published, and days before."""
    found: list[tuple[str, dt.datetime]] = []
    if meeting.agenda_at is not None:
        found.append(("published", meeting.agenda_at))
    if config.papers_digest_days > 0:
        day = meeting.date - dt.timedelta(days=config.papers_digest_days)
        before = dt.datetime.combine(day, config.send_time, ZoneInfo(meeting.timezone))
        if meeting.agenda_at is None or meeting.agenda_at < before:
            name = f"before:{meeting.date.isoformat()}:{config.papers_digest_days}d"
            found.append((name, before))
    return found


def _over(meeting: DigestMeeting, now: dt.datetime) -> bool:
    if meeting.starts_at is not None:
        return now >= meeting.starts_at
    ends = dt.datetime.combine(meeting.date, dt.time(23, 59), ZoneInfo(meeting.timezone))
    return now >= ends


def plan(session: Session, now: dt.datetime, config: ReminderConfig) -> list[PlannedPapers]:
    """Every digest and late-paper notice due by ``now``, sent or not."""
    meetings = digest_meetings(session, now.date() - dt.timedelta(days=1))
    late = late_notices(session, now - LATE_FOR)
    members = recipients(session, {m.board_id for m in meetings} | {n.board_id for n in late})
    planned: list[PlannedPapers] = []
    for meeting in meetings:
        due = [(name, at) for name, at in occasions(meeting, config) if at <= now]
        if not due or _over(meeting, now):
            continue
        name, at = max(due, key=lambda occasion: occasion[1])
        if meeting.unread and now < at + READY_WAIT:
            continue
        zone = ZoneInfo(meeting.timezone)
        for member_id in members.get(meeting.board_id, []):
            key = f"{KIND}:{meeting.meeting_id}:{name}:{member_id}"
            planned.append(PlannedPapers(key, KIND, member_id, meeting.meeting_id, at, zone))
    zones = {m.board_id: ZoneInfo(m.timezone) for m in meetings}
    for notice in late:
        if notice.created_at > now:
            continue
        zone = zones.get(notice.board_id, ZoneInfo(config.timezone))
        for member_id in members.get(notice.board_id, []):
            key = f"{LATE}:{notice.announcement_id}:{member_id}"
            planned.append(
                PlannedPapers(
                    key,
                    LATE,
                    member_id,
                    notice.meeting_id,
                    notice.created_at,
                    zone,
                    notice.announcement_id,
                )
            )
    return planned


class PapersDigests:
    """Sends the papers digests and late-paper notices due by ``now``, each once."""

    def __init__(
        self, factory: sessionmaker[Session], notifier: Notifier, config: ReminderConfig
    ) -> None:
        self.factory = factory
        self.notifier = notifier
        self.config = config
        self.name = replica_name()

    def run(self, now: dt.datetime) -> PapersReport:
        report = PapersReport()
        with self.factory() as session:
            planned = plan(session, now, self.config)
            settled = settled_keys(session, (p.key for p in planned), now)
        replies: dict[tuple[str, int], Reply | None] = {}
        for one in planned:
            if one.key in settled:
                continue
            if self.config.is_quiet(now.astimezone(one.zone).time()):
                report.held.append(one.key)
                continue
            self._send(one, now, replies, report)
        if report.sent or report.failed:
            log.info("papers: %d sent, %d failed", len(report.sent), len(report.failed))
        return report

    def _reply(
        self, planned: PlannedPapers, cache: dict[tuple[str, int], Reply | None]
    ) -> Reply | None:
        """The message (the same for every member of the board), built once a pass."""
        subject = planned.announcement_id if planned.kind == LATE else planned.meeting_id
        assert subject is not None
        if (planned.kind, subject) not in cache:
            with self.factory() as session:
                if planned.kind == KIND:
                    cache[planned.kind, subject] = digest_reply(session, subject)
                else:
                    facts = notice_facts(session, subject)
                    cache[planned.kind, subject] = (
                        None if facts is None else late_paper_reply(facts, planned.meeting_id)
                    )
        return cache[planned.kind, subject]

    def _claim(self, planned: PlannedPapers, now: dt.datetime) -> bool:
        claim = deliveries.Claim(
            outcome=CLAIMED,
            detail=None,
            claimed_at=now,
            claimed_by=self.name,
            lease_until=now + self.config.lease,
        )
        reminder = deliveries.Reminder(
            key=planned.key,
            kind=planned.kind,
            member_id=planned.member_id,
            meeting_id=planned.meeting_id,
            action_id=None,
            due_at=planned.at,
            group_key=None,
        )
        return deliveries.claim_new(self.factory, reminder, claim) or (
            deliveries.take_over_lapsed(self.factory, planned.key, claim)
        )

    def _send(
        self,
        planned: PlannedPapers,
        now: dt.datetime,
        cache: dict[tuple[str, int], Reply | None],
        report: PapersReport,
    ) -> None:
        if not self._claim(planned, now):
            report.taken.append(planned.key)
            return
        detail: str | None = None
        try:
            reply = self._reply(planned, cache)
            if reply is None:
                deliveries.settle(
                    self.factory, planned.key, self.name, "dropped", now, "nothing to send"
                )
                return
            delivered = self.notifier.deliver(Target.member(planned.member_id), reply)
            if not delivered:
                detail = "no chat identity or email to deliver to"
        except Exception as exc:
            log.warning("papers message %s failed: %s", planned.key, one_line(exc))
            delivered, detail = False, one_line(exc)[:500]
        outcome = SENT if delivered else "failed"
        deliveries.settle(self.factory, planned.key, self.name, outcome, now, detail)
        (report.sent if delivered else report.failed).append(planned.key)
