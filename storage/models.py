"""The meeting database as typed SQLAlchemy 2 models.

Meetings keep their local calendar ``date`` always and ``starts_at`` (aware,
UTC in the database) only when the source gives a time: a date-only meeting
must never pretend to start at midnight.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.types import UTCDateTime, str_enum

DEFAULT_TIMEZONE = "Europe/London"


class Base(DeclarativeBase):
    pass


class Role(enum.StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice-chair"
    MEMBER = "member"
    SUBSTITUTE = "substitute"
    CLERK = "clerk"
    OFFICER = "officer"
    CO_OPTED = "co-opted"


# One person holds each of these on a board, and nobody holds both: role -> the other one.
PRESIDING_ROLES = {Role.CHAIR: Role.VICE_CHAIR, Role.VICE_CHAIR: Role.CHAIR}


class MeetingStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


class MinutesStatus(enum.StrEnum):
    NONE = "none"
    DRAFT = "draft"
    CONFIRMED = "confirmed"


class DecisionKind(enum.StrEnum):
    AGREED = "agreed"
    RESOLVED = "resolved"
    NOTED = "noted"
    DEFERRED = "deferred"
    ORDERED = "ordered"


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class AttendanceStatus(enum.StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    IN_ATTENDANCE = "in attendance"
    SUBSTITUTE = "substitute"


class AttendanceSource(enum.StrEnum):
    MINUTES = "minutes"
    CHAT = "chat"
    CLERK = "clerk"
    EMAIL = "email"  # a reply to one of Board Clerk's emails


def utcnow() -> dt.datetime:
    """Only for audit columns (created/imported at); logic takes ``now`` as input."""
    return dt.datetime.now(dt.UTC)


class Board(Base):
    __tablename__ = "boards"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(50), unique=True)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    timezone: Mapped[str] = mapped_column(String(64), default=DEFAULT_TIMEZONE)
    quorum: Mapped[int | None] = mapped_column(Integer)
    # Where reminders go: each member's DM (False) or the board's channel (True).
    remind_in_channel: Mapped[bool] = mapped_column(Boolean, default=False)

    channels: Mapped[list[BoardChannel]] = relationship(
        back_populates="board", cascade="all, delete-orphan"
    )
    roles: Mapped[list[BoardRole]] = relationship(
        back_populates="board", cascade="all, delete-orphan"
    )
    meetings: Mapped[list[Meeting]] = relationship(back_populates="board")

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class BoardChannel(Base):
    """A chat channel linked to a board (its members talk about it there)."""

    __tablename__ = "board_channels"
    __table_args__ = (UniqueConstraint("platform", "channel_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(20))
    channel_id: Mapped[str] = mapped_column(String(100))
    # Slack: the workspace the channel is in, so its reminders use that workspace's token.
    team_id: Mapped[str | None] = mapped_column(String(32))

    board: Mapped[Board] = relationship(back_populates="channels")


class Member(Base):
    """A person, under the name the minutes print ("Councillor J A Walker")."""

    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # The name without honorifics, lower-cased: "j a walker".
    match_key: Mapped[str] = mapped_column(String(200), index=True)
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    roles: Mapped[list[BoardRole]] = relationship(
        back_populates="member", cascade="all, delete-orphan"
    )
    identities: Mapped[list[ChatIdentity]] = relationship(
        back_populates="member", cascade="all, delete-orphan"
    )


class BoardRole(Base):
    __tablename__ = "board_roles"
    __table_args__ = (UniqueConstraint("board_id", "member_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(str_enum(Role))
    # Chair and vice-chair: the date the role is known from (the meeting whose minutes
    # name it, or the date a clerk gave), and who said so ("import" or "clerk"). Older
    # minutes never take the role from a newer record.
    as_of: Mapped[dt.date | None] = mapped_column(Date)
    set_by: Mapped[str | None] = mapped_column(String(20))
    # The day the role ended (the member left the board); None while it is held.
    ended_on: Mapped[dt.date | None] = mapped_column(Date)

    board: Mapped[Board] = relationship(back_populates="roles")
    member: Mapped[Member] = relationship(back_populates="roles")


class ChatIdentity(Base):
    """A member's user id on one chat platform, set by email match or a clerk's link."""

    __tablename__ = "chat_identities"
    __table_args__ = (UniqueConstraint("platform", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[str] = mapped_column(String(100))
    # Slack: the member's workspace, so reminders to them use that workspace's token.
    team_id: Mapped[str | None] = mapped_column(String(32))

    member: Mapped[Member] = relationship(back_populates="identities")


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_board_date", "board_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    # The local calendar date in the board's timezone; always known.
    date: Mapped[dt.date] = mapped_column(Date)
    # The start instant, only when the source gives a time.
    starts_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    venue: Mapped[str | None] = mapped_column(String(300))
    title_as_printed: Mapped[str | None] = mapped_column(String(300))
    contact: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[MeetingStatus] = mapped_column(
        str_enum(MeetingStatus), default=MeetingStatus.SCHEDULED
    )
    # What a site's status says after its first word ("Budget Council", "moved to 14 May").
    status_note: Mapped[str | None] = mapped_column(String(200))
    minutes_status: Mapped[MinutesStatus] = mapped_column(
        str_enum(MinutesStatus), default=MinutesStatus.NONE
    )
    # iCalendar SEQUENCE: bumped by storage.calendar whenever time, venue or status changes.
    sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    board: Mapped[Board] = relationship(back_populates="meetings")
    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        order_by="AgendaItem.position",
        foreign_keys="AgendaItem.meeting_id",
    )
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    documents: Mapped[list[Document]] = relationship(back_populates="meeting")

    def local_start(self) -> dt.datetime | None:
        """The start in the board's own timezone, or None for a date-only meeting."""
        if self.starts_at is None:
            return None
        return self.starts_at.astimezone(self.board.tz)


