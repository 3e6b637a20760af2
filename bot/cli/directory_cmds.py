"""``boardclerk board|member|meeting`` and ``export``: the clerk's own set-up."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bot.cli.common import fail, parse_now, unit_of_work
from handlers.cleaning import visible
from handlers.formatting import meeting_when
from storage import boards, channels, console_ops, directory, listings
from storage.calendar import board_slug
from storage.export import export, meeting_start_iso
from storage.models import PRESIDING_ROLES, Board, Role
from storage.sources.announce import meeting_state

board_app = typer.Typer(help="Add and list boards and committees.", no_args_is_help=True)
member_app = typer.Typer(help="Add, list and link members.", no_args_is_help=True)
meeting_app = typer.Typer(
    help="Schedule, list, show, cancel and move meetings.", no_args_is_help=True
)
out = Console()


BoardOption = Annotated[str, typer.Option("--board", "-b", help="Board name, short name or alias.")]
SinceOption = Annotated[
    str | None,
    typer.Option(
        help="For chair or vice-chair: the date it holds from, e.g. 2026-05-20 (default: "
        "today). Imported minutes of meetings up to that date do not change it; minutes of "
        "a later meeting naming someone else do."
    ),
]


def _since(value: str | None, board: Board | None) -> dt.date | None:
    """The date a role is given from: ``--since``, or today in the board's timezone."""
    if board is None:
        return None
    if value is None:
        return parse_now(None, board.tz).date()
    return directory.parse_when(value, board.tz)[0]


@board_app.command("add")
def board_add(
    name: Annotated[str, typer.Argument(help="Full name, e.g. 'Corporate Parenting Board'.")],
    short_name: Annotated[str | None, typer.Option(help="Short name, e.g. CPB.")] = None,
    alias: Annotated[list[str] | None, typer.Option(help="Another name (repeatable).")] = None,
    timezone: Annotated[str, typer.Option(help="IANA timezone of its meetings.")] = "Europe/London",
    quorum: Annotated[int | None, typer.Option(help="Members needed for a quorum.")] = None,
) -> None:
    """Add a board or committee."""
    with unit_of_work() as session:
        board = directory.add_board(
            session, name, short_name=short_name, aliases=alias, timezone=timezone, quorum=quorum
        )
        typer.echo(f"added board {board.name}")


@board_app.command("list")
def board_list() -> None:
    """List boards with their timezone, quorum, members and calendar feed path."""
    with unit_of_work() as session:
        table = Table("name", "short name", "timezone", "quorum", "members", "calendar")
        for board in boards.all_boards(session):
            table.add_row(
                board.name,
                board.short_name or "",
                board.timezone,
                str(board.quorum or ""),
                str(len({r.member_id for r in board.roles})),
                f"/calendar/{board_slug(board.name)}.ics",
            )
        out.print(table)


def _channel(slack: str | None, discord: str | None, teams: str | None) -> tuple[str, str]:
    given = [(p, c) for p, c in (("slack", slack), ("discord", discord), ("teams", teams)) if c]
    if len(given) != 1:
        fail("give one of --slack CHANNEL_ID, --discord CHANNEL_ID or --teams CHANNEL_ID")
    return given[0]


SlackChannel = Annotated[
    str | None, typer.Option("--slack", help="Slack channel id, e.g. C012AB3CD.")
]
DiscordChannel = Annotated[
    str | None, typer.Option("--discord", help="Discord channel id (a number).")
]
TeamsChannel = Annotated[
    str | None, typer.Option("--teams", help="Teams channel id, e.g. 19:…@thread.tacv2.")
]


SlackTeam = Annotated[
    str | None,
    typer.Option(
        "--slack-team",
        help="The Slack channel's workspace id (T…); needed when several are installed, "
        "filled in when only one is.",
    ),
]


