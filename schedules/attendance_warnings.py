"""Six-month-rule warnings: at four and at five months after a member's last recorded
attendance, a direct message (or an email, as each recipient chose for reminders) to the
member and to the clerks of the boards they still sit on. Former members (every role
ended) are not warned.

Each warning is claimed by a delivery row (``storage.deliveries``) before it is
sent, as reminders are (``schedules.dispatch``), so two ``boardclerk run``
processes send it once. The key holds the last attendance date, so a later
attendance makes the old warnings moot; each pass plans afresh from the record,
so a later attendance or an approved absence silences them at once. The wording
never says anyone has ceased to be a member: the record covers only the boards
Board Clerk follows.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from handlers.attendance.figures import DueWarning, due_warning
from handlers.messages import Reply
from schedules.dispatch import replica_name
from schedules.notify import Notifier, Target
from storage import attendance_history as attendance
from storage import deliveries
from storage.deliveries import CLAIMED, SENT, settled_keys
from storage.models import DEFAULT_TIMEZONE

log = logging.getLogger(__name__)

KIND = "six-month"
LEASE = dt.timedelta(minutes=5)
EVERY = dt.timedelta(hours=1)
COVERAGE = (
    "Board Clerk's record covers only the boards it follows, so there may be attendance at "
    "other meetings of the authority that it does not know of: please check the authority's "
    "full record before acting."
)


@dataclass(frozen=True)
class PlannedWarning:
    """One warning to one recipient: the member themselves or one of their boards' clerks."""

    key: str
    recipient_id: int
    warning: DueWarning
    member_name: str

    @property
    def to_member(self) -> bool:
        return self.recipient_id == self.warning.member_id


@dataclass
class WarningReport:
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)  # claimed by another process first


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def wording(planned: PlannedWarning) -> Reply:
    """The warning's text: to the member, or to a clerk about the member."""
    warning = planned.warning
    rule = (
        "Under the six-month rule (section 85 of the Local Government Act 1972), membership "
        "can end after six consecutive months without attending any meeting of the authority, "
        "unless the authority approves the reason for the absence before the six months end."
    )
    if planned.to_member:
        text = (
            f"Your last attendance recorded here was {_day(warning.last_attended)}. {rule} Six "
            f"months from that date is {_day(warning.lapses_on)}. {COVERAGE} If you are unable "
            "to attend, please speak to the clerk about an approved absence."
        )
    else:
        text = (
            f"{planned.member_name}'s last attendance recorded here was "
            f"{_day(warning.last_attended)} ({warning.months} months ago); six months from "
            f"that date is {_day(warning.lapses_on)}. {rule} {COVERAGE} An absence the "
            "authority has approved can be recorded on the member's page in the console, or "
            "with `boardclerk member absence-approved`."
        )
    return Reply(
        title=f"Attendance: {warning.months} months since the last recorded attendance",
        text=text,
        intent="attendance.six_month_warning",
        private=True,
    )


def plan(session: Session, today: dt.date) -> list[PlannedWarning]:
    """Every warning due today, for every recipient, whether or not already sent."""
    last = attendance.last_attended(session, today)
    approved = attendance.approved_until(session, today)
    due = [
        warning
        for member_id, date in last.items()
        if (warning := due_warning(member_id, date, today, approved.get(member_id))) is not None
    ]
    former = attendance.former_members(session, [w.member_id for w in due], today)
    due = [w for w in due if w.member_id not in former]
    if not due:
        return []
    ids = [w.member_id for w in due]
    ended = attendance.ended_boards(session, ids, today)
    boards = {
        member_id: held - ended.get(member_id, set())
        for member_id, held in attendance.boards_of(session, ids).items()
    }
    clerks = attendance.clerks_of(session, {b for bs in boards.values() for b in bs})
    names = attendance.member_names(session, ids)
    planned: list[PlannedWarning] = []
    for warning in due:
        recipients = {warning.member_id}
        for board_id in boards.get(warning.member_id, ()):
            recipients |= clerks.get(board_id, set())
        for recipient in sorted(recipients):
            key = (
                f"{KIND}:{warning.member_id}:{warning.last_attended.isoformat()}:"
                f"{warning.months}:{recipient}"
            )
            planned.append(PlannedWarning(key, recipient, warning, names[warning.member_id]))
    return planned


class AttendanceWarnings:
    """Sends the six-month-rule warnings due by ``now``, each once across processes."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        notifier: Notifier,
        *,
        timezone: str = DEFAULT_TIMEZONE,
        lease: dt.timedelta = LEASE,
    ) -> None:
        self.factory = factory
        self.notifier = notifier
        self.zone = ZoneInfo(timezone)
        self.lease = lease
        self.name = replica_name()

    def run(self, now: dt.datetime) -> WarningReport:
        report = WarningReport()
        with self.factory() as session:
            planned = plan(session, now.astimezone(self.zone).date())
            settled = settled_keys(session, (p.key for p in planned), now)
        for one in planned:
            if one.key not in settled:
                self._send(one, now, report)
        if report.sent or report.failed:
            log.info(
                "six-month-rule warnings: %d sent, %d failed", len(report.sent), len(report.failed)
            )
        return report

    def _claim(self, planned: PlannedWarning, now: dt.datetime) -> bool:
        claim = deliveries.Claim(
            outcome=CLAIMED,
            detail=None,
            claimed_at=now,
            claimed_by=self.name,
            lease_until=now + self.lease,
        )
        reminder = deliveries.Reminder(
            key=planned.key,
            kind=KIND,
            member_id=planned.recipient_id,
            meeting_id=None,
            action_id=None,
            due_at=now,
            group_key=None,
        )
        return deliveries.claim_new(self.factory, reminder, claim) or (
            deliveries.take_over_lapsed(self.factory, planned.key, claim)
        )

    def _send(self, planned: PlannedWarning, now: dt.datetime, report: WarningReport) -> None:
        if not self._claim(planned, now):
            report.taken.append(planned.key)
            return
        try:
            delivered = self.notifier.deliver(Target.member(planned.recipient_id), wording(planned))
        except Exception as exc:
            log.warning("six-month warning %s failed: %s", planned.key, type(exc).__name__)
            delivered = False
        outcome = SENT if delivered else "failed"
        detail = None if delivered else "no chat identity to deliver to"
        deliveries.settle(self.factory, planned.key, self.name, outcome, now, detail)
        (report.sent if delivered else report.failed).append(planned.key)
