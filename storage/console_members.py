"""What the console's Members pages read: a board's members with their roles and chat links."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from storage.console_lists import Slice
from storage.models import Board, BoardRole, Member


def member_counts(session: Session, board_ids: Iterable[int]) -> list[tuple[Board, int]]:
    """Each board (A to Z) and how many members hold a role on it."""
    rows = session.execute(
        select(Board, func.count(func.distinct(BoardRole.member_id)))
        .outerjoin(BoardRole, BoardRole.board_id == Board.id)
        .where(Board.id.in_(list(board_ids)))
        .group_by(Board.id)
        .order_by(Board.name, Board.id)
    )
    return [(board, int(count)) for board, count in rows]


def members_page(
    session: Session, board_ids: Iterable[int], *, offset: int, limit: int
) -> Slice[tuple[int, Member]]:
    """One page of (board id, member): boards A to Z, each one's members A to Z, a member
    on two of the boards once under each; roles and chat links loaded for the page only."""
    pairs = (
        select(BoardRole.board_id, Board.name, Member.id, Member.name)
        .join(Board, Board.id == BoardRole.board_id)
        .join(Member, Member.id == BoardRole.member_id)
        .where(BoardRole.board_id.in_(list(board_ids)))
        .distinct()
    )
    page = session.execute(
        pairs.order_by(Board.name, BoardRole.board_id, Member.name, Member.id)
        .offset(offset)
        .limit(limit)
    ).all()
    total = session.scalar(select(func.count()).select_from(pairs.subquery())) or 0
    loaded = {
        member.id: member
        for member in session.scalars(
            select(Member)
            .options(
                selectinload(Member.roles).selectinload(BoardRole.board),
                selectinload(Member.identities),
            )
            .where(Member.id.in_({member_id for _, _, member_id, _ in page}))
        )
    }
    return Slice([(board_id, loaded[member_id]) for board_id, _, member_id, _ in page], total)
