"""``boardclerk source …`` and ``boardclerk sync``: following a council's ModernGov site."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bot.cli.common import database, fail, settings, unit_of_work
from bot.cli.import_cmd import coverage_note
from bot.site_clients import client_factory
from ingest.moderngov import xml
from ingest.moderngov.client import FetchError, ServiceOff
from ingest.moderngov.sync import SourceResult, sync_all
from storage.sources import registry

source_app = typer.Typer(
    help="Follow committees on a council's ModernGov site (see README).", no_args_is_help=True
)
out = Console()

UrlArgument = Annotated[
    str, typer.Argument(help="The site's root, e.g. https://democracy.example.gov.uk.")
]


def _committees(url: str) -> list[xml.Committee]:
    root = registry.site_root(url)
    with client_factory(settings())(root) as client:
        return xml.committees(client.service("GetCommittees"))


@source_app.command("committees")
def source_committees(
    url: UrlArgument,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per committee.")] = False,
) -> None:
    """List a site's committees: id, title, category; expired and deleted ones marked."""
    try:
        found = _committees(url)
    except registry.SourceError as exc:
        fail(str(exc))
    except ServiceOff:
        fail(
            f"the web service at {registry.site_root(url)} is switched off; the committee id is "
            "the number after CommitteeId= in the address of the committee's page"
        )
    except (FetchError, xml.SiteError) as exc:
        fail(str(exc))
    if as_json:
        for committee in found:
            typer.echo(json.dumps(dataclasses.asdict(committee), ensure_ascii=False))
        return
    table = Table("id", "title", "category", "state")
    for committee in found:
        state = ", ".join(
            word
            for word, on in (("expired", committee.expired), ("deleted", committee.deleted))
            if on
        )
        table.add_row(committee.id, committee.title, committee.category or "", state)
    out.print(table)


@source_app.command("add")
def source_add(
    kind: Annotated[str, typer.Argument(help="The kind of site: moderngov.")],
    url: UrlArgument,
    committee: Annotated[
        str, typer.Option("--committee", "-c", help="The committee's id (see source committees).")
    ],
    board: Annotated[
        str | None,
        typer.Option("--board", "-b", help="Board to fill (default: named after the committee)."),
    ] = None,
) -> None:
    """Follow one committee into a board; `boardclerk sync` then reads its meetings."""
    if kind not in registry.KINDS:
        fail(f"unknown source kind {kind!r} (known: {', '.join(registry.KINDS)})")
    chosen: xml.Committee | None
    try:
        chosen = next((c for c in _committees(url) if c.id == committee.strip()), None)
        if chosen is None:
            fail(f"the site has no committee {committee} (see `boardclerk source committees`)")
    except registry.SourceError as exc:
        fail(str(exc))
    except ServiceOff:
        if board is None:
            fail("the site's web service is switched off, so name the board with --board")
        typer.echo("the site's web service is switched off; its public pages will be read")
        chosen = xml.Committee(committee.strip(), board)
    except (FetchError, xml.SiteError) as exc:
        fail(str(exc))
    with unit_of_work() as session:
        source = registry.add_source(session, kind, url, chosen, board)
        typer.echo(
            f"added source {source.id}: {chosen.title} ({source.url}) into board "
            f"{source.board.name}; run `boardclerk sync` to read its meetings"
        )


@source_app.command("list")
def source_list() -> None:
    """List followed committees, their boards, how their last sync went and what still fails.

    "failing meetings" are the site's meeting ids whose fetch failed: every sync
    tries them again, whatever their date, until they land.
    """
    with unit_of_work() as session:
        table = Table(
            "id", "committee", "board", "site", "last synced", "failing meetings", "problem"
        )
        for source in registry.sources(session):
            synced = source.synced_at.isoformat(timespec="minutes") if source.synced_at else "never"
            table.add_row(
                str(source.id),
                f"{source.committee_title} ({source.committee_id})",
                source.board.name,
                source.url,
                synced,
                ", ".join(source.failed_meetings or ()),
                source.last_error or "",
            )
        out.print(table)


@source_app.command("remove")
def source_remove(
    source_id: Annotated[int, typer.Argument(help="The source's id (see source list).")],
) -> None:
    """Stop following a committee; what was already imported stays."""
    with unit_of_work() as session:
        source = registry.remove_source(session, source_id)
        typer.echo(f"removed source {source_id}: {source.committee_title}")


def _line(result: SourceResult) -> str:
    announced = sum(m.announced for m in result.meetings)
    return (
        f"source {result.source_id} ({result.committee} → {result.board}, {result.via}): "
        f"{len(result.meetings)} meetings: {result.count('new')} new, "
        f"{result.count('updated')} updated, {result.count('unchanged')} unchanged, "
        f"{len(result.failed)} failed; {announced} announcements queued"
    )


def sync_cmd(
    source: Annotated[int | None, typer.Option("--source", help="Only this source id.")] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Read back to this date (YYYY-MM-DD); default 3 years, then 60 days."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON summary per source.")] = False,
) -> None:
    """Bring followed committees up to date from their sites; changes are announced.

    Each meeting is one transaction: one that fails is named on stderr, changes
    nothing and is fetched again next time; the exit status is then 1.
    Announcements go out from `boardclerk run` (within a minute).
    """
    start: dt.date | None = None
    if since is not None:
        try:
            start = dt.date.fromisoformat(since)
        except ValueError:
            fail(f"invalid date {since!r}: use YYYY-MM-DD, e.g. 2024-01-01")
    factory = database()
    if source is not None:
        with unit_of_work() as session:
            registry.source_by_id(session, source)
    results = sync_all(
        factory,
        dt.datetime.now(dt.UTC),
        source_id=source,
        since=start,
        make_client=client_factory(settings()),
    )
    if not results:
        typer.echo("no sources yet: add one with `boardclerk source add moderngov URL -c ID`")
    for result in results:
        if result.notice:
            typer.echo(f"note: source {result.source_id}: {result.notice}", err=True)
        if as_json:
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        elif result.error is None:
            typer.echo(_line(result))
            for meeting in result.meetings:
                when = meeting.date.isoformat() if meeting.date else "?"
                for reading in meeting.documents:
                    note = coverage_note(reading.coverage, reading.unplaced)
                    typer.echo(f"  meeting {meeting.external_id} ({when}) {reading.kind}{note}")
        if result.error is not None:
            typer.echo(f"error: source {result.source_id}: {result.error}", err=True)
        for meeting in result.failed:
            when = f" ({meeting.date.isoformat()})" if meeting.date else ""
            typer.echo(
                f"error: source {result.source_id}: meeting {meeting.external_id}{when}: "
                f"{meeting.error}",
                err=True,
            )
    if any(not r.ok for r in results):
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    app.add_typer(source_app, name="source")
    app.command("sync")(sync_cmd)
