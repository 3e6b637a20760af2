"""Where a notice can go on one chat platform: a member's chat users, a board's linked channels.

Every chat adapter's notifier reads its destinations here, so the rule "a member
is reached through their own identities, a board through its linked channels"
is written once. The Slack workspace (``team_id``) comes along, since a
multi-workspace install must post through that workspace's token.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import channels
from storage.models import ChatIdentity


@dataclass(frozen=True)
class Destination:
    """One chat user (a member's direct messages) or one channel on one platform."""

    kind: Literal["member", "board-channel"]
    id: str
    # Slack: the workspace the user or channel belongs to; None elsewhere or when unknown.
    team_id: str | None = None


def member_destinations(session: Session, platform: str, member_id: int) -> list[Destination]:
    """The member's chat users on ``platform``, oldest link first."""
    rows = session.execute(
        select(ChatIdentity.user_id, ChatIdentity.team_id)
        .where(ChatIdentity.member_id == member_id, ChatIdentity.platform == platform)
        .order_by(ChatIdentity.id)
    )
    return [Destination("member", user_id, team_id) for user_id, team_id in rows]


def board_destinations(session: Session, platform: str, board_id: int) -> list[Destination]:
    """The channels linked to the board on ``platform``, oldest link first."""
    return [
        Destination("board-channel", linked.channel_id, linked.team_id)
        for linked in channels.channels_of_board(session, board_id, platform)
    ]
