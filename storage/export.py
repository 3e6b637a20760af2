"""The canonical machine view of the database (``boardclerk export --json``).

Its shape is a contract other tools and tests rely on; change it only by
adding keys.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.models import Action, AgendaItem, Board, Meeting, Member


def meeting_start_iso(meeting: Meeting) -> str:
    """ISO 8601 with the board's offset when a time is known, else the date alone."""
    start = meeting.local_start()
    return start.isoformat() if start is not None else meeting.date.isoformat()


def _decision_text(item: AgendaItem) -> str | None:
    if not item.decisions:
        return None
    return "\n".join(decision.text for decision in item.decisions)


def _item(item: AgendaItem) -> dict[str, Any]:
    return {
        "number": item.number,
        "title": item.title,
        "presenters": list(item.presenters),
        "decision": _decision_text(item),
        "minutes": item.minutes_text,
        "truncated": item.truncated,
        "exempt": item.exempt,
    }


def _meeting(meeting: Meeting) -> dict[str, Any]:
    return {
        "board": meeting.board.name,
        "starts_at": meeting_start_iso(meeting),
        "venue": meeting.venue,
        "status": meeting.status.value,
        "items": [_item(item) for item in meeting.items],
        "attendance": [
            {
                "name": row.name,
                "status": row.status.value,
                "reason": row.reason,
                "source": row.source.value,
            }
            for row in sorted(meeting.attendance, key=lambda row: row.id)
        ],
    }


def _action(action: Action) -> dict[str, Any]:
    due: dt.date | None = action.due
    return {
        "id": action.id,
        "board": action.board.name,
        "meeting_starts_at": meeting_start_iso(action.meeting) if action.meeting else None,
        "item_number": action.item.number if action.item else None,
        "item_title": action.item.title if action.item else None,
        "text": action.text,
        "owner": action.owner.name if action.owner else action.owner_text,
        "due": due.isoformat() if due else None,
        "status": action.status.value,
    }


def export(session: Session) -> dict[str, Any]:
    boards = session.scalars(select(Board).order_by(Board.name))
    members = session.scalars(
        select(Member).options(selectinload(Member.roles)).order_by(Member.name)
    )
    meetings = session.scalars(
        select(Meeting)
        .options(
            selectinload(Meeting.items).selectinload(AgendaItem.decisions),
            selectinload(Meeting.attendance),
        )
        .order_by(Meeting.date, Meeting.starts_at, Meeting.id)
    )
    actions = session.scalars(select(Action).order_by(Action.id))
    return {
        "boards": [
            {"name": b.name, "short_name": b.short_name, "timezone": b.timezone} for b in boards
        ],
        "members": [
            {
                "name": m.name,
                "boards": [{"board": r.board.name, "role": r.role.value} for r in m.roles],
            }
            for m in members
        ],
        "meetings": [_meeting(m) for m in meetings],
        "actions": [_action(a) for a in actions],
    }
