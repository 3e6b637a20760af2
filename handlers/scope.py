"""Which boards a message is about, and what the asker may be shown from them.

A member's questions cover the boards they sit on (a clerk's, every board); in a
board's own channel they cover that board. Exempt items are quoted only in a
direct message to someone who sits on that board, and someone not linked to a
member gets the public record of every board with exempt items left out entirely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from handlers.router import Context
from storage.boards import boards_by_name
from storage.models import AgendaItem, Attendance, Board
from storage.queries import find_board

PUBLIC_FOOTER = (
    "Public information only: to send apologies or see more, ask your clerk to link "
    "this chat account (`boardclerk member link`)."
)


@dataclass(frozen=True)
class Scope:
    boards: list[Board]
    # Set when the member named a board they may not see or that does not exist.
    problem: str | None = None

    @property
    def board_ids(self) -> list[int]:
        return [board.id for board in self.boards]


def visible_boards(ctx: Context) -> list[Board]:
    return boards_by_name(ctx.session, ctx.asker.board_ids)


def _folded(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def board_mentioned(ctx: Context, text: str, boards: list[Board]) -> Board | None:
    """A board whose name, short name or alias appears in ``text`` as whole words."""
    lowered = f" {_folded(text)} "
    best: tuple[int, Board] | None = None
    for board in boards:
        for name in [board.name, board.short_name or "", *board.aliases]:
            key = _folded(name)
            if key and f" {key} " in lowered and (best is None or len(key) > best[0]):
                best = (len(key), board)
    return None if best is None else best[1]


def without_board_names(text: str, boards: list[Board]) -> str:
    """The question with board names taken out, so they are not searched for as topics."""
    for board in boards:
        for name in sorted([board.name, board.short_name or "", *board.aliases], key=len)[::-1]:
            if name:
                text = re.sub(rf"(?i)\b(the\s+)?{re.escape(name)}\b", " ", text)
    return text


def resolve_scope(ctx: Context, board_text: str | None = None) -> Scope:
    """The boards to answer about; ``board_text`` is an explicit board argument, if any."""
    boards = visible_boards(ctx)
    if board_text and board_text.strip():
        wanted = board_text.strip()
        board = find_board(ctx.session, wanted)
        if board is None:
            names = {b.name: b for b in boards}
            match = process.extractOne(wanted, list(names), scorer=fuzz.WRatio, score_cutoff=85)
            board = names[match[0]] if match else None
        if board is None or board.id not in ctx.asker.board_ids:
            yours = "" if ctx.asker.is_public else " that you sit on"
            return Scope(boards=[], problem=f"I don't know a board called “{wanted}”{yours}.")
        return Scope(boards=[board])
    named = board_mentioned(ctx, ctx.text, boards)
    if named is not None:
        return Scope(boards=[named])
    channel = ctx.channel_board
    if channel is not None and channel.id in ctx.asker.board_ids:
        return Scope(boards=[channel])
    return Scope(boards=boards)


def may_quote(ctx: Context, item: AgendaItem) -> bool:
    """An exempt item is quoted only in a DM to someone who sits on its board."""
    if not item.exempt:
        return True
    board_id = item.meeting.board_id
    return ctx.message.is_direct and (ctx.asker.is_operator or ctx.asker.sits_on(board_id))


def may_see_reason(ctx: Context, row: Attendance) -> bool:
    """An apology's reason (often health information): the member, the clerk, the chair."""
    asker = ctx.asker
    board_id = row.meeting.board_id
    if asker.is_clerk(board_id) or asker.is_chair(board_id):
        return True
    member = asker.member
    return member is not None and (row.member_id == member.id or row.person_key == member.match_key)