# What a calendar shows of a meeting; a change to any of them is a new iCalendar SEQUENCE.
CALENDAR_FIELDS = ("date", "starts_at", "venue", "status")


@event.listens_for(Meeting, "before_update")
def _bump_sequence(_mapper: object, _connection: object, meeting: Meeting) -> None:
    """Every writer (importer, ``meeting move``/``cancel``, a sync) changes meetings through
    the ORM, so this one hook keeps SEQUENCE honest for all of them."""
    state = inspect(meeting)
    if any(state.attrs[name].history.has_changes() for name in CALENDAR_FIELDS):
        meeting.sequence = (meeting.sequence or 0) + 1


class AgendaItem(Base):
    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    presenters: Mapped[list[str]] = mapped_column(JSON, default=list)
    agenda_text: Mapped[str | None] = mapped_column(Text)
    minutes_text: Mapped[str | None] = mapped_column(Text)
    truncated: Mapped[bool] = mapped_column(Boolean, default=False)
    exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    exempt_reason: Mapped[str | None] = mapped_column(Text)
    # Not yet in SQLite's search index: an importer indexes its new items once (rev. 0024).
    search_pending: Mapped[bool] = mapped_column(Boolean, default=False)
    # Where the council publishes the item's executive decision (ModernGov ieDecisionDetails).
    decision_url: Mapped[str | None] = mapped_column(String(400))
    # A deferred item points at the meeting it was carried onto...
    deferred_to_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL")
    )
    # ...and the carried copy points back at the item it came from.
    carried_from_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )

    meeting: Mapped[Meeting] = relationship(back_populates="items", foreign_keys=[meeting_id])
    deferred_to: Mapped[Meeting | None] = relationship(foreign_keys=[deferred_to_meeting_id])
    carried_from: Mapped[AgendaItem | None] = relationship(remote_side=[id])
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="Decision.position"
    )