@board_app.command("link-channel")
def board_link_channel(
    name: Annotated[str, typer.Argument(help="Board name, short name or alias.")],
    slack: SlackChannel = None,
    discord: DiscordChannel = None,
    teams: TeamsChannel = None,
    slack_team: SlackTeam = None,
) -> None:
    """Link a chat channel to a board: its questions default to the board, its news goes there.

    The command-line form of `/boardclerk link-channel` in chat, with the same checks. A
    Slack channel keeps its workspace, so its announcements use that workspace's token.
    """
    platform, channel_id = _channel(slack, discord, teams)
    if slack_team is not None and platform != "slack":
        fail("--slack-team goes with --slack CHANNEL_ID")
    with unit_of_work() as session:
        board = directory.board_named(session, name)
        linked = channels.link_channel(session, board, platform, channel_id, slack_team)
        where = f"{platform} channel {channel_id}"
        if linked.team_id:
            where += f" (workspace {linked.team_id})"
        if linked.already:
            typer.echo(f"{where} is already linked to {linked.board}")
        elif linked.previous:
            typer.echo(f"{where} now linked to {linked.board} (was {linked.previous})")
        else:
            typer.echo(f"{where} linked to {linked.board}")


@board_app.command("unlink-channel")
def board_unlink_channel(
    slack: SlackChannel = None, discord: DiscordChannel = None, teams: TeamsChannel = None
) -> None:
    """Unlink a chat channel from its board (the form of `/boardclerk unlink-channel`)."""
    platform, channel_id = _channel(slack, discord, teams)
    with unit_of_work() as session:
        board = channels.unlink_channel(session, platform, channel_id)
        typer.echo(f"{platform} channel {channel_id} unlinked from {board}")


@member_app.command("add")
def member_add(
    name: Annotated[
        str, typer.Argument(help="Name as the minutes print it, e.g. 'Councillor J A Walker'.")
    ],
    board: Annotated[str | None, typer.Option("--board", "-b", help="Board they sit on.")] = None,
    role: Annotated[Role, typer.Option(help="Their role on that board.")] = Role.MEMBER,
    email: Annotated[str | None, typer.Option(help="Email; a chat user with it is linked.")] = None,
    since: SinceOption = None,
) -> None:
    """Add a member, optionally with a role on a board."""
    with unit_of_work() as session:
        target = directory.board_named(session, board) if board else None
        member = directory.add_member(
            session, name, email=email, board=target, role=role, since=_since(since, target)
        )
        where = f" ({role.value}, {target.name})" if target else ""
        typer.echo(f"added member {member.name}{where}")


@member_app.command("role")
def member_role(
    name: Annotated[str, typer.Argument(help="The member's name.")],
    board: Annotated[
        str | None, typer.Option("--board", "-b", help="Board name, short name or alias.")
    ] = None,
    all_boards: Annotated[
        bool,
        typer.Option(
            "--all-boards",
            help="Every board there is now (a clerk who runs them all); boards added later "
            "need the role given again.",
        ),
    ] = False,
    role: Annotated[Role, typer.Option(help="The role to give.")] = Role.MEMBER,
    since: SinceOption = None,
) -> None:
    """Give an existing member a role on a board, or on every board with --all-boards.

    A board has one chair and one vice-chair: giving either role takes it from whoever
    held it. Imports then keep it unless minutes of a later meeting name someone else.
    """
    if (board is None) == (not all_boards):
        fail("give --board NAME or --all-boards")
    if all_boards and role in PRESIDING_ROLES:
        fail(f"--all-boards cannot give {role.value}: each board has its own")
    with unit_of_work() as session:
        member = directory.member_named(session, name)
        targets = (
            boards.all_boards(session) if board is None else [directory.board_named(session, board)]
        )
        if not targets:
            fail("there are no boards yet: add one with `boardclerk board add`")
        for target in targets:
            directory.give_role(session, member, target, role, since=_since(since, target))
            typer.echo(f"{member.name} is now {role.value} of {target.name}")


