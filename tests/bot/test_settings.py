"""Duration settings are checked when the settings load, and a bad one is named in one line."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.settings import SettingsError, load_settings


@pytest.fixture(autouse=True)
def no_env_file(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]


def test_every_duration_setting_reads_the_one_format(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "BOARDCLERK_SYNC_INTERVAL": "15m",
        "BOARDCLERK_SYNC_TIMEOUT": "30s",
        "BOARDCLERK_REASON_RETENTION": "12h",
        "BOARDCLERK_REMINDER_LEASE": "90s",
        "BOARDCLERK_CALENDAR_CACHE": "0s",
    }.items():
        monkeypatch.setenv(name, value)

    settings = load_settings()

    assert (
        settings.sync_interval,
        settings.sync_timeout,
        settings.reason_retention,
        settings.reminder_lease,
        settings.calendar_cache,
    ) == (
        dt.timedelta(minutes=15),
        dt.timedelta(seconds=30),
        dt.timedelta(hours=12),
        dt.timedelta(seconds=90),
        dt.timedelta(0),
    )


def test_the_defaults_are_durations() -> None:
    settings = load_settings()
    assert settings.sync_interval == dt.timedelta(hours=6)
    assert settings.reason_retention == dt.timedelta(days=30)
    assert settings.calendar_cache == dt.timedelta(seconds=60)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BOARDCLERK_SYNC_TIMEOUT", "60"),
        ("BOARDCLERK_REASON_RETENTION", "30"),
        ("BOARDCLERK_REMINDER_LEASE", "45"),
        ("BOARDCLERK_CALENDAR_CACHE_SECONDS", "60"),
    ],
)
def test_a_bare_number_means_nothing_and_is_refused_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as refused:
        load_settings()
    assert str(refused.value) == f"{name}={value!r}: no unit: give a unit: 30s, 15m, 6h or 30d"


@pytest.mark.parametrize("value", ["-1", "61", "five", "2.5"])
def test_digest_days_are_whole_days_up_to_sixty(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("BOARDCLERK_DIGEST_DAYS", value)
    with pytest.raises(SettingsError) as refused:
        load_settings()
    assert str(refused.value) == (
        f"BOARDCLERK_DIGEST_DAYS={value!r}: give whole days from 0 to 60, e.g. 5"
    )


def test_digest_days_default_to_five_and_zero_is_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().digest_days == 5
    monkeypatch.setenv("BOARDCLERK_DIGEST_DAYS", "0")
    assert load_settings().digest_days == 0
