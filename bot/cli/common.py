"""What every command shares: the database, the clock, and one-line failures.

Settings and the database load when first asked for, not with this module: an import
starts its parsing processes first, and they need neither (``ingest.storing``).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer

from storage.errors import InvalidInput

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from bot.settings import Settings


class UserError(InvalidInput):
    """Bad input from the person at the terminal: one line, exit code 2, nothing written."""


def fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=2)


def settings() -> Settings:
    """The settings; a value that cannot be read stops the command with one line naming it."""
    from bot.settings import SettingsError, load_settings

    try:
        return load_settings()
    except SettingsError as exc:
        fail(str(exc))


def database() -> sessionmaker[Session]:
    """The configured database, created and upgraded on first use."""
    from storage.db import DatabaseError, open_database

    try:
        return open_database(settings().database_url)
    except DatabaseError as exc:
        fail(str(exc))


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """One transaction for one command; bad input inside it rolls back and exits 2."""
    from storage.db import transaction

    factory = database()
    try:
        with transaction(factory) as session:
            yield session
    except InvalidInput as exc:
        fail(str(exc))


def default_zone() -> ZoneInfo:
    name = settings().timezone
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        fail(f"unknown timezone {name!r} in BOARDCLERK_TIMEZONE")


def parse_now(value: str | None, zone: ZoneInfo | None = None) -> dt.datetime:
    """``--now``: ISO 8601; without an offset it is local time in the default timezone."""
    zone = zone or default_zone()
    if value is None:
        return dt.datetime.now(zone)
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        fail(f"invalid date/time {value!r}: use ISO 8601, e.g. 2018-11-07T15:00")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def is_interactive() -> bool:
    return sys.stdin.isatty()