@member_app.command("list")
def member_list(
    board: Annotated[str | None, typer.Option("--board", "-b", help="Only this board.")] = None,
    role: Annotated[
        Role | None,
        typer.Option(help="Only this role, e.g. substitute: a committee's allowed substitutes."),
    ] = None,
) -> None:
    """List members with their roles and linked chat accounts."""
    with unit_of_work() as session:
        only = directory.board_named(session, board) if board else None
        table = Table("name", "roles", "email", "chat")
        for member in listings.members_by_name(session):
            roles = [
                r
                for r in member.roles
                if (only is None or r.board_id == only.id) and (role is None or r.role == role)
            ]
            if (only is not None or role is not None) and not roles:
                continue
            table.add_row(
                member.name,
                ", ".join(
                    f"{r.role.value} ({r.board.short_name or r.board.name}"
                    + (f", ended {r.ended_on.isoformat()})" if r.ended_on else ")")
                    for r in roles
                ),
                member.email or "",
                ", ".join(
                    f"{i.platform}:{i.user_id}" + (f" ({i.team_id})" if i.team_id else "")
                    for i in member.identities
                ),
            )
        out.print(table)


@member_app.command("link")
def member_link(
    name: Annotated[str, typer.Argument(help="The member's name.")],
    slack: Annotated[str | None, typer.Option(help="Slack user id, e.g. U012AB3CD.")] = None,
    discord: Annotated[str | None, typer.Option(help="Discord user id (a number).")] = None,
    teams: Annotated[
        str | None, typer.Option(help="Teams user's Entra object id (aadObjectId).")
    ] = None,
    slack_team: Annotated[
        str | None,
        typer.Option(help="The Slack user's workspace id (T…), when several are installed."),
    ] = None,
) -> None:
    """Link a Slack, Discord or Teams user id to a member, so the bot knows who is asking."""
    if not slack and not discord and not teams:
        fail("give --slack USER_ID, --discord USER_ID or --teams AAD_OBJECT_ID")
    if slack_team and not slack:
        fail("--slack-team goes with --slack USER_ID")
    with unit_of_work() as session:
        member = directory.member_named(session, name)
        for platform, user_id in (("slack", slack), ("discord", discord), ("teams", teams)):
            if user_id:
                team = slack_team if platform == "slack" else None
                directory.link_identity(session, member, platform, user_id, team)
                typer.echo(f"linked {platform} user {user_id} to {member.name}")


@meeting_app.command("add")
def meeting_add(
    board: Annotated[str, typer.Argument(help="Board name, short name or alias.")],
    when: Annotated[
        str, typer.Argument(help="2026-12-02, or 2026-12-02T15:00 (board's local time).")
    ],
    venue: Annotated[str | None, typer.Option(help="Where it meets.")] = None,
) -> None:
    """Schedule a meeting."""
    with unit_of_work() as session:
        meeting = directory.add_meeting(
            session, directory.board_named(session, board), when, venue=venue
        )
        typer.echo(f"scheduled meeting {meeting.id}: {meeting.board.name}, {meeting_when(meeting)}")


@meeting_app.command("list")
def meeting_list(
    board: Annotated[str | None, typer.Option("--board", "-b", help="Only this board.")] = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help='Print [{"id", "board", "starts_at", "venue", "status"}].'),
    ] = False,
) -> None:
    """List meetings, oldest first, with their ids."""
    with unit_of_work() as session:
        only = directory.board_named(session, board).id if board else None
        meetings = listings.meetings_oldest_first(session, only)
        if as_json:
            rows = [
                {
                    "id": meeting.id,
                    "board": meeting.board.name,
                    "starts_at": meeting_start_iso(meeting),
                    "venue": meeting.venue,
                    "status": meeting.status.value,
                }
                for meeting in meetings
            ]
            typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        table = Table("id", "board", "when", "status", "minutes", "items")
        for meeting in meetings:
            table.add_row(
                str(meeting.id),
                meeting.board.name,
                meeting_when(meeting),
                meeting.status.value,
                meeting.minutes_status.value,
                str(len(meeting.items)),
            )
        out.print(table)


