"""Settings from environment variables (and an optional ``.env``); secrets only from there."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated, Any

from platformdirs import user_data_dir
from pydantic import AliasChoices, BeforeValidator, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from schedules.durations import parse_duration
from storage.models import DEFAULT_TIMEZONE

# Every duration setting reads the one format ("30s", "15m", "6h", "30d"); a bare number is refused.
Duration = Annotated[dt.timedelta, BeforeValidator(parse_duration)]
DurationOrZero = Annotated[
    dt.timedelta, BeforeValidator(lambda value: parse_duration(value, allow_zero=True))
]


def _whole_days(value: Any) -> int:
    """A number of whole days, 0 to 60 ("5", or "5d")."""
    text = str(value).strip().lower().removesuffix("d").strip()
    if not text.isdigit() or int(text) > 60:
        raise ValueError("give whole days from 0 to 60, e.g. 5")
    return int(text)


WholeDays = Annotated[int, BeforeValidator(_whole_days)]


class SettingsError(ValueError):
    """A setting that cannot be read; the message is one line naming it."""


def default_database_url() -> str:
    return f"sqlite:///{Path(user_data_dir('boardclerk')) / 'boardclerk.db'}"


def _env(name: str) -> AliasChoices:
    """The platform's conventional name (SLACK_BOT_TOKEN) or ours (BOARDCLERK_SLACK_BOT_TOKEN)."""
    return AliasChoices(name, f"BOARDCLERK_{name}")


class Settings(BaseSettings):
    """Everything Board Clerk reads from its environment."""

    model_config = SettingsConfigDict(
        env_prefix="BOARDCLERK_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    database_url: str = Field(default_factory=default_database_url)
    timezone: str = DEFAULT_TIMEZONE

    slack_bot_token: SecretStr | None = Field(None, validation_alias=_env("SLACK_BOT_TOKEN"))
    slack_app_token: SecretStr | None = Field(None, validation_alias=_env("SLACK_APP_TOKEN"))
    slack_signing_secret: SecretStr | None = Field(
        None, validation_alias=_env("SLACK_SIGNING_SECRET")
    )
    slack_client_id: str | None = Field(None, validation_alias=_env("SLACK_CLIENT_ID"))
    slack_client_secret: SecretStr | None = Field(
        None, validation_alias=_env("SLACK_CLIENT_SECRET")
    )
    slack_api_url: str = Field("https://slack.com/api/", validation_alias=_env("SLACK_API_URL"))
    discord_token: SecretStr | None = Field(None, validation_alias=_env("DISCORD_TOKEN"))
    port: int = Field(3000, validation_alias=_env("PORT"))
    microsoft_app_id: str | None = Field(None, validation_alias=_env("MICROSOFT_APP_ID"))
    microsoft_app_password: SecretStr | None = Field(
        None, validation_alias=_env("MICROSOFT_APP_PASSWORD")
    )
    microsoft_app_tenant_id: str | None = Field(
        None, validation_alias=_env("MICROSOFT_APP_TENANT_ID")
    )
    # Local testing only: the SDK's anonymous mode, no credentials and no token checks.
    teams_allow_anonymous: bool = Field(False, validation_alias=_env("TEAMS_ALLOW_ANONYMOUS"))
    # Where members reach the web server (calendar links in chat and `member calendar-link`).
    public_url: str | None = None
    # How long the web server reuses a rendered calendar feed before reading the database again
    # (0s: never); the old name, which took seconds, is still read but now needs a unit too.
    calendar_cache: DurationOrZero = Field(
        dt.timedelta(seconds=60),
        validation_alias=AliasChoices(
            "BOARDCLERK_CALENDAR_CACHE", "BOARDCLERK_CALENDAR_CACHE_SECONDS", "calendar_cache"
        ),
    )
    # How long a web client has to send a request's head, or its body; also the idle limit.
    web_read_timeout: Duration = dt.timedelta(seconds=10)
    # Open web connections at most; more are answered 503 and closed at once.
    web_max_connections: int = Field(10_000, ge=1)
    # Python logging level for ``run`` (DEBUG shows one line per web request).
    log_level: str = "WARNING"

    # Reminders (see README "Reminders and actions"): offsets "7d,1d,2h"; quiet hours "21:00-08:00" or "off".
    reminder_offsets: str = "7d,1d,2h"
    reminder_send_time: str = "09:00"
    reminder_quiet_hours: str = "21:00-08:00"
    reminder_digest: str = "mon 09:00"
    reminder_apologised: str = "note"
    reminder_matters_arising_days: str = "7"
    # How long a claimed reminder is one process's to send before another retries it.
    reminder_lease: Duration = dt.timedelta(minutes=2)
    # The papers digest goes when an agenda is published and again this many days before
    # the meeting (0: only when it is published).
    digest_days: WholeDays = 5
    # How long after its meeting an apology's reason is kept.
    reason_retention: Duration = dt.timedelta(days=30)

    # Following councils' ModernGov sites (see README, "Following a council's website").
    sync_interval: Duration = dt.timedelta(hours=6)
    # How long to wait for one answer from a site.
    sync_timeout: Duration = dt.timedelta(seconds=60)
    sync_retries: int = 3
    sync_requests_per_second: float = 1.0

    # Limits on what a council site may send (see README, "Following a council's website").
    # The most bytes one page or XML answer may be; a PDF may be five times this.
    fetch_max_bytes: int = 20 * 1024 * 1024
    # Hosts besides the site's own that linked documents (printed minutes) may come from.
    fetch_allow_hosts: str = ""

    # Email (see README, "Email"): the council's relay, smtp://, smtp+starttls:// or smtps://.
    smtp_url: SecretStr | None = None
    # The From address of every email Board Clerk sends.
    mail_from: str | None = None
    # Replies come back here with a token: "apologies@boardclerk.example.gov.uk".
    reply_address: str | None = None
    # Where ``run`` listens for replies by SMTP ("127.0.0.1:2525"); unset: no listener.
    smtp_listen: str | None = None
    # The largest reply the listener or a webhook takes, in bytes.
    smtp_max_bytes: int = Field(1024 * 1024, ge=1024)
    # Mailgun's HTTP webhook signing key: set it to take replies at ``POST /email/mailgun``.
    mailgun_signing_key: SecretStr | None = None
    # The secret path part of ``POST /email/sendgrid/<secret>`` (SendGrid Inbound Parse).
    sendgrid_parse_secret: SecretStr | None = None


def _setting_name(loc: str) -> str:
    """The environment variable a clerk set for the field or alias ``loc``."""
    for name, info in Settings.model_fields.items():
        alias = info.validation_alias
        names = [str(c) for c in alias.choices] if isinstance(alias, AliasChoices) else []
        if loc.lower() in {name.lower(), *(n.lower() for n in names)}:
            variables = [n for n in names if n.isupper()] or [f"BOARDCLERK_{name.upper()}"]
            environ = {key.lower() for key in os.environ}
            return next((v for v in variables if v.lower() in environ), variables[0])
    return loc


def load_settings() -> Settings:
    """The settings, every value checked: ``SettingsError`` names the first bad one in one line."""
    try:
        return Settings()
    except ValidationError as exc:
        first: Any = exc.errors()[0]
        name = _setting_name(str(first["loc"][0])) if first["loc"] else "a setting"
        reason = str(first["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"{name}={first['input']!r}: {reason}") from None
