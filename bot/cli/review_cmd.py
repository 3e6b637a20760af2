"""``boardclerk review``: what the imports could not place or read with confidence."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from bot.cli.common import UserError, unit_of_work
from storage.queries import find_board
from storage.review import review_findings


def review_cmd(
    board: Annotated[str | None, typer.Option("--board", "-b", help="Only this board.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per finding.")] = False,
    everything: Annotated[
        bool, typer.Option("--all", help="Also findings a clerk has marked checked.")
    ] = False,
) -> None:
    """List passages no field of the record kept, and readings a clerk should check.

    Unplaced passages are kept on their meeting (search still finds them). A reading
    is listed as doubtful when under 90% of a document's content lines were placed,
    when an unnumbered agenda item holds eight paragraphs or more (later titles read
    as its text), or when an imported action is tied to no agenda item. Findings
    marked checked in the console are left out unless --all.
    """
    with unit_of_work() as session:
        board_id = None
        if board is not None:
            found = find_board(session, board)
            if found is None:
                raise UserError(f"no board called {board!r}")
            board_id = found.id
        scope = None if board_id is None else [board_id]
        findings = review_findings(session, scope, include_checked=everything)
    for finding in findings:
        if as_json:
            typer.echo(json.dumps(finding.to_dict(), ensure_ascii=False))
        else:
            date = finding.meeting_date.isoformat()
            checked = f" (checked by {finding.checked_by})" if finding.checked_by else ""
            typer.echo(f"{finding.board}, {date}: {finding.kind}: {finding.detail}{checked}")
    if not findings and not as_json:
        typer.echo("nothing to review: every passage was placed")


def register(app: typer.Typer) -> None:
    app.command("review")(review_cmd)
