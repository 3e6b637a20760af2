"""``boardclerk reminders``: a dry run of what would be sent, to whom, when and why."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table

from bot.cli.common import database, default_zone, fail, parse_now, settings
from bot.settings import Settings
from schedules.config import ReminderConfig, config_from_strings
from schedules.dispatch import pending
from schedules.planning import Planned, Snapshot
from storage.listings import member_names

out = Console()


def reminder_config(settings: Settings) -> ReminderConfig:
    """The reminder settings as a config; ``ValueError`` (one line) on a bad value."""
    return config_from_strings(
        offsets=settings.reminder_offsets,
        send_time=settings.reminder_send_time,
        quiet_hours=settings.reminder_quiet_hours,
        digest=settings.reminder_digest,
        apologised=settings.reminder_apologised,
        matters_arising_days=settings.reminder_matters_arising_days,
        lease=settings.reminder_lease,
        timezone=settings.timezone,
        papers_digest_days=settings.digest_days,
    )


def _row(
    planned: Planned, snapshot: Snapshot, names: dict[int, str], zone: ZoneInfo
) -> dict[str, str | int | None]:
    board = snapshot.boards.get(planned.board_id or 0)
    local = board.zone if board is not None else zone
    if planned.member_id is not None:
        recipient = names.get(planned.member_id, f"member {planned.member_id}")
    else:
        recipient = f"{board.name if board else 'board'} channel"
    starts: str | None = None
    if planned.meeting_starts_at is not None:
        starts = planned.meeting_starts_at.astimezone(local).isoformat()
    elif planned.meeting_date is not None:
        starts = planned.meeting_date.isoformat()
    return {
        "at": planned.at.astimezone(local).isoformat(),
        "kind": planned.kind.value,
        "recipient": recipient,
        "board": board.name if board is not None else None,
        "meeting_starts_at": starts,
        "action_id": planned.action_id,
    }


def reminders(
    now: Annotated[
        str | None, typer.Option(help="Start of the window (ISO 8601; no offset = local).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="End of the window (ISO 8601); default 14 days after --now.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array on stdout.")] = False,
) -> None:
    """List the reminders that would be sent between --now and --until, without sending any."""
    try:
        config = reminder_config(settings())
    except ValueError as exc:
        fail(str(exc))
    zone = default_zone()
    start = parse_now(now, zone)
    end = parse_now(until, zone) if until is not None else start + dt.timedelta(days=14)
    if end <= start:
        fail("--until must be after --now")
    factory = database()
    with factory() as session:
        snapshot, planned = pending(session, start, end, config)
        names = member_names(session)
    rows = [_row(p, snapshot, names, zone) for p in planned]
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        typer.echo("no reminders due in that window")
        return
    table = Table("at", "kind", "recipient", "board", "why")
    for row, item in zip(rows, planned, strict=True):
        table.add_row(
            str(row["at"])[:16].replace("T", " "),
            str(row["kind"]),
            str(row["recipient"]),
            str(row["board"] or ""),
            item.reason,
        )
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command("reminders")(reminders)
