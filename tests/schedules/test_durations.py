"""Every duration setting reads one format: a number and a unit; a bare number is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from schedules.durations import parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30s", dt.timedelta(seconds=30)),
        ("15m", dt.timedelta(minutes=15)),
        (" 6H ", dt.timedelta(hours=6)),
        ("30d", dt.timedelta(days=30)),
        ("1.5h", dt.timedelta(minutes=90)),
        ("2 m", dt.timedelta(minutes=2)),
    ],
)
def test_a_number_and_a_unit_is_a_duration(text: str, expected: dt.timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("30", "no unit: give a unit: 30s, 15m, 6h or 30d"),
        ("", "not a duration: use 30s, 15m, 6h or 30d"),
        ("six hours", "not a duration: use 30s, 15m, 6h or 30d"),
        ("-5m", "not a duration: use 30s, 15m, 6h or 30d"),
        ("2w", "unknown unit 'w': use 30s, 15m, 6h or 30d"),
        ("0h", "must be longer than 0s: use 30s, 15m, 6h or 30d"),
    ],
)
def test_anything_else_is_refused_in_one_line(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_duration(text)
    assert str(refused.value) == reason


def test_zero_is_allowed_only_where_it_means_never() -> None:
    assert parse_duration("0s", allow_zero=True) == dt.timedelta(0)
    assert parse_duration(dt.timedelta(minutes=2)) == dt.timedelta(minutes=2)
    with pytest.raises(ValueError, match="cannot be negative"):
        parse_duration(dt.timedelta(seconds=-1), allow_zero=True)