class Decision(Base):
    """A resolution exactly as printed; answers quote it, never rephrase it."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[DecisionKind] = mapped_column(str_enum(DecisionKind))

    item: Mapped[AgendaItem] = relationship(back_populates="decisions")


class Action(Base):
    __tablename__ = "actions"
    # The console lists a board's actions by status, soonest due first.
    # The console's list reads a board's actions by status and sorts them by due date (or
    # the due-back meeting's): all from the index, without a visit to each row.
    __table_args__ = (
        Index(
            "ix_actions_board_listing",
            "board_id",
            "status",
            "due",
            "due_meeting_id",
            "owner_member_id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    # The meeting and item whose minutes created the action (indexed: a re-import
    # looks up the meeting's earlier actions).
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    owner_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    owner_text: Mapped[str | None] = mapped_column(String(200))
    due: Mapped[dt.date | None] = mapped_column(Date)
    not_before: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(
        str_enum(ActionStatus), default=ActionStatus.OPEN, index=True
    )
    # The meeting the action is due back at (matters arising).
    due_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL")
    )
    # Stable identity of an imported action, so a re-import updates it in place.
    origin_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Set when a clerk edits the action by hand; a re-import then leaves it alone.
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(200))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(200))

    board: Mapped[Board] = relationship()
    meeting: Mapped[Meeting | None] = relationship(foreign_keys=[meeting_id])
    item: Mapped[AgendaItem | None] = relationship()
    owner: Mapped[Member | None] = relationship()
    due_meeting: Mapped[Meeting | None] = relationship(foreign_keys=[due_meeting_id])


class Attendance(Base):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    # One row per person per meeting: the member's match key.
    person_key: Mapped[str] = mapped_column(String(200))
    status: Mapped[AttendanceStatus] = mapped_column(str_enum(AttendanceStatus))
    substitute_for: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    # What the minutes print beside the name ("Director of Finance", "official").
    note: Mapped[str | None] = mapped_column(String(300))
    source: Mapped[AttendanceSource] = mapped_column(str_enum(AttendanceSource))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str | None] = mapped_column(String(200))

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    member: Mapped[Member | None] = relationship()


class ApprovedAbsence(Base):
    """An absence the authority approved (section 85 LGA 1972): no six-month warnings until
    ``until``. Recorded by the clerk; the record of why is kept as given."""

    __tablename__ = "approved_absences"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    until: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str | None] = mapped_column(String(200))
    # Withdrawn by the clerk (recorded in error, or the member is back): warnings resume.
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by: Mapped[str | None] = mapped_column(String(200))

    member: Mapped[Member] = relationship()


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # minutes | agenda
    format: Mapped[str] = mapped_column(String(20))  # text | html | pdf
    # Share of the document's content lines the parse placed (None: imported before 0012).
    coverage: Mapped[float | None] = mapped_column(Float)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    meeting: Mapped[Meeting | None] = relationship(back_populates="documents")


class Delivery(Base):
    """A reminder claimed for sending; the unique key stops double sends.

    A claim is a lease: while ``outcome`` is "claimed", another process may take
    the reminder over once ``lease_until`` has passed (its claimer died mid-send).
    """

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    # kind, subject (meeting or action), recipient and due time folded into one key.
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    # Indexed: the console re-queues one meeting's reminders.
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # claimed | sent | failed | dropped
    outcome: Mapped[str] = mapped_column(String(20), default="claimed")
    detail: Mapped[str | None] = mapped_column(Text)
    lease_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Which process holds the claim (host:pid:random), and how many claims it took.
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    # Kind family, subject and recipient: no two of one group are sent within an hour.
    group_key: Mapped[str | None] = mapped_column(String(200), index=True)


class ProcessedEvent(Base):
    """A chat event id already acted on, so a retried delivery never acts twice."""

    __tablename__ = "processed_events"
    __table_args__ = (UniqueConstraint("platform", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    event_id: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class ConversationReference(Base):
    """Where a platform lets Board Clerk speak first (Teams): a person's chat or a channel.

    Teams can only message someone proactively through a conversation it has
    seen, so each one is kept when a member first talks to the bot, or when
    the app is installed for them or in a channel.
    """

    __tablename__ = "conversation_references"
    __table_args__ = (UniqueConstraint("platform", "kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    # "user" (key: the person's platform id) or "channel" (key: the channel id).
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(200))
    reference: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class CalendarToken(Base):
    """A member's personal calendar link: only the token's SHA-256 is kept; revoked, never reused."""

    __tablename__ = "calendar_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
