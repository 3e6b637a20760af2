"""Chat channels linked to boards: the one place a link is made, undone or looked up.

Both ``/boardclerk link-channel`` in chat and ``boardclerk board link-channel``
come here, so a link made either way is checked the same and stores the same
row. A Slack channel keeps its workspace (team): with several workspaces
installed, that is how its announcements find the workspace's token. Every
function raises ``DirectoryError`` (one line) for bad input and leaves
committing to the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import column, inspect, select, table
from sqlalchemy.orm import Session

from storage.directory import PLATFORMS, DirectoryError
from storage.models import Board, BoardChannel

# slack_sdk's installation store keeps one row per installed workspace's bot here,
# in Board Clerk's own database (see bot/slack/app.py); only OAuth mode creates it.
_SLACK_BOTS = table("slack_bots", column("team_id"), column("bot_token"))


class LinkedChannel(NamedTuple):
    """A channel of a board, with its Slack workspace when it has one."""

    channel_id: str
    team_id: str | None


@dataclass(frozen=True)
class Linked:
    """What linking did: ``previous`` names the board a moved link left; ``already``, no change."""

    board: str
    team_id: str | None
    previous: str | None = None
    already: bool = False


def link_of(session: Session, platform: str, channel_id: str) -> BoardChannel | None:
    """The link of a channel, if it has one."""
    return session.scalars(
        select(BoardChannel).where(
            BoardChannel.platform == platform, BoardChannel.channel_id == channel_id
        )
    ).one_or_none()


def board_of_channel(session: Session, platform: str, channel_id: str) -> Board | None:
    """The board a channel is linked to (its questions default to it)."""
    link = link_of(session, platform, channel_id)
    return None if link is None else link.board


def channels_of_board(session: Session, board_id: int, platform: str) -> list[LinkedChannel]:
    """Where a board's announcements go on ``platform``, each with its workspace."""
    rows = session.execute(
        select(BoardChannel.channel_id, BoardChannel.team_id)
        .where(BoardChannel.board_id == board_id, BoardChannel.platform == platform)
        .order_by(BoardChannel.id)
    )
    return [LinkedChannel(channel_id, team_id) for channel_id, team_id in rows]


def installed_slack_teams(session: Session) -> list[str]:
    """The Slack workspaces installed through OAuth (none with a single bot token)."""
    if not inspect(session.connection()).has_table(_SLACK_BOTS.name):
        return []
    query = (
        select(_SLACK_BOTS.c.team_id)
        .where(_SLACK_BOTS.c.team_id.is_not(None), _SLACK_BOTS.c.bot_token.is_not(None))
        .distinct()
    )
    return sorted(str(team) for team in session.scalars(query))


def _slack_team(session: Session, given: str | None) -> str | None:
    """The workspace a Slack link stores: the one given, or the only one installed."""
    installed = installed_slack_teams(session)
    if given is not None:
        given = given.strip()
        if not given:
            raise DirectoryError("a Slack workspace id cannot be empty")
        if installed and given not in installed:
            raise DirectoryError(
                f"Slack workspace {given} is not installed (installed: {', '.join(installed)})"
            )
        return given
    if len(installed) > 1:
        raise DirectoryError(
            f"several Slack workspaces are installed ({', '.join(installed)}): "
            "say which one the channel is in (--slack-team T…)"
        )
    return installed[0] if installed else None


def _checked(platform: str, channel_id: str) -> str:
    if platform not in PLATFORMS:
        raise DirectoryError(f"unknown platform {platform!r} (use {' or '.join(PLATFORMS)})")
    channel_id = channel_id.strip()
    if not channel_id:
        raise DirectoryError("a chat channel id cannot be empty")
    return channel_id


def link_channel(
    session: Session, board: Board, platform: str, channel_id: str, team_id: str | None = None
) -> Linked:
    """Link a channel to ``board``, moving an existing link; a Slack one keeps its workspace."""
    channel_id = _checked(platform, channel_id)
    if platform != "slack" and team_id is not None:
        raise DirectoryError("a workspace id is for Slack channels only")
    team = _slack_team(session, team_id) if platform == "slack" else None
    link = link_of(session, platform, channel_id)
    if link is None:
        session.add(
            BoardChannel(board=board, platform=platform, channel_id=channel_id, team_id=team)
        )
        session.flush()
        return Linked(board.name, team)
    link.team_id = team or link.team_id
    if link.board_id == board.id:
        return Linked(board.name, link.team_id, already=True)
    previous = link.board.name
    link.board = board
    session.flush()
    return Linked(board.name, link.team_id, previous=previous)


def unlink_channel(session: Session, platform: str, channel_id: str) -> str:
    """Undo a channel's link; returns the name of the board it was linked to."""
    channel_id = _checked(platform, channel_id)
    link = link_of(session, platform, channel_id)
    if link is None:
        raise DirectoryError(f"{platform} channel {channel_id} is not linked to a board")
    name = link.board.name
    session.delete(link)
    session.flush()
    return name
