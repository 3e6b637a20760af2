"""One meeting as an iCalendar file, to attach to the email that reminds a member of it."""

from __future__ import annotations

from icalendar import Calendar
from sqlalchemy.orm import Session

from handlers.calendar.feeds import PRODID, meeting_event
from storage.models import Meeting


def meeting_ics(session: Session, meeting_id: int) -> bytes | None:
    """The meeting as a one-event calendar (its UID matches the feeds'), or None if it is gone."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        return None
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(meeting_event(meeting))
    return bytes(calendar.to_ical())
