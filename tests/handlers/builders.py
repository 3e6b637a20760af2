"""A small, fictional board record built straight from the models, and a way to talk to it.

Shaped like real council minutes (numbered items, AGREED resolutions, a deferred
item, a truncated ModernGov item, an exempt item, a second board) so handler
tests do not depend on the importer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from handlers.messages import IncomingMessage, Reply
from handlers.pipeline import Pipeline
from storage.db import transaction
from storage.models import (
    Action,
    AgendaItem,
    Attendance,
    AttendanceSource,
    AttendanceStatus,
    Board,
    BoardChannel,
    BoardRole,
    ChatIdentity,
    Decision,
    DecisionKind,
    Meeting,
    MeetingStatus,
    Member,
    MinutesStatus,
    Role,
)

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)
CPB = "Corporate Parenting Board"
PANEL = "Health Scrutiny Panel"

NOTED = "AGREED that the information provided be noted."
MINUTES_APPROVED = (
    "The minutes of the previous meeting held on 7 August 2018 were submitted and "
    "approved as a correct record."
)
VSN_DECISION = "AGREED that the content of the submitted report be noted."
DEFERRED = (
    "AGREED that this item be deferred to the next meeting of the Corporate Parenting "
    "Board on 7 November 2018."
)
UPDATE_NOTED = "That the update be noted."
EXEMPT_DECISION = "RESOLVED that the contract be awarded to Provider A."
PANEL_DECISION = "AGREED that the Panel writes to the health trust about sufficiency of beds."


def at(year: int, month: int, day: int, hour: int = 15, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def _item(
    meeting: Meeting,
    position: int,
    number: str | None,
    title: str,
    *,
    presenters: tuple[str, ...] = (),
    minutes: str | None = None,
    decisions: tuple[tuple[str, DecisionKind], ...] = (),
    **extra: object,
) -> AgendaItem:
    item = AgendaItem(
        meeting=meeting,
        position=position,
        number=number,
        title=title,
        presenters=list(presenters),
        minutes_text=minutes,
        decisions=[Decision(position=i, text=t, kind=k) for i, (t, k) in enumerate(decisions)],
        **extra,
    )
    return item


def _person(session: Session, name: str, key: str, *roles: tuple[Board, Role]) -> Member:
    member = Member(name=name, match_key=key, email=f"{key.replace(' ', '.')}@example.org")
    member.roles = [BoardRole(board=board, role=role) for board, role in roles]
    session.add(member)
    return member


@dataclass
class Record:
    """Ids of the interesting rows, for assertions."""

    cpb_id: int
    panel_id: int
    upcoming_id: int


def build(factory: sessionmaker[Session], *, with_upcoming: bool = True) -> Record:
    with transaction(factory) as session:
        cpb = Board(name=CPB, short_name="CPB", aliases=["corporate parenting"])
        panel = Board(name=PANEL, short_name="HSP")
        session.add_all([cpb, panel])
        cpb.channels.append(BoardChannel(platform="slack", channel_id="C-CPB"))
        chair = _person(session, "Councillor M Carr", "m carr", (cpb, Role.CHAIR))
        _person(session, "Councillor J Walker", "j walker", (cpb, Role.MEMBER))
        _person(session, "Jo Bell", "jo bell", (cpb, Role.CLERK))
        _person(session, "Councillor K Patel", "k patel", (panel, Role.MEMBER))
        chair.identities.append(ChatIdentity(platform="slack", user_id="U-CARR"))

        september = Meeting(
            board=cpb,
            date=dt.date(2018, 9, 12),
            status=MeetingStatus.HELD,
            minutes_status=MinutesStatus.CONFIRMED,
        )
        november = Meeting(board=cpb, date=dt.date(2018, 11, 7), starts_at=at(2018, 11, 7))
        _item(
            september,
            1,
            "18/8",
            "Minutes of the previous meeting held on 7 August 2018",
            decisions=((MINUTES_APPROVED, DecisionKind.AGREED),),
        )
        _item(
            september,
            2,
            "18/9",
            "Signs of Safety",
            presenters=("S Kaur",),
            minutes=(
                "S Kaur presented the new practice model. Scaling would be reviewed so that "
                "families could see when they had made sufficient change."
            ),
            decisions=((NOTED, DecisionKind.AGREED),),
        )
        _item(
            september,
            3,
            "18/10",
            "Virtual School Northmoor (VSN) Annual Report",
            presenters=("T Dale",),
            minutes="The Virtual School Head described progress with personal education plans.",
            decisions=((VSN_DECISION, DecisionKind.AGREED),),
        )
        _item(
            september,
            4,
            "18/13",
            "Care Crisis Review",
            presenters=("H Watts",),
            minutes=(
                "A video update was shown. A Kinship Care Policy had now been adopted by the "
                "Council. Demand forecasting remained difficult."
            ),
            decisions=((NOTED, DecisionKind.AGREED),),
        )
        _item(
            september,
            5,
            "18/14",
            "Draft Local Offer for Care Leavers (E-Brochure)",
            minutes="The Chair proposed that, due to time constraints, this item be deferred.",
            decisions=((DEFERRED, DecisionKind.DEFERRED),),
            deferred_to=november,
        )
        for name, key in (("Councillor P Hart", "p hart"), ("Councillor R Osei", "r osei")):
            september.attendance.append(
                Attendance(
                    name=name,
                    person_key=key,
                    status=AttendanceStatus.APOLOGIES,
                    source=AttendanceSource.MINUTES,
                )
            )
        september.attendance.append(
            Attendance(
                name="Councillor M Carr",
                person_key="m carr",
                status=AttendanceStatus.PRESENT,
                source=AttendanceSource.MINUTES,
            )
        )

        july = Meeting(
            board=cpb,
            date=dt.date(2022, 7, 27),
            starts_at=at(2022, 7, 27, 13),
            venue="Council Chamber",
            status=MeetingStatus.HELD,
        )
        _item(
            july,
            1,
            None,
            "Participation of children and young people",
            minutes=(
                "The Chair welcomed two members of the Children in Care Council (CICC) to the "
                "meeting. The CICC thanked the Board for listening to them."
            ),
            decisions=((UPDATE_NOTED, DecisionKind.NOTED),),
        )
        sufficiency = _item(
            july,
            2,
            "22/7",
            "Review of Sufficiency action plan",
            presenters=("C Walker",),
            minutes=(
                "The Specialist Commissioning Manager presented the highlight report. The "
                "sufficiency action plan would be reviewed as actions were completed. "
                "Two new providers were in discussion with the Council."
            ),
            truncated=True,
        )
        _item(
            july,
            3,
            "22/9",
            "Residential Home Contract",
            decisions=((EXEMPT_DECISION, DecisionKind.RESOLVED),),
            exempt=True,
            exempt_reason="Paragraph 3",
        )
        session.add(
            Action(
                board=cpb,
                meeting=july,
                item=sufficiency,
                text="Complete a full refresh of the Commissioning Action plan",
                due=dt.date(2022, 11, 30),
            )
        )

        panel_meeting = Meeting(board=panel, date=dt.date(2023, 3, 1), status=MeetingStatus.HELD)
        _item(
            panel_meeting,
            1,
            "7",
            "Sufficiency of hospital beds",
            decisions=((PANEL_DECISION, DecisionKind.AGREED),),
        )
        session.add_all([september, november, july, panel_meeting])

        upcoming_id = 0
        if with_upcoming:
            upcoming = Meeting(
                board=cpb,
                date=dt.date(2026, 12, 2),
                starts_at=at(2026, 12, 2),
                venue="Committee Room 2",
            )
            _item(upcoming, 1, None, "Apologies for Absence")
            _item(upcoming, 2, "26/40", "Fostering Recruitment Update", presenters=("A Nolan",))
            upcoming.attendance.append(
                Attendance(
                    name="Councillor J Walker",
                    person_key="j walker",
                    status=AttendanceStatus.APOLOGIES,
                    source=AttendanceSource.CHAT,
                )
            )
            session.add(upcoming)
            session.add(
                Action(
                    board=cpb,
                    text="Report back on foster carer allowances",
                    owner_text="Head of Service",
                    due_meeting=upcoming,
                )
            )
            session.flush()
            upcoming_id = upcoming.id
        session.flush()
        return Record(cpb.id, panel.id, upcoming_id)


def say(
    factory: sessionmaker[Session],
    text: str,
    *,
    as_: str = "operator",
    command: str | None = None,
    now: dt.datetime = NOW,
    platform: str = "console",
    is_direct: bool = True,
    channel_id: str | None = None,
    mentioned: bool = False,
) -> Reply:
    """One message through the real pipeline, as the console or a chat adapter sends it."""
    message = IncomingMessage(
        platform=platform,  # type: ignore[arg-type]
        user_id=as_,
        text=text,
        now=now,
        command=command,
        is_direct=is_direct,
        channel_id=channel_id,
        mentioned=mentioned,
    )
    return Pipeline(factory).handle(message)
