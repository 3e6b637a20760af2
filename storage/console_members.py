"""What the console's Members pages read: a board's members with their roles and chat links."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.models import Board, BoardRole, Member


def members_of_boards(
    session: Session, board_ids: Iterable[int]
) -> list[tuple[Board, list[Member]]]:
    """Each board (A to Z) with the members holding any role on it (A to Z), roles and links
    loaded."""
    boards = list(
        session.scalars(select(Board).where(Board.id.in_(list(board_ids))).order_by(Board.name))
    )
    found: list[tuple[Board, list[Member]]] = []
    for board in boards:
        members = session.scalars(
            select(Member)
            .join(BoardRole, BoardRole.member_id == Member.id)
            .options(
                selectinload(Member.roles).selectinload(BoardRole.board),
                selectinload(Member.identities),
            )
            .where(BoardRole.board_id == board.id)
            .distinct()
            .order_by(Member.name, Member.id)
        )
        found.append((board, list(members)))
    return found
