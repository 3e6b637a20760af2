"""``boardclerk say``, ``chat`` and ``demo``: the conversation pipeline at a terminal."""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from platformdirs import user_data_dir
from rich.console import Console
from sqlalchemy.orm import Session, sessionmaker

from bot.cli.common import database, default_zone, fail, is_interactive, parse_now, settings
from bot.console import ConsoleChat, render, run_chat
from handlers.formatting import meeting_when
from handlers.identity import OPERATOR
from handlers.messages import Reply
from handlers.pipeline import Pipeline
from ingest import import_paths
from storage.db import DatabaseError, open_database, transaction
from storage.directory import find_member_by_name
from storage.models import (
    AgendaItem,
    Board,
    BoardRole,
    Meeting,
    Member,
    Role,
)
from storage.names import match_key
from storage.queries import find_board, upcoming_meetings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DEMO_BOARD = "Corporate Parenting Board"
DEMO_MEMBER = "Councillor B Lewis"

AsOption = Annotated[
    str | None,
    typer.Option("--as", help="Speak as this member (name as printed); default: the operator."),
]


def _check_member(factory: sessionmaker[Session], name: str | None) -> str:
    if name is None:
        return OPERATOR
    with factory() as session:
        member = find_member_by_name(session, name)
    if member is None:
        fail(f"no member called {name!r}: see `boardclerk member list`")
    return member.name


def reply_json(reply: Reply) -> str:
    return json.dumps(
        {
            "text": reply.as_plain_text(),
            "intent": reply.intent,
            "citations": [
                {
                    "board": c.board,
                    "meeting_date": c.meeting_date.isoformat(),
                    "item_number": c.item_number,
                    "item_title": c.item_title,
                }
                for c in reply.citations
            ],
        },
        ensure_ascii=False,
    )


def say(
    text: Annotated[str, typer.Argument(help="The message, e.g. 'when is the next meeting?'")],
    as_member: AsOption = None,
    board: Annotated[str | None, typer.Option("--board", help="Ask about this board only.")] = None,
    now: Annotated[
        str | None,
        typer.Option("--now", help="The clock for this message, ISO 8601 (local if no offset)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the reply as JSON.")] = False,
) -> None:
    """Send one message through the same pipeline as the chat platforms and print the reply."""
    if not text.strip():
        fail("say what? give the message as an argument")
    factory = database()
    user = _check_member(factory, as_member)
    clock = parse_now(now)
    message = ConsoleChat(user, default_zone(), lambda: clock).message(text)
    if board is not None:
        with factory() as session:
            if find_board(session, board) is None:
                fail(f"no board called {board!r}")
        message = replace(message, board=board)
    reply = Pipeline(factory, public_url=settings().public_url).handle(message)
    if as_json:
        typer.echo(reply_json(reply))
    else:
        render(reply, Console(highlight=False, soft_wrap=True))
    if reply.intent == "error":
        raise typer.Exit(code=1)


def _chat(factory: sessionmaker[Session], user: str, now: dt.datetime | None = None) -> None:
    """Chat at the terminal; ``now`` fixes the clock (``demo --now``), else the real one."""
    console = Console(highlight=False, soft_wrap=True)
    zone = default_zone()

    def clock() -> dt.datetime:
        return now if now is not None else dt.datetime.now(zone)

    chat = ConsoleChat(user, zone, clock)
    pipeline = Pipeline(factory, public_url=settings().public_url)
    if is_interactive():
        console.print("Board Clerk — ask a question, /help for commands, quit to leave.")
        prompt = None
        try:
            lines = iter(lambda: console.input("[bold]> [/bold]"), None)
            run_chat(lines, chat, pipeline.handle, console, prompt)
        except (EOFError, KeyboardInterrupt):
            console.print()
    else:
        run_chat(sys.stdin, chat, pipeline.handle, console)


def chat(as_member: AsOption = None) -> None:
    """Talk to Board Clerk at the terminal (reads one message per line when piped)."""
    factory = database()
    _chat(factory, _check_member(factory, as_member))


