"""What a reminder says, built at send time from the database as it is then.

Building late means a member who sent apologies an hour ago gets the short
note, and an action closed this morning is not chased. ``None`` means there
is nothing worth saying any more.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from handlers.formatting import day, meeting_label, meeting_when
from handlers.messages import Button, Citation, Reply, ReplyField
from schedules.planning import Kind, Planned
from storage.actions import (
    actions_due_at,
    describe,
    items_deferred_to,
    open_actions_for_member,
)
from storage.models import (
    Action,
    ActionStatus,
    Meeting,
    MeetingStatus,
)
from storage.reminders import has_sent_apologies

AGENDA_LINES = 8
DONE_BUTTONS = 5


def build_reply(session: Session, planned: Planned, now: dt.datetime) -> Reply | None:
    """The reminder ``planned`` stands for, or None when its subject has gone."""
    if planned.kind is Kind.MEETING:
        return _meeting(session, planned, now)
    if planned.kind is Kind.MATTERS_ARISING:
        return _matters_arising(session, planned)
    if planned.kind in (Kind.ACTION_DUE, Kind.ACTION_OVERDUE):
        return _action(session, planned, now)
    return _digest(session, planned)


def _relative(meeting: Meeting, now: dt.datetime) -> str:
    days = (meeting.date - now.astimezone(meeting.board.tz).date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


def _done_buttons(actions: list[Action]) -> list[Button]:
    return [
        Button(f"Done #{a.id}", f"action-done:{a.id}", str(a.id)) for a in actions[:DONE_BUTTONS]
    ]


def _agenda(meeting: Meeting) -> list[str]:
    lines = [f"{item.number or item.position}. {item.title}" for item in meeting.items]
    if len(lines) > AGENDA_LINES:
        extra = len(lines) - AGENDA_LINES
        lines = [*lines[:AGENDA_LINES], f"… and {extra} more item{'s' if extra > 1 else ''}"]
    return lines


def _meeting(session: Session, planned: Planned, now: dt.datetime) -> Reply | None:
    meeting = session.get(Meeting, planned.meeting_id)
    if meeting is None or meeting.status != MeetingStatus.SCHEDULED:
        return None
    fields = [ReplyField("When", meeting_when(meeting))]
    if meeting.venue:
        fields.append(ReplyField("Venue", meeting.venue))
    if planned.member_id is None:
        return _meeting_reminder(meeting, now, fields)
    apologised = has_sent_apologies(session, meeting.id, planned.member_id)
    mine = [
        a for a in actions_due_at(session, meeting.id) if a.owner_member_id == planned.member_id
    ]
    if mine:
        fields.append(ReplyField("Your actions due back", "; ".join(describe(a) for a in mine)))
    if apologised:
        return Reply(
            title=f"Your apologies for {meeting.board.name} are recorded",
            text=(
                f"You sent apologies for {meeting_label(meeting)}, "
                "so there is no need to attend."
                + (" Your actions due back are below." if mine else "")
            ),
            intent="reminder.meeting.apologised",
            fields=fields,
            meeting_id=meeting.id,
            buttons=_done_buttons(mine),
            private=True,
        )
    fields.append(ReplyField("Your apologies", "none sent"))
    return _meeting_reminder(meeting, now, fields, buttons=_done_buttons(mine), private=True)


def _meeting_reminder(
    meeting: Meeting,
    now: dt.datetime,
    fields: list[ReplyField],
    *,
    buttons: list[Button] | None = None,
    private: bool = False,
) -> Reply:
    """The one meeting reminder, to a board's channel or (with their own fields) a member."""
    return Reply(
        title=f"{meeting.board.name} meets {_relative(meeting, now)}",
        text=f"Reminder: {meeting_label(meeting)}.",
        intent="reminder.meeting",
        fields=fields,
        meeting_id=meeting.id,
        items=_agenda(meeting),
        buttons=buttons or [],
        private=private,
    )


def _matters_arising(session: Session, planned: Planned) -> Reply | None:
    meeting = session.get(Meeting, planned.meeting_id)
    if meeting is None or meeting.status != MeetingStatus.SCHEDULED:
        return None
    due = actions_due_at(session, meeting.id)
    deferred = items_deferred_to(session, meeting.id)
    lines = [describe(a) for a in due]
    lines += [
        f"Deferred from {day(item.meeting.date)}"
        + (f", item {item.number}" if item.number else "")
        + f": {item.title}"
        for item in deferred
    ]
    count = (
        f"{len(due)} action{'s' if len(due) != 1 else ''} due back and "
        f"{len(deferred)} deferred item{'s' if len(deferred) != 1 else ''}."
    )
    return Reply(
        title=f"Matters arising: {meeting_label(meeting)}",
        text=count
        if lines
        else "Nothing is due back at this meeting and nothing was deferred to it.",
        intent="reminder.matters-arising",
        items=lines,
        private=True,
    )


def _citation(action: Action) -> list[Citation]:
    if action.meeting is None:
        return []
    return [
        Citation(
            board=action.board.name,
            meeting_date=action.meeting.date,
            item_number=action.item.number if action.item else None,
            item_title=action.item.title if action.item else None,
        )
    ]


def _action(session: Session, planned: Planned, now: dt.datetime) -> Reply | None:
    action = session.get(Action, planned.action_id)
    if (
        action is None
        or action.status != ActionStatus.OPEN
        or action.due is None
        or action.owner_member_id != planned.member_id
    ):
        return None
    today = now.astimezone(action.board.tz).date()
    if planned.kind is Kind.ACTION_OVERDUE:
        late = (today - action.due).days
        title = f"Action #{action.id} is overdue"
        text = f"{action.text} was due on {day(action.due)} ({late} day{'s' if late != 1 else ''} ago)."
    else:
        left = (action.due - today).days
        when = "tomorrow" if left == 1 else f"in {left} days"
        title = f"Action #{action.id} is due {when}"
        text = f"{action.text} is due on {day(action.due)}."
    return Reply(
        title=title,
        text=text,
        intent=f"reminder.{planned.kind.value}",
        fields=[ReplyField("Board", action.board.name)],
        citations=_citation(action),
        buttons=_done_buttons([action]),
        private=True,
    )


def _digest(session: Session, planned: Planned) -> Reply | None:
    if planned.member_id is None:
        return None
    actions = open_actions_for_member(session, planned.member_id)
    if not actions:
        return None
    count = len(actions)
    return Reply(
        title="Your open actions",
        text=f"You have {count} open action{'s' if count != 1 else ''}.",
        intent="reminder.digest",
        items=[f"{describe(a)}, {a.board.name}" for a in actions],
        buttons=_done_buttons(actions),
        private=True,
    )
