"""Boards and who holds which role on them, as the conversation layer asks about them."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from storage.models import Board, BoardRole, Member, Role

# Roles that are expected to attend and count towards the quorum.
VOTING_ROLES = frozenset({Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER, Role.CO_OPTED})


def all_boards(session: Session) -> list[Board]:
    """Every board, in name order."""
    return list(session.scalars(select(Board).order_by(Board.name)))


def all_board_ids(session: Session) -> frozenset[int]:
    return frozenset(session.scalars(select(Board.id)))


def boards_by_name(session: Session, board_ids: Iterable[int]) -> list[Board]:
    """The boards with these ids, alphabetically."""
    ids = list(board_ids)
    if not ids:
        return []
    return list(session.scalars(select(Board).where(Board.id.in_(ids)).order_by(Board.name)))


def clerk_ids(session: Session, board_id: int) -> list[int]:
    """The member ids of the board's clerks, ascending."""
    return sorted(
        set(
            session.scalars(
                select(BoardRole.member_id).where(
                    BoardRole.board_id == board_id, BoardRole.role == Role.CLERK
                )
            )
        )
    )


def voting_member_ids(session: Session, board_id: int) -> set[int]:
    """The members expected to attend and count towards the quorum (``VOTING_ROLES``)."""
    return set(
        session.scalars(
            select(BoardRole.member_id).where(
                BoardRole.board_id == board_id, BoardRole.role.in_(VOTING_ROLES)
            )
        )
    )


def role_holders(session: Session, board_ids: Iterable[int]) -> list[Member]:
    """The members holding a role on these boards: once per role, so possibly repeated."""
    roles = session.scalars(
        select(BoardRole)
        .options(joinedload(BoardRole.member))  # one query, not one per role
        .where(BoardRole.board_id.in_(list(board_ids)))
    )
    return [role.member for role in roles]
