"""``boardclerk teams manifest``: the app package a Teams administrator uploads."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import fail, settings
from bot.teams.manifest import package

teams_app = typer.Typer(help="Microsoft Teams: the app package to upload.", no_args_is_help=True)


@teams_app.command("manifest")
def teams_manifest(
    website: Annotated[
        str,
        typer.Option(help="HTTPS site for the app's privacy and terms pages (/privacy, /terms)."),
    ],
    out: Annotated[Path, typer.Option(help="Folder to write boardclerk-teams.zip into.")] = Path(),
    version: Annotated[str, typer.Option(help="The app package's version.")] = "1.0.0",
) -> None:
    """Write the Teams app package (manifest.json and two icons) for MICROSOFT_APP_ID."""
    app_id = settings().microsoft_app_id
    if not app_id:
        fail("set MICROSOFT_APP_ID to the bot's Azure app registration id first")
    try:
        uuid.UUID(app_id)
    except ValueError:
        fail(f"MICROSOFT_APP_ID {app_id!r} is not an app registration id (a GUID)")
    if not website.startswith("https://"):
        fail("--website must be an https:// address (Teams requires it)")
    try:
        out.mkdir(parents=True, exist_ok=True)
        target = out / "boardclerk-teams.zip"
        target.write_bytes(package(app_id, website, version))
    except OSError as exc:
        fail(f"cannot write the package: {exc.strerror}")
    typer.echo(f"wrote {target}: upload it in Teams (Apps → Manage your apps → Upload an app)")


def register(app: typer.Typer) -> None:
    app.add_typer(teams_app, name="teams")
