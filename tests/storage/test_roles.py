"""Who chairs a board: the latest minutes that list who attended, or the clerk's word."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from storage import directory
from storage.db import transaction
from storage.models import Board, BoardRole, Member, Role
from tests.conftest import Database
from tests.storage.test_persist import store

MINUTES = (
    "CORPORATE PARENTING BOARD\n\nA meeting of the Corporate Parenting Board was held on {date}.\n\n"
    "{present}1. MINUTES\n\nAGREED that the minutes be approved.\n"
)


def minutes(date: str, present: str | None) -> bytes:
    listed = f"PRESENT: Councillors {present}.\n\n" if present else ""
    return MINUTES.format(date=date, present=listed).encode()


def holders(db: Database) -> dict[Role, list[str]]:
    """Match keys of the board's chair and vice-chair."""
    with db.factory() as session:
        rows = session.execute(
            select(BoardRole.role, Member.match_key)
            .join(Member, BoardRole.member_id == Member.id)
            .where(BoardRole.role.in_([Role.CHAIR, Role.VICE_CHAIR]))
            .order_by(Member.match_key)
        ).all()
    found: dict[Role, list[str]] = {Role.CHAIR: [], Role.VICE_CHAIR: []}
    for role, key in rows:
        found[role].append(key)
    return found


def test_the_latest_attended_meeting_names_chair_and_vice_chair(db: Database) -> None:
    store(db, minutes("3 May 2023", "A Old (Chair), B New (Vice-Chair), C Third"))
    store(db, minutes("5 July 2023", "B New (Chair), C Third (Vice-Chair), A Old"))
    assert holders(db) == {Role.CHAIR: ["b new"], Role.VICE_CHAIR: ["c third"]}


def test_older_minutes_imported_afterwards_change_nothing(db: Database) -> None:
    store(db, minutes("5 July 2023", "B New (Chair), C Third (Vice-Chair), A Old"))
    store(db, minutes("3 May 2023", "A Old (Chair), B New (Vice-Chair), C Third"))
    assert holders(db) == {Role.CHAIR: ["b new"], Role.VICE_CHAIR: ["c third"]}


def test_minutes_without_an_attendance_list_and_agendas_do_not_erase_the_chair(
    db: Database,
) -> None:
    store(db, minutes("3 May 2023", "A Old (Chair), B New (Vice-Chair)"))
    store(db, minutes("5 July 2023", None))
    agenda = (
        "CORPORATE PARENTING BOARD\n\nAGENDA\n\nA meeting of the Corporate Parenting Board "
        "will be held on 20 September 2023 at 2.00 pm.\n\n1. APOLOGIES FOR ABSENCE\n\n"
        "2. MINUTES OF THE LAST MEETING\n"
    )
    store(db, agenda.encode(), name="agenda.txt")
    store(db, minutes("4 October 2023", "A Old, B New, C Third"))  # nobody marked
    assert holders(db) == {Role.CHAIR: ["a old"], Role.VICE_CHAIR: ["b new"]}


def test_a_vice_chair_who_takes_the_chair_is_no_longer_vice_chair(db: Database) -> None:
    store(db, minutes("3 May 2023", "A Old (Chair), B New (Vice-Chair)"))
    store(db, minutes("5 July 2023", "B New (Chair), A Old"))
    assert holders(db) == {Role.CHAIR: ["b new"], Role.VICE_CHAIR: []}


def test_a_corrected_version_of_the_same_minutes_names_the_chair(db: Database) -> None:
    store(db, minutes("5 July 2023", "A Old (Chair), B New"))
    store(db, minutes("5 July 2023", "B New (Chair), A Old"), name="corrected.txt")
    assert holders(db) == {Role.CHAIR: ["b new"], Role.VICE_CHAIR: []}


def test_a_chair_the_clerk_sets_outlasts_earlier_minutes_but_not_later_ones(
    db: Database,
) -> None:
    store(db, minutes("3 May 2023", "A Old (Chair), B New, C Third"))
    with transaction(db.factory) as session:
        board = session.scalars(select(Board)).one()
        third = session.scalars(select(Member).where(Member.match_key == "c third")).one()
        directory.give_role(session, third, board, Role.CHAIR, since=dt.date(2023, 6, 1))
    assert holders(db)[Role.CHAIR] == ["c third"]

    store(db, minutes("17 May 2023", "A Old (Chair), B New, C Third"))
    store(db, minutes("1 June 2023", "A Old (Chair), B New, C Third"))
    assert holders(db)[Role.CHAIR] == ["c third"]

    store(db, minutes("5 July 2023", "B New (Chair), A Old, C Third"))
    assert holders(db)[Role.CHAIR] == ["b new"]


AGENDA = (
    "CORPORATE PARENTING BOARD\n\nAGENDA\n\nNotice of the meeting to be held on {date} at 2pm.\n\n"
    "Membership: Councillors {members}\n\n1. Apologies\n\n2. Minutes of the last meeting\n"
)


def members_of(db: Database) -> dict[str, set[Role]]:
    with db.factory() as session:
        rows = session.execute(
            select(Member.match_key, BoardRole.role).join(
                BoardRole, BoardRole.member_id == Member.id
            )
        ).all()
    found: dict[str, set[Role]] = {}
    for key, role in rows:
        found.setdefault(key, set()).add(role)
    return found


def test_an_agendas_membership_makes_members_but_never_a_chair(db: Database) -> None:
    agenda = AGENDA.format(date="3 May 2027", members="T Upton (Chair), V Wardle, A Yeo")
    summary = store(db, agenda.encode())

    assert summary.kind == "agenda"
    assert members_of(db) == {
        "t upton": {Role.MEMBER},
        "v wardle": {Role.MEMBER},
        "a yeo": {Role.MEMBER},
    }


def test_an_agenda_leaves_the_roles_minutes_gave(db: Database) -> None:
    store(db, minutes("5 April 2027", "T Upton, V Wardle (Chair)"))
    store(db, AGENDA.format(date="3 May 2027", members="T Upton (Chair), V Wardle").encode())

    assert members_of(db) == {
        "t upton": {Role.MEMBER},
        "v wardle": {Role.CHAIR, Role.MEMBER},
    }


def test_the_clerk_who_signs_an_agenda_is_the_boards_clerk(db: Database) -> None:
    agenda = AGENDA.format(date="3 May 2027", members="T Upton, V Wardle")
    store(db, (agenda + "\nS. Okonjo, Clerk to the Council\n").encode())

    assert members_of(db)["s okonjo"] == {Role.CLERK}
