"""Settings from environment variables (and an optional ``.env``); secrets only from there."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from storage.models import DEFAULT_TIMEZONE


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
    # How long the web server reuses a rendered calendar feed before reading the database again.
    calendar_cache_seconds: float = 60.0
    # Seconds a web client has to send a request's head, or its body; also the idle limit.
    web_read_timeout: float = Field(10.0, gt=0)
    # Open web connections at most; more are answered 503 and closed at once.
    web_max_connections: int = Field(10_000, ge=1)
    # Python logging level for ``run`` (DEBUG shows one line per web request).
    log_level: str = "WARNING"

    # Reminders (see docs/reminders.md): offsets "7d,1d,2h"; quiet hours "21:00-08:00" or "off".
    reminder_offsets: str = "7d,1d,2h"
    reminder_send_time: str = "09:00"
    reminder_quiet_hours: str = "21:00-08:00"
    reminder_digest: str = "mon 09:00"
    reminder_apologised: str = "note"
    reminder_matters_arising_days: str = "7"
    # How long a claimed reminder is one process's to send before another retries it.
    reminder_lease: str = "2m"
    # How long after its meeting an apology's reason is kept: "30d" (days) or "12h".
    reason_retention: str = "30d"

    # Following councils' ModernGov sites (see README, "Following a council's website").
    sync_interval: str = "6h"
    sync_timeout: float = 60.0
    sync_retries: int = 3
    sync_requests_per_second: float = 1.0


def load_settings() -> Settings:
    return Settings()
