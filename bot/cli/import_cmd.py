"""``boardclerk import``: council documents into the meeting database."""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.common import database, fail, settings
from ingest import FileResult, import_paths
from ingest.runner import document_files

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

# Fetching pages (httpx, the site client), agenda packs and the progress bar are imported
# where they are used: most imports are of files, and every import pays for start-up.
# SQLAlchemy and the settings load once a folder's parsing processes have started.

# Below this many files a progress bar is more noise than help.
PROGRESS_FROM = 5


def _line(result: FileResult) -> str:
    if result.error is not None:
        return f"{result.path}: failed: {result.error}"
    if result.unchanged:
        return f"{result.path}: unchanged (already imported)"
    date = result.meeting_date.isoformat() if result.meeting_date else "?"
    line = (
        f"{result.path}: {result.board}, {date} ({result.kind}): {result.items} items, "
        f"{result.decisions} decisions, {result.actions} actions, "
        f"{result.attendance} attendance"
    )
    return line + coverage_note(result.coverage, result.unplaced)


def coverage_note(coverage: float | None, unplaced: list[str]) -> str:
    """ ", 100% placed", or the share placed and each passage that could not be placed."""
    if coverage is None:
        return ""
    # Rounded down: 99.6% placed is not "100%".
    note = f", {math.floor(coverage * 1000) / 10:g}% placed"
    for passage in unplaced:
        shown = passage if len(passage) <= 120 else passage[:117] + "..."
        note += f"\n  not placed: {shown}"
    return note


def import_cmd(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders (.txt, .md, .html, .htm, .pdf), or ModernGov page addresses."
        ),
    ],
    board: Annotated[
        str | None,
        typer.Option("--board", "-b", help="Board the documents belong to, when they don't say."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON summary per file.")] = False,
    pack: Annotated[
        bool,
        typer.Option(
            "--pack",
            help="Each PDF is an agenda pack: its agenda becomes the meeting's items and each "
            "item's report pages that item's papers (split by the contents page, 'Agenda Item' "
            "stamps or the agenda's titles).",
        ),
    ] = False,
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            help="With --pack: the address the pack is published at, for members' page links "
            "(default: the file's own file:// address).",
        ),
    ] = None,
) -> None:
    """Import published agendas and minutes: text, ModernGov HTML pages, PDFs.

    An address (https://…/ieListDocuments.aspx?CId=…&MId=…) is fetched and
    imported like a saved copy of the page.

    Each file is one transaction: a file that fails is reported on stderr and
    changes nothing, and the others are still imported. Importing the same file
    again changes nothing; a newer version of a meeting's minutes updates it.
    A big folder is parsed by worker processes while this one stores, in order.
    """
    if pack:
        _packs(database(), [Path(p) for p in paths], board, url, as_json)
        return
    if url is not None:
        fail("--url goes with --pack")
    urls = [p for p in paths if p.lower().startswith(("http://", "https://"))]
    files = [Path(p) for p in paths if p not in urls]
    # Opened once, when first needed: a folder's parsers start while it opens.
    factory = functools.cache(database)
    results: list[FileResult] = _fetched(factory(), urls, board) if urls else []
    total = len(list(document_files(files)))
    if total >= PROGRESS_FROM and not as_json:
        results += _with_progress(factory, files, board, total)
    elif files:
        results += import_paths(factory, files, board=board)
    for result in results:
        if as_json:
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        elif result.ok:
            typer.echo(_line(result))
        if not result.ok:
            typer.echo(f"error: {_line(result)}", err=True)
    if not results:
        typer.echo("error: no importable documents found", err=True)
    failed = sum(1 for r in results if not r.ok)
    if failed or not results:
        raise typer.Exit(code=1)


def _with_progress(
    factory: Callable[[], sessionmaker[Session]], files: list[Path], board: str | None, total: int
) -> list[FileResult]:
    """``import_paths`` with a progress bar on stderr."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("importing"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("import", total=total)
        return import_paths(factory, files, board=board, progress=lambda _r: bar.advance(task))


def _fetched(
    factory: sessionmaker[Session], urls: list[str], board: str | None
) -> list[FileResult]:
    from bot.site_clients import client_factory
    from ingest.moderngov.pages import import_url

    make_client = client_factory(settings())
    results = []
    for url in urls:
        with make_client(url.split("?")[0].rsplit("/", 1)[0]) as client:
            results.append(import_url(factory, client, url, board=board))
    return results


def _packs(
    factory: sessionmaker[Session],
    paths: list[Path],
    board: str | None,
    url: str | None,
    as_json: bool,
) -> None:
    if url is not None and len(paths) != 1:
        fail("--url names one pack's address: give one file with it")
    from ingest.packs import import_pack

    now = dt.datetime.now(dt.UTC)
    failed = 0
    for path in paths:
        result = import_pack(factory, path, now, board=board, url=url)
        if as_json:
            data = result.summary.to_dict() | {
                "papers": result.papers,
                "pages": result.pages,
                "split_by": result.split_by,
            }
            typer.echo(json.dumps(data, ensure_ascii=False))
        elif result.ok and not result.summary.unchanged:
            typer.echo(
                f"{_line(result.summary)}\n  papers: {result.papers} items, "
                f"{result.pages} pages (split by {result.split_by})"
            )
        elif result.ok:
            typer.echo(_line(result.summary))
        if not result.ok:
            failed += 1
            typer.echo(f"error: {_line(result.summary)}", err=True)
    if failed:
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    app.command("import")(import_cmd)