def _import_examples(factory: sessionmaker[Session]) -> str:
    results = import_paths(factory, [EXAMPLES])
    failed = [f"{r.path}: {r.error}" for r in results if not r.ok]
    if failed:
        return "could not import: " + "; ".join(failed)
    return f"imported {len(results)} example document(s) from {EXAMPLES}"


def _add_demo_meeting(session: Session, board: Board, day: dt.date) -> None:
    meeting = Meeting(
        board=board,
        date=day,
        starts_at=dt.datetime.combine(day, dt.time(15), tzinfo=board.tz),
        venue="Committee Room 1, Town Hall",
    )
    titles = [
        (None, "Apologies for Absence", []),
        (None, "Declarations of Interest", []),
        (None, "Minutes of the previous meeting", []),
        ("1", "Placement Sufficiency Update", ["Head of Commissioning"]),
        ("2", "Children in Care Council: what we heard", ["Participation Officer"]),
    ]
    for position, (number, title, presenters) in enumerate(titles, start=1):
        meeting.items.append(
            AgendaItem(position=position, number=number, title=title, presenters=presenters)
        )
    session.add(meeting)
    session.flush()


def seed_demo(factory: sessionmaker[Session], now: dt.datetime, zone: ZoneInfo) -> str:
    """The demo member and an upcoming meeting with an agenda; says which meeting that is.

    The examples' agenda is for a real date, so it is the next meeting until that day passes;
    only then is a meeting added, ten days from ``now`` at 3.00pm. Either way the sentence
    returned names the meeting ``/next-meeting`` shows at ``now``, so the demo never
    announces one meeting and then shows another.
    """
    with transaction(factory) as session:
        board = find_board(session, DEMO_BOARD)
        if board is None:
            board = Board(name=DEMO_BOARD, timezone=zone.key)
            session.add(board)
            session.flush()
        if find_member_by_name(session, DEMO_MEMBER) is None:
            member = Member(name=DEMO_MEMBER, match_key=match_key(DEMO_MEMBER))
            member.roles = [BoardRole(board=board, role=Role.MEMBER)]
            session.add(member)
        upcoming = upcoming_meetings(session, [board.id], now, limit=1)
        added = not upcoming or not upcoming[0].items
        if added:
            _add_demo_meeting(session, board, (now + dt.timedelta(days=10)).date())
            upcoming = upcoming_meetings(session, [board.id], now, limit=1)
        name, when = board.name, meeting_when(upcoming[0])
    if added:
        return f"added a meeting of the {name} on {when}"
    return f"the next meeting of the {name} is on {when} (from the examples)"


def demo(
    as_member: Annotated[
        str | None,
        typer.Option("--as", help=f"Speak as this member; default: {DEMO_MEMBER}."),
    ] = None,
    path: Annotated[
        Path | None, typer.Option("--database", help="Where to create the demo database.")
    ] = None,
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            help="Pretend it is this time, ISO 8601 (local if no offset), for the demo "
            "and the chat; default: the real clock.",
        ),
    ] = None,
) -> None:
    """Start a fresh demo: the example minutes imported and a meeting coming up, then chat.

    The coming meeting is the examples' agenda while its date is ahead, else one added ten
    days from now; the demo names it, and /next-meeting shows it.
    """
    clock = parse_now(now) if now is not None else None
    target = path or Path(user_data_dir("boardclerk")) / "demo.db"
    target.unlink(missing_ok=True)
    try:
        factory = open_database(f"sqlite:///{target}")
    except DatabaseError as exc:
        fail(str(exc))
    zone = default_zone()
    typer.echo(f"demo database: {target}")
    typer.echo(_import_examples(factory))
    typer.echo(seed_demo(factory, clock or dt.datetime.now(zone), zone))
    user = _check_member(factory, as_member or DEMO_MEMBER)
    typer.echo(f"you are {user}; try: /next-meeting · what did we agree on sufficiency? · /help")
    _chat(factory, user, clock)


def register(app: typer.Typer) -> None:
    app.command("say")(say)
    app.command("chat")(chat)
    app.command("demo")(demo)
