"""Attendance in chat: a member's own record, and who hasn't attended (clerk and chair only).

"How many meetings have I missed this year?" and "what's my attendance?" answer
the asker about themselves. "Who hasn't attended since June?" lists members of
the boards the asker clerks or chairs whose last recorded attendance is older.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from handlers.ask.question import MONTHS
from handlers.attendance.figures import (
    MemberRecord,
    add_months,
    month_start,
    records,
    year_start,
)
from handlers.messages import Reply
from handlers.router import Context, Route, Router
from storage import attendance_history as attendance
from storage.models import DEFAULT_TIMEZONE

COVERAGE = "This covers only the boards Board Clerk follows."
_OWN = re.compile(
    r"\bhow\s+many\s+(?:meetings\s+)?(?:have\s+)?i\s+(?:missed|miss|attended|been\s+to)\b"
    r"|\bmy\s+attendance\b|\bhow\s+many\s+meetings\s+did\s+i\s+(?:miss|attend)\b",
    re.IGNORECASE,
)
_WHO_NOT = re.compile(
    r"\bwho\s+(?:hasn't|has\s+not|haven't|have\s+not|hasnt)\s+(?:attended|been)\b"
    r"|\bwho\s+(?:is|are)\s+near(?:ing)?\s+the\s+six[- ]month\b",
    re.IGNORECASE,
)
_SINCE = re.compile(
    r"\bsince\s+(?:(?P<iso>\d{4}-\d{2}-\d{2})|(?P<month>[a-z]+)(?:\s+(?P<year>\d{4}))?)",
    re.IGNORECASE,
)


def _today(context: Context) -> dt.date:
    board = context.channel_board
    zone = board.tz if board is not None else ZoneInfo(DEFAULT_TIMEZONE)
    return context.message.now.astimezone(zone).date()


def period(text: str, today: dt.date) -> tuple[dt.date, str] | None:
    """The start of the period a message names ("since June", "last year"), with how to say
    it; None when it names none."""
    found = _SINCE.search(text)
    if found:
        if found.group("iso"):
            try:
                start = dt.date.fromisoformat(found.group("iso"))
            except ValueError:
                return None
            return start, f"since {start:%-d %B %Y}"
        month = MONTHS.get(found.group("month").lower())
        if month is not None:
            year = found.group("year")
            start = dt.date(int(year), month, 1) if year else month_start(month, today)
            return start, f"since {start:%-d %B %Y}"
    lowered = text.lower()
    if "last year" in lowered:
        return dt.date(today.year - 1, 1, 1), f"since 1 January {today.year - 1}"
    if "this year" in lowered:
        return year_start(today), f"this year (since 1 January {today.year})"
    return None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def own_record(context: Context) -> Reply:
    member = context.asker.member
    if member is None:
        return Reply(
            text="I don't know who you are yet: ask the clerk to link your chat account.",
            intent="attendance.unknown",
            private=True,
        )
    today = _today(context)
    start, said = period(context.text, today) or (
        year_start(today),
        f"this year (since 1 January {today.year})",
    )
    found = records(
        attendance.attendance_lines(
            context.session, member_ids=[member.id], since=start, until=today
        )
    )
    if not found:
        return Reply(
            text=f"No meetings of yours are recorded {said}. {COVERAGE}",
            intent="attendance.own",
            private=True,
        )
    record = found[0]
    total = record.total
    text = (
        f"{said[0].upper()}{said[1:]} you missed {_plural(total.missed, 'meeting')} of "
        f"{total.expected} expected ({total.apologies} with apologies, {total.absent} without)"
        f" and attended {total.attended}"
    )
    if total.substitute:
        text += f", {total.substitute} of them as a substitute"
    return Reply(
        title="Your attendance",
        text=f"{text}. {COVERAGE}",
        intent="attendance.own",
        items=_by_board(record),
        private=True,
    )


def _by_board(record: MemberRecord) -> list[str]:
    if len(record.boards) < 2:
        return []
    return [
        f"{name}: {t.attended} attended ({t.substitute} as substitute), {t.apologies} apologies, "
        f"{t.absent} absent, of {t.expected} expected"
        for name, t in sorted(record.boards.items())
    ]


def not_attended(context: Context) -> Reply:
    asker = context.asker
    boards = [
        b
        for b in sorted(asker.all_board_ids)
        if asker.is_operator or asker.is_clerk(b) or asker.is_chair(b)
    ]
    if not boards:
        return Reply(
            text="Who hasn't attended is for the clerk (or the chair) to ask.",
            intent="attendance.refused",
            private=True,
        )
    today = _today(context)
    start, said = period(context.text, today) or (
        add_months(today, -6),
        "in the last six months",
    )
    # Members expected at these boards' meetings in the period; attending any board counts.
    lines = attendance.attendance_lines(context.session, board_ids=boards, since=start, until=today)
    members = {line.member_id: line.member_name for line in lines}
    last = attendance.last_attended(context.session, today)
    former = attendance.former_members(context.session, members, today)  # they left
    missing = sorted(
        (name, last.get(member_id))
        for member_id, name in members.items()
        if (last.get(member_id) or dt.date.min) < start and member_id not in former
    )
    if not missing:
        return Reply(
            text=f"Everyone on your boards has attended {said}. {COVERAGE}",
            intent="attendance.not_attended",
            private=True,
        )
    items = [
        f"{name}: last attended {when:%-d %B %Y}" if when else f"{name}: no attendance recorded"
        for name, when in missing
    ]
    return Reply(
        title=f"Not attended {said}",
        text=(
            f"{_plural(len(missing), 'member')} with no attendance recorded {said}. {COVERAGE} "
            "Check the authority's full record before acting on the six-month rule."
        ),
        intent="attendance.not_attended",
        items=items,
        private=True,
    )


def register(router: Router) -> None:
    router.add(
        Route(
            intent="attendance.not_attended",
            handle=not_attended,
            recognises=lambda context: bool(_WHO_NOT.search(context.text)),
            priority=12,
        )
    )
    router.add(
        Route(
            intent="attendance.own",
            handle=own_record,
            recognises=lambda context: bool(_OWN.search(context.text)),
            priority=12,
        )
    )
