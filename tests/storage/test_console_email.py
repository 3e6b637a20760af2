"""The console's Email page reads: kept replies and failed email of one board's members only,
a page at a time, and a retry that only reaches a failed email in scope."""

from __future__ import annotations

import datetime as dt

from storage.console_email import board_failed_mail, board_replies, retry_failed
from storage.db import transaction
from storage.email_outbox import FAILED, QUEUED, OutboxMail, enqueue, keep_reply
from storage.models import Board, BoardRole, Meeting, Member, Role
from tests.conftest import Database

AT = dt.datetime(2026, 11, 18, 9, tzinfo=dt.UTC)


def _world(db: Database) -> tuple[int, int, int, int, int, int]:
    """Two boards, a member of each; three replies and three failed emails (one sent)."""
    with transaction(db.factory) as session:
        cpb, panel = Board(name="Corporate Parenting Board"), Board(name="Health Scrutiny Panel")
        walker = Member(name="Councillor J Walker", match_key="j walker", email="jw@example.org")
        patel = Member(name="Councillor K Patel", match_key="k patel", email="kp@example.org")
        walker.roles = [BoardRole(board=cpb, role=Role.MEMBER)]
        patel.roles = [BoardRole(board=panel, role=Role.MEMBER)]
        meeting = Meeting(board=cpb, date=dt.date(2026, 12, 2))
        session.add_all([cpb, panel, walker, patel, meeting])
        session.flush()
        for n, (member, meeting_id) in enumerate(
            [(walker, meeting.id), (walker, None), (patel, None)]
        ):
            keep_reply(
                session,
                member_id=member.id,
                meeting_id=meeting_id,
                now=AT + dt.timedelta(minutes=n),
                subject=f"Re: {n}",
                text=f"reply {n}",
                understood="sent to the clerk",
            )
        mail = []
        for n, member in enumerate([walker, walker, patel]):
            mail_id = enqueue(
                session,
                message_id=f"<{n}@test>",
                member_id=member.id,
                recipient=member.email or "",
                subject=f"Reminder {n}",
                body=b"x",
                now=AT,
            )
            row = session.get_one(OutboxMail, mail_id)
            row.status, row.last_error = (FAILED, "550 no such user") if n != 1 else ("sent", None)
            mail.append(mail_id)
        return cpb.id, panel.id, meeting.id, mail[0], mail[1], mail[2]


def test_replies_are_of_the_boards_members_newest_first_with_their_meeting(db: Database) -> None:
    cpb, panel, meeting, *_ = _world(db)
    with db.factory() as session:
        found = board_replies(session, [cpb])
        assert found.total == 2
        assert [(r.text, r.meeting_id, r.meeting) for r in found.rows] == [
            ("reply 1", None, None),
            ("reply 0", meeting, "Corporate Parenting Board, 2 December 2026"),
        ]
        assert [r.text for r in board_replies(session, [cpb], offset=1, limit=1).rows] == [
            "reply 0"
        ]
        assert [r.member for r in board_replies(session, [panel]).rows] == ["Councillor K Patel"]
        assert board_replies(session, [cpb, panel]).total == 3


def test_failed_email_is_listed_and_retried_only_within_the_clerks_boards(db: Database) -> None:
    cpb, _, _, walker_failed, walker_sent, patel_failed = _world(db)
    with db.factory() as session:
        found = board_failed_mail(session, [cpb])
        assert (found.total, [m.id for m in found.rows]) == (1, [walker_failed])
        assert found.rows[0].last_error == "550 no such user"

    with transaction(db.factory) as session:
        assert retry_failed(session, patel_failed, [cpb], AT) is None  # another board's member
        assert retry_failed(session, walker_sent, [cpb], AT) is None  # not failed
        retried = retry_failed(session, walker_failed, [cpb], AT)
        assert retried is not None and retried.member == "Councillor J Walker"
    with db.factory() as session:
        statuses = {m: session.get_one(OutboxMail, m).status for m in (walker_failed, patel_failed)}
        assert statuses == {walker_failed: QUEUED, patel_failed: FAILED}
        assert board_failed_mail(session, [cpb]).total == 0