@meeting_app.command("show")
def meeting_show(
    meeting_id: Annotated[int, typer.Argument(help="Meeting id (see meeting list).")],
) -> None:
    """Show a meeting: items, decisions and attendance."""
    with unit_of_work() as session:
        meeting = directory.meeting_by_id(session, meeting_id)
        status = meeting.status.value + (f"; {meeting.status_note}" if meeting.status_note else "")
        title = escape(visible(meeting.board.name))
        out.print(f"[bold]{title}[/bold], {meeting_when(meeting)} ({escape(visible(status))})")
        if meeting.venue:
            out.print(visible(f"Venue: {meeting.venue}"), markup=False)
        for item in meeting.items:
            number = f"{item.number} " if item.number else ""
            flags = " [truncated]" if item.truncated else ""
            flags += " [exempt]" if item.exempt else ""
            out.print(visible(f"  {number}{item.title}{flags}"), markup=False)
            for decision in item.decisions:
                out.print(visible(f"      {decision.text}"), markup=False)
        for row in meeting.attendance:
            reason = f" – {row.reason}" if row.reason else ""
            out.print(visible(f"  {row.status.value}: {row.name}{reason}"), markup=False)


NOW_HELP = "The time it happens (ISO 8601; for testing). Default: now."


def _told(queued: int) -> str:
    return "; the board's channels are told" if queued else ""


@meeting_app.command("cancel")
def meeting_cancel(
    meeting_id: Annotated[int, typer.Argument(help="Meeting id.")],
    note: Annotated[
        str | None, typer.Option("--note", help="A line for members, e.g. why or what next.")
    ] = None,
    now: Annotated[str | None, typer.Option("--now", help=NOW_HELP)] = None,
) -> None:
    """Cancel a meeting and tell the board's channels, as the console does; its reminders
    stop by themselves."""
    with unit_of_work() as session:
        meeting = directory.meeting_by_id(session, meeting_id)
        at = parse_now(now, meeting.board.tz)
        note = " ".join((note or "").split()) or None
        _, queued = console_ops.cancel_and_announce(
            session, meeting, note=note, today=at.astimezone(meeting.board.tz).date(), now=at
        )
        typer.echo(f"cancelled {meeting.board.name}, {meeting_when(meeting)}{_told(queued)}")


@meeting_app.command("move")
def meeting_move(
    meeting_id: Annotated[int, typer.Argument(help="Meeting id.")],
    when: Annotated[str, typer.Argument(help="New date, or date and time: 2026-12-09T15:00.")],
    now: Annotated[str | None, typer.Option("--now", help=NOW_HELP)] = None,
) -> None:
    """Move a meeting to a new date or time; its reminders follow, and the board's channels
    are told when it is still to come (as the console does)."""
    with unit_of_work() as session:
        meeting = directory.meeting_by_id(session, meeting_id)
        at = parse_now(now, meeting.board.tz)
        old = meeting_state(meeting)
        directory.move_meeting(session, meeting, when)
        session.flush()
        today = at.astimezone(meeting.board.tz).date()
        queued = console_ops.announce(session, meeting, old, today=today, now=at)
        typer.echo(f"moved to {meeting_when(meeting)}{_told(queued)}")


def export_cmd(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (the only format for now).")
    ] = False,
) -> None:
    """Print the whole database as JSON: the canonical machine view and a backup."""
    if not as_json:
        fail("give --json (the export's only format)")
    with unit_of_work() as session:
        typer.echo(json.dumps(export(session), indent=2, ensure_ascii=False))


def register(app: typer.Typer) -> None:
    app.add_typer(board_app, name="board")
    app.add_typer(member_app, name="member")
    app.add_typer(meeting_app, name="meeting")
    app.command("export")(export_cmd)
